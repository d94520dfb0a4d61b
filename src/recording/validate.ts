// Validation of one record before it is written, with the very rules of `aftersales check`:
// the schema (validateData), then the cross-file checks (crossChecks) run over the plan plus
// this one record, keeping only what they say about it (service and procedure@version exist,
// assignee and product exist, step ids, date order, folder and id date). A record that passes
// here passes `check` (duplicate ids aside, which exclusive create rules out).
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import type { Translate } from '../i18n/index.js';
import { crossChecks } from '../ledger/checks.js';
import type { Ledger, LedgerFile } from '../ledger/load.js';
import { parseText } from '../ledger/parse.js';
import { placeProblems } from '../ledger/positions.js';
import type { PendingProblem, Problem } from '../ledger/problems.js';
import { problemHint, problemMessage } from '../ledger/problems.js';
import type { RecordData } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { recordFileText } from './render.js';

export interface Findings {
  errors: string[];
  warnings: string[];
}

/** Message and hint of a coded problem (as report/problems.ts words them, without loading chalk). */
function renderProblem(p: { code: string; params: PendingProblem['params'] }, t: Translate): { message: string; hint: string } {
  return { message: problemMessage(p, t), hint: problemHint(p, t) };
}

/** `field: message (did you mean …?)`, for records the user did not write as YAML. */
export function describePending(p: PendingProblem, t: Translate): string {
  const r = renderProblem(p, t);
  const where = p.path.length > 0 ? `${p.path.join('.')}: ` : '';
  return `${where}${r.message}${r.hint ? ` (${r.hint})` : ''}`;
}

/** `file:line:col: message`, for edits of a file the user may have written. */
export function describePlaced(p: Problem, t: Translate): string {
  const r = renderProblem(p, t);
  return `${p.file}:${p.line}:${p.column}: ${r.message}${r.hint ? ` (${r.hint})` : ''}`;
}

/** The cross-file problems of one record's data at `rel`, against the plan (a ledger without records). */
export function recordCrossProblems(plan: Ledger, rel: string, data: RecordData): PendingProblem[] {
  const file: LedgerFile<RecordData> = { path: rel, kind: 'record', data, problems: [] };
  const ledger: Ledger = { ...plan, records: [file], files: [...plan.files, file], recordsLoaded: true };
  return crossChecks(ledger).filter((p) => p.file === rel);
}

function split(pending: PendingProblem[], show: (p: PendingProblem) => string): Findings {
  return {
    errors: pending.filter((p) => p.severity === 'error').map(show),
    warnings: pending.filter((p) => p.severity === 'warning').map(show),
  };
}

/** Validate a new record's data; when valid, also its rendered text (which must read back as the data). */
export function checkNewRecord(plan: Ledger, rel: string, data: Record<string, unknown>, t: Translate): Findings & { text?: string } {
  const schema = validateData(rel, 'record', data);
  if (schema.length > 0) return split(schema, (p) => describePending(p, t));
  const found = split(recordCrossProblems(plan, rel, data as RecordData), (p) => describePending(p, t));
  if (found.errors.length > 0) return found;
  // Plain scalars are chosen conservatively; should one ever read back differently, quote all.
  let text = recordFileText(rel, data);
  if (!isDeepStrictEqual(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), data)) text = recordFileText(rel, data, true);
  return { ...found, text };
}

/** Validate an edited record file's text exactly as `check` reads it. */
export function checkEditedText(plan: Ledger, rel: string, text: string, t: Translate): Findings & { data?: RecordData } {
  const parsed = parseText(rel, 'record', text);
  if (parsed.problems.length > 0 || parsed.data === undefined) {
    return { errors: parsed.problems.map((p) => describePlaced(p, t)), warnings: [] };
  }
  const data = parsed.data as RecordData;
  const placed = placeProblems(text, recordCrossProblems(plan, rel, data));
  return {
    data,
    errors: placed.filter((p) => p.severity === 'error').map((p) => describePlaced(p, t)),
    warnings: placed.filter((p) => p.severity === 'warning').map((p) => describePlaced(p, t)),
  };
}
