// Records as flat rows for BI tools: one column per field, nested mappings dotted
// (`survey.csat`, `cause.category`, `steps.diagnose`), lists (parts, paused) as JSON text.
// The columns come in a stable order: the record fields of SPEC §1.6 in their order, with the
// step ids and the ledger's own survey questions found in the exported records sorted in
// place; x- keys are not exported. Defaults (priority normal, complaint false) are filled in.
import type { RecordData } from '../ledger/schema.js';

type Data = Record<string, unknown>;

const BEFORE_STEPS = ['id', 'service', 'procedure', 'opened', 'responded', 'closed', 'paused', 'channel', 'priority', 'customer', 'product', 'serial', 'sold', 'assignee', 'visits'];
const AFTER_STEPS = ['outcome', 'complaint', 'cause.category', 'cause.detail', 'parts', 'replaced_serial', 'cost'];
const SURVEY_STANDARD = ['survey.csat', 'survey.nps', 'survey.effort'];
const TAIL = ['survey.comment', 'source.system', 'source.id', 'notes'];

export function withDefaults(r: RecordData): RecordData {
  return { ...r, priority: r.priority ?? 'normal', complaint: r.complaint ?? false };
}

export function exportColumns(records: RecordData[]): string[] {
  const steps = new Set<string>();
  const survey = new Set<string>();
  for (const r of records) {
    for (const s of Object.keys(r.steps ?? {})) steps.add(`steps.${s}`);
    for (const q of Object.keys(r.survey ?? {})) if (!['csat', 'nps', 'effort', 'comment'].includes(q)) survey.add(`survey.${q}`);
  }
  return [...BEFORE_STEPS, ...[...steps].sort(), ...AFTER_STEPS, ...SURVEY_STANDARD, ...[...survey].sort(), ...TAIL];
}

export function cellOf(r: RecordData, column: string): unknown {
  let node: unknown = r;
  for (const key of column.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Data)[key];
  }
  return node;
}

/** The record as a flat object of the given columns (absent fields: undefined). */
export function flatRecord(r: RecordData, columns: string[]): Data {
  const out: Data = {};
  for (const c of columns) out[c] = cellOf(r, c);
  return out;
}
