// A new record from data (flags, prompts, a --from file or a CSV row): defaults filled in,
// validated, rendered, then created exclusively under records/<YYYY>/<MM>/. Never overwrites:
// a generated id that happens to exist already is drawn again; a given one is refused.
import { dirname, join } from 'node:path';
import { LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { createExclusive, createExclusiveAsync, outputFolderProblem } from '../ledger/write.js';
import { formatInstant, localDate } from '../time/index.js';
import { newRecordId, openedDate, recordRelPath } from './ids.js';
import { serviceOf, type Plan } from './plan.js';
import { checkNewRecord } from './validate.js';

export type Data = Record<string, unknown>;

export interface PreparedRecord {
  data: Data;
  rel: string;
  text: string;
  /** The id was drawn here (so it may be drawn again on a clash). */
  generated: boolean;
  warnings: string[];
}

export type Prepared = { ok: true; record: PreparedRecord } | { ok: false; errors: string[] };

/** "Now" as a record timestamp: whole seconds, with the ledger zone's offset. */
export function nowStamp(nowMs: number, tz: string): string {
  return formatInstant(Math.floor(nowMs / 1000) * 1000, tz);
}

/** Fill the defaults of a new record (procedure, opened, id) and validate it. */
export function prepareRecord(plan: Plan, input: Data, nowMs: number, t: Translate): Prepared {
  const data: Data = { ...input };
  if (typeof data.service !== 'string' || data.service === '') return { ok: false, errors: [t('record.no-service')] };
  let ref: string;
  try {
    ref = serviceOf(plan, data.service, t).ref;
  } catch (e) {
    const hint = (e as { hint?: string }).hint;
    return { ok: false, errors: [`service: ${(e as Error).message}${hint ? ` (${hint})` : ''}`] };
  }
  if (data.procedure === undefined) data.procedure = ref;
  if (data.opened === undefined) data.opened = nowStamp(nowMs, plan.tz);
  const day = typeof data.opened === 'string' ? openedDate(data.opened, plan.tz) : undefined;
  const generated = data.id === undefined;
  if (generated) data.id = newRecordId(day ?? localDate(nowMs, plan.tz));
  const id = String(data.id);
  const rel = recordRelPath(id, day ?? `${id.slice(0, 4)}-${id.slice(4, 6)}`);
  const found = checkNewRecord(plan.ledger, rel, withIdFirst(data), t);
  if (found.errors.length > 0 || found.text === undefined) return { ok: false, errors: found.errors };
  return { ok: true, record: { data, rel, text: found.text, generated, warnings: found.warnings } };
}

function withIdFirst(data: Data): Data {
  const { id, ...rest } = data;
  return { id, ...rest };
}

function isExists(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'EEXIST';
}

/** Create the record's file; returns the record (its id drawn again when a generated id clashes). */
export function writeRecord(plan: Plan, record: PreparedRecord, t: Translate): PreparedRecord {
  let current = record;
  for (let attempt = 0; ; attempt++) {
    try {
      createExclusive(join(plan.root, current.rel), current.text);
      return current;
    } catch (e) {
      current = redraw(plan, current, e, attempt, t);
    }
  }
}

/** writeRecord without blocking, for bulk writers that keep several writes in flight. */
export async function writeRecordAsync(plan: Plan, record: PreparedRecord, t: Translate): Promise<PreparedRecord> {
  let current = record;
  for (let attempt = 0; ; attempt++) {
    try {
      await createExclusiveAsync(join(plan.root, current.rel), current.text);
      return current;
    } catch (e) {
      current = redraw(plan, current, e, attempt, t);
    }
  }
}

/** After a failed create: a new id when the generated one exists, else the error to report. */
function redraw(plan: Plan, current: PreparedRecord, e: unknown, attempt: number, t: Translate): PreparedRecord {
  // A file where the month's folder must be (records/2026/12) is not an id clash: say so.
  const folder = dirname(current.rel);
  if (outputFolderProblem(join(plan.root, folder)) !== undefined) {
    throw new LedgerError(t('record.folder-is-file', { folder }), t('record.hint.folder-is-file', { folder }));
  }
  if (!isExists(e)) throw new LedgerError(t('error.write-failed', { file: current.rel, reason: (e as Error).message }));
  if (!current.generated || attempt >= 5) throw new UsageError(t('record.exists', { id: String(current.data.id), file: current.rel }));
  const again = prepareRecord(plan, { ...current.data, id: undefined }, 0, t);
  if (!again.ok) throw new UsageError(again.errors.join('; '));
  return again.record;
}
