// `aftersales import FILE.csv [--mapping NAME] [--service S] [--map field=Column]… [--set path=value]…
// [--date-format F] [--source-system NAME] [--dry-run]`: keep the ledger in step with a help-desk
// export (SPEC §5). Rows are matched to records by `source: {system, id}`: a new one creates a
// record; a known one updates the fields the mapping owns (its columns, constants and steps;
// status gives `closed`/`outcome`, and a ticket reopened in the help desk reopens its record)
// when they changed, keeping every other field and the file's comments; an unchanged one is not
// touched (byte-identical, so git shows only real changes). A row that cannot be read,
// converted or applied is rejected with its line and reason. Exit 0 when no row was rejected,
// 1 when some were, 2 when the job could not be done at all. `--kind sales|products`: see
// import-inputs.ts.
import { AftersalesError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { LedgerFile } from '../ledger/load.js';
import { IMPORT_KINDS, type ImportMapping, type RecordData } from '../ledger/schema.js';
import { parseSet, setIn } from '../ledger/set-values.js';
import { isTimestamp } from '../ledger/values.js';
import { readExport } from '../recording/export-file.js';
import { buildMapping, convertCell, STILL_OPEN, type ValueContext } from '../recording/import-map.js';
import { findMapping } from '../recording/import-mapping.js';
import { prepareRecord, writeRecordAsync, type Data } from '../recording/new-record.js';
import { planOf, serviceOf, type Plan } from '../recording/plan.js';
import { getIn } from '../recording/ask.js';
import { commitEdits, type Edit } from '../recording/edit-record.js';
import { progressBar } from '../io/progress.js';
import { openLedger } from '../ledger/open.js';
import { safeText } from '../io/safe-text.js';
import { parseTimestamp } from '../time/index.js';
import { codeOption } from './code-option.js';

export interface ImportOptions {
  file: string;
  mapping?: string;
  kind?: string;
  service?: string;
  map?: string[];
  set?: string[];
  dateFormat?: string;
  dryRun?: boolean;
  sourceSystem?: string;
}

export interface ImportResult {
  exitCode: number;
  created: string[];
  /** Records whose owned fields changed, with those fields. */
  updated: { id: string; fields: string[] }[];
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

export const DEFAULT_SOURCE_SYSTEM = 'helpdesk';
/** Rejected rows listed on stderr; the count of the others follows. */
const MAX_REPORTED = 200;
/** Writes in flight at once: their fsyncs overlap (the disk, not the CPU, is the limit). */
const WRITES_IN_FLIGHT = 16;

const sourceKey = (system: unknown, id: unknown) => `${String(system)}\u0000${String(id)}`;

async function dateParser(format: string, t: ValueContext['t']): Promise<(text: string, f: string) => number> {
  const [{ parse }, { TZDate }] = await Promise.all([import('date-fns/parse'), import('@date-fns/tz')]);
  // Parse against a UTC reference: the fields come out as wall-clock time with no DST shift of
  // the machine's zone; the ledger zone is applied afterwards.
  const reference = new TZDate(0, 'UTC');
  try {
    parse('2026-01-01', format, reference);
  } catch (e) {
    throw new UsageError(t('import.bad-date-format', { format, reason: (e as Error).message }), t('import.hint.date-format'));
  }
  return (text, f) => parse(text, f, reference).getTime();
}

/** The owned value of a field as the ledger writes it, for comparison (instants by instant). */
function same(a: unknown, b: unknown, tz: string): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (typeof a === 'string' && typeof b === 'string' && isTimestamp(a) && isTimestamp(b)) return parseTimestamp(a, tz) === parseTimestamp(b, tz);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

/** The fields a mapping owns on a known record: what it writes, status as closed + outcome. */
function ownedPaths(columns: string[][], sets: { path: string[] }[]): string[][] {
  const out = new Map<string, string[]>();
  for (const p of [...columns, ...sets.map((s) => s.path)]) {
    if (p[0] === 'source' || p[0] === 'id' || p[0] === 'service' || p[0] === 'procedure') continue;
    out.set(p.join('.'), p);
    if (p[0] === 'outcome') out.set('closed', ['closed']);
    if (p[0] === 'closed') out.set('outcome', ['outcome']);
  }
  return [...out.values()];
}

export async function runImport(ctx: CommandContext & ImportOptions): Promise<ImportResult> {
  const { io } = ctx;
  const t = io.t;
  const kindFlag = ctx.kind === undefined ? undefined : codeOption(io, '--kind', ctx.kind, IMPORT_KINDS);
  const ledger = openLedger(ctx);
  const mapping: ImportMapping | undefined = ctx.mapping === undefined ? undefined : findMapping(ledger, ctx.mapping, t);
  const kind = kindFlag ?? mapping?.kind ?? 'records';
  if (kind !== 'records') return (await import('./import-inputs.js')).runImportInputs(ctx, ledger, kind, mapping);

  const sets = [
    ...Object.entries(mapping?.constants ?? {}).map(([field, value]) => parseSet('record', `${field}=${value}`, t)),
    ...Object.entries(mapping?.steps ?? {}).map(([step, state]) => ({ path: ['steps', step], value: state as unknown })),
    ...(ctx.set ?? []).map((s) => parseSet('record', s, t)),
  ];
  const table = await readExport(ctx.cwd, ctx.file, t, mapping?.delimiter);
  const absent: string[] = [];
  const columns = buildMapping(table.header, ctx.map ?? [], t, mapping?.columns ?? {}, absent);
  if (absent.length > 0) io.err(`${t('severity.warning')}: ${t('import.absent-columns', { columns: absent.join(', ') })}\n`);

  const plan = planOf(ledger, t);
  const service = ctx.service ?? mapping?.service;
  const mapsService = columns.some((m) => m.path[0] === 'service');
  if (service !== undefined) serviceOf(plan, service, t); // unknown service: exit 2 now, not per row
  else if (!mapsService) throw new UsageError(t('import.no-service'), t('import.hint.no-service'));
  const owned = ownedPaths(columns.map((m) => m.path), sets);

  // What the ledger already holds, by source id (and record id: the re-import of an export).
  const bySource = new Map<string, LedgerFile<RecordData>>();
  const ids = new Map<string, LedgerFile<RecordData>>();
  let unreadable = 0;
  for (const f of ledger.records) {
    const path = f.path;
    ids.set(path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, ''), f);
    if (f.data?.source) bySource.set(sourceKey(f.data.source.system, f.data.source.id), f);
    else if (f.data === undefined) unreadable++;
  }
  // Their source ids are unknown: a row they came from would be imported again.
  if (unreadable > 0) io.err(`${t('severity.warning')}: ${t('import.broken-records', { count: unreadable })}\n`);

  const dateFormat = ctx.dateFormat ?? mapping?.date_format;
  const zone = mapping?.timezone ?? plan.tz;
  const values: ValueContext = {
    tz: zone,
    ledgerTz: plan.tz,
    dateFormat,
    people: plan.ledger.team?.people ?? [],
    products: plan.ledger.products?.products ?? [],
    t,
    parseDate: dateFormat ? await dateParser(dateFormat, t) : undefined,
  };
  const valueMaps = mapping?.values ?? {};
  const system = ctx.sourceSystem ?? mapping?.source_system ?? DEFAULT_SOURCE_SYSTEM;
  const now = io.now();
  const created: string[] = [];
  const updated: ImportResult['updated'] = [];
  let unchanged = 0;
  const rejected = table.broken.map((b) => ({ line: b.line, reason: t('import.broken-row', { reason: b.reason }) }));
  const rowOf = new Map<string, number>(); // source key → line, within this export

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const progress = await progressBar(io, table.rows.length, t('import.progress'));
  try {
    for (const row of table.rows) {
      progress.tick();
      const data: Data = {};
      for (const s of sets) setIn(data, s.path, s.value);
      const errors: string[] = [];
      for (const m of columns) {
        const field = m.path.join('.');
        const cell = row.cells[m.column] ?? '';
        const mapped = valueOf(valueMaps[field], cell);
        if (mapped === STILL_OPEN && field === 'outcome') {
          data.outcome = STILL_OPEN;
          continue;
        }
        const r = convertCell(m.path, mapped === undefined ? cell : String(mapped), values);
        if ('error' in r) errors.push(r.error);
        else if (r.value !== undefined) setIn(data, m.path, r.value);
      }
      if (errors.length > 0) {
        rejected.push({ line: row.line, reason: errors.join('; ') });
        continue;
      }
      // A help-desk status meaning "still open": the record is open, whatever "Resolved at" says.
      if (data.outcome === STILL_OPEN) {
        delete data.outcome;
        delete data.closed;
      }
      const source = (data.source ?? {}) as Data;
      if (source.id === undefined && data.id !== undefined) source.id = String(data.id); // re-import of an export
      if (source.id === undefined) {
        rejected.push({ line: row.line, reason: t('import.no-source-id') });
        continue;
      }
      if (source.system === undefined) source.system = system;
      data.source = { system: source.system, id: source.id };
      const key = sourceKey(source.system, source.id);
      const earlier = rowOf.get(key);
      if (earlier !== undefined) {
        rejected.push({ line: row.line, reason: t('import.duplicate-row', { id: String(source.id), line: earlier }) });
        continue;
      }
      rowOf.set(key, row.line);
      const known = bySource.get(key) ?? (data.id !== undefined ? ids.get(String(data.id)) : undefined);
      if (known) {
        const outcome = syncRecord(ctx, plan, known, data, owned);
        if (outcome === 'unchanged') unchanged++;
        else if ('reason' in outcome) rejected.push({ line: row.line, reason: outcome.reason });
        else updated.push(outcome);
        continue;
      }
      if (data.service === undefined) data.service = service;
      const prepared = prepareRecord(plan, data, now, t);
      if (!prepared.ok) {
        rejected.push({ line: row.line, reason: prepared.errors.join('; ') });
        continue;
      }
      ids.set(String(prepared.record.data.id), { path: prepared.record.rel, kind: 'record', data: prepared.record.data as RecordData, problems: [] });
      if (ctx.dryRun) {
        created.push(String(prepared.record.data.id));
        continue;
      }
      const write: Promise<void> = writeRecordAsync(plan, prepared.record, t).then(
        (done) => void created.push(String(done.data.id)),
        (e) => void (failure ??= e),
      ).finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
      if (failure) break; // a write failed (disk full, permissions): stop, report below
    }
    await Promise.all(inFlight);
  } finally {
    progress.stop();
  }
  if (failure) throw failure;

  rejected.sort((a, b) => a.line - b.line);
  // A systematic mistake (a wrong mapping) rejects every row: the first ones say enough.
  // a reason quotes the export's cell: made safe (an export is not to be trusted with a terminal)
  for (const r of rejected.slice(0, MAX_REPORTED)) io.err(`${ctx.file}:${r.line}: ${safeText(r.reason)}\n`);
  if (rejected.length > MAX_REPORTED) io.err(`${t('import.more-rejected', { count: rejected.length - MAX_REPORTED })}\n`);
  if (ctx.dryRun) {
    for (const id of created.slice(0, MAX_REPORTED)) io.out(`${t('import.would-create', { id })}\n`);
    for (const u of updated.slice(0, MAX_REPORTED)) io.out(`${t('import.would-update', { id: u.id, fields: u.fields.join(', ') })}\n`);
  }
  const summary = ctx.dryRun ? 'import.summary-dry' : 'import.summary';
  io.out(`${t(summary, { file: ctx.file, created: created.length, updated: updated.length, unchanged, rejected: rejected.length, rows: table.rows.length + table.broken.length, zone })}\n`);
  return { exitCode: rejected.length > 0 ? 1 : 0, created, updated, unchanged, rejected };
}

/** A cell through the mapping's value map for its field (exact, then ignoring case and spaces). */
function valueOf(map: Record<string, string | number | boolean> | undefined, cell: string): string | number | boolean | typeof STILL_OPEN | undefined {
  if (!map) return undefined;
  const text = cell.trim();
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const hit = Object.prototype.hasOwnProperty.call(map, text) ? map[text] : Object.entries(map).find(([k]) => norm(k) === norm(text))?.[1];
  if (hit === undefined) return undefined;
  return hit === 'open' ? STILL_OPEN : hit;
}

/**
 * A row of a ticket the ledger already holds: the owned fields that differ, written in one
 * locked, validated, comment-keeping edit (or only listed, with --dry-run).
 */
function syncRecord(
  ctx: CommandContext & ImportOptions, plan: Plan, known: LedgerFile<RecordData>, row: Data, owned: string[][],
): 'unchanged' | { id: string; fields: string[] } | { reason: string } {
  const { io } = ctx;
  const current = (known.data ?? {}) as Data;
  const id = String(current.id ?? known.path.replace(/^.*\/|\.yaml$/g, ''));
  const edits: Edit[] = [];
  for (const path of owned) {
    const next = getIn(row, path);
    if (!same(getIn(current, path), next, plan.tz)) edits.push({ path, value: next === undefined ? null : next });
  }
  if (edits.length === 0) return 'unchanged';
  const opened = edits.find((e) => e.path[0] === 'opened');
  if (opened && typeof opened.value === 'string' && typeof current.opened === 'string' && opened.value.slice(0, 7) !== current.opened.slice(0, 7)) {
    return { reason: io.t('import.opened-moved', { id, from: current.opened, to: opened.value }) };
  }
  const fields = edits.map((e) => e.path.join('.'));
  if (ctx.dryRun) return { id, fields };
  try {
    const ref = { id, path: known.path };
    // closed and outcome first: new keys are appended in this order (as record close writes them).
    const rank = (e: Edit) => (e.path[0] === 'closed' ? 0 : e.path[0] === 'outcome' ? 1 : 2);
    edits.sort((a, b) => rank(a) - rank(b));
    commitEdits(plan, { ref, text: '', data: current }, edits, io);
    return { id, fields };
  } catch (e) {
    if (!(e instanceof AftersalesError)) throw e;
    const details = (e as { details?: string[] }).details ?? [];
    return { reason: [e.message, ...details].join('; ') };
  }
}
