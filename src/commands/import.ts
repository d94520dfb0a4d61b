// `aftersales import FILE.csv --service S --map field=Column… [--date-format F] [--dry-run]
// [--source-system NAME] [--set path=value]…`: interventions from a help-desk export.
// Idempotent by `source: {system, id}`: a row whose source id (or record id) is already in the
// ledger is skipped, so importing the same file twice creates nothing the second time. A row
// that cannot be read or converted, or whose record would not pass `check`, is rejected with
// its line and reason, and the rest are imported. Exit 0 when every row was created or
// skipped, 1 when some were rejected, 2 when the job could not be done at all.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { decodeText } from '../ledger/parse.js';
import { parseSet, setIn } from '../ledger/set-values.js';
import { parseCsv } from '../recording/csv.js';
import { buildMapping, convertCell, STILL_OPEN, type ValueContext } from '../recording/import-map.js';
import { prepareRecord, writeRecordAsync, type Data } from '../recording/new-record.js';
import { planOf, serviceOf } from '../recording/plan.js';
import { progressBar } from '../io/progress.js';
import { openLedger } from '../ledger/open.js';
import { safeText } from '../io/safe-text.js';

export interface ImportOptions {
  file: string;
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
  skipped: number;
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

export async function runImport(ctx: CommandContext & ImportOptions): Promise<ImportResult> {
  const { io } = ctx;
  const t = io.t;
  const sets = (ctx.set ?? []).map((s) => parseSet('record', s, t));

  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(ctx.cwd, ctx.file));
  } catch (e) {
    throw new UsageError(t('import.unreadable', { file: ctx.file, reason: (e as Error).message }));
  }
  const decoded = decodeText(ctx.file, bytes);
  if (decoded.text === undefined) {
    const p = decoded.problem!;
    throw new UsageError(t('import.not-utf8', { file: ctx.file, line: p.line, column: p.column, byte: String(p.params.byte) }), t('import.hint.not-utf8'));
  }
  const table = await parseCsv(decoded.text);
  if (table.header.length === 0) throw new UsageError(t('import.empty', { file: ctx.file }));
  const mapping = buildMapping(table.header, ctx.map ?? [], t);

  const ledger = openLedger(ctx);
  const plan = planOf(ledger, t);
  const mapsService = mapping.some((m) => m.path[0] === 'service');
  if (ctx.service !== undefined) serviceOf(plan, ctx.service, t); // unknown service: exit 2 now, not per row
  else if (!mapsService) throw new UsageError(t('import.no-service'), t('import.hint.no-service'));

  // What the ledger already holds: source ids and record ids (idempotency).
  const seen = new Set<string>();
  const ids = new Set<string>();
  let unreadable = 0;
  for (const f of ledger.records) {
    const path = f.path;
    ids.add(path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, ''));
    if (f.data?.source) seen.add(sourceKey(f.data.source.system, f.data.source.id));
    else if (f.data === undefined) unreadable++;
  }
  // Their source ids are unknown: a row they came from would be imported again.
  if (unreadable > 0) io.err(`${t('severity.warning')}: ${t('import.broken-records', { count: unreadable })}\n`);

  const values: ValueContext = {
    tz: plan.tz,
    dateFormat: ctx.dateFormat,
    people: plan.ledger.team?.people ?? [],
    products: plan.ledger.products?.products ?? [],
    t,
    parseDate: ctx.dateFormat ? await dateParser(ctx.dateFormat, t) : undefined,
  };
  const system = ctx.sourceSystem ?? DEFAULT_SOURCE_SYSTEM;
  const now = io.now();
  const created: string[] = [];
  const rejected = table.broken.map((b) => ({ line: b.line, reason: t('import.broken-row', { reason: b.reason }) }));
  let skipped = 0;

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const progress = await progressBar(io, table.rows.length, t('import.progress'));
  try {
    for (const row of table.rows) {
      progress.tick();
      const data: Data = {};
      for (const s of sets) setIn(data, s.path, s.value);
      const errors: string[] = [];
      for (const m of mapping) {
        const r = convertCell(m.path, row.cells[m.column] ?? '', values);
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
      if (seen.has(key) || (data.id !== undefined && ids.has(String(data.id)))) {
        skipped++;
        continue;
      }
      if (data.service === undefined) data.service = ctx.service;
      const prepared = prepareRecord(plan, data, now, t);
      if (!prepared.ok) {
        rejected.push({ line: row.line, reason: prepared.errors.join('; ') });
        continue;
      }
      seen.add(key);
      ids.add(String(prepared.record.data.id));
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
  const key = ctx.dryRun ? 'import.summary-dry' : 'import.summary';
  io.out(`${t(key, { file: ctx.file, created: created.length, skipped, rejected: rejected.length, rows: table.rows.length + table.broken.length })}\n`);
  return { exitCode: rejected.length > 0 ? 1 : 0, created, skipped, rejected };
}
