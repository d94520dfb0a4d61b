// A record's timestamps as instants (epoch ms) and the local date it was opened, computed once
// per record and shared by the checks and the quality engine (both need them for 100k records).
// The same per-record memo entry also carries the record's missing fields (see
// completeness.ts), so that a record costs one WeakMap entry, not one per fact.
import { formatDayNumber, localDayNumber, parseTimestamp } from '../time/index.js';
import type { Procedure, RecordData } from './schema.js';

export interface Instants {
  tz: string;
  opened: number;
  closed: number | undefined;
  responded: number | undefined;
  pauses: { from: number; to: number }[] | undefined;
  /** Local date (YYYY-MM-DD) of `opened` in the ledger time zone. */
  openedDate: string;
}

/** What is derived from one record data object, filled in as it is first asked for. */
export interface RecordMemo {
  instants: Instants | undefined;
  /** Missing fields, valid while `missingFor` is the procedure they were computed with. */
  missing: readonly string[] | undefined;
  missingFor: Procedure | undefined;
}

const memo = new WeakMap<RecordData, RecordMemo>();

/** The memo entry of a record data object (created empty on first use). */
export function recordMemo(r: RecordData): RecordMemo {
  let m = memo.get(r);
  if (m === undefined) {
    m = { instants: undefined, missing: undefined, missingFor: undefined };
    memo.set(r, m);
  }
  return m;
}

export function recordInstants(r: RecordData, tz: string): Instants {
  return instantsIn(recordMemo(r), r, tz);
}

/** recordInstants for a caller that already holds the record's memo entry. */
export function instantsIn(m: RecordMemo, r: RecordData, tz: string): Instants {
  const hit = m.instants;
  if (hit !== undefined && hit.tz === tz) return hit;
  const opened = parseTimestamp(r.opened, tz);
  const out: Instants = {
    tz,
    opened,
    closed: r.closed === undefined ? undefined : parseTimestamp(r.closed, tz),
    responded: r.responded === undefined ? undefined : parseTimestamp(r.responded, tz),
    // A pause not ended yet lasts until any instant it is measured at (clipped to the span).
    pauses: r.paused?.map((p) => ({ from: parseTimestamp(p.from, tz), to: p.to === undefined ? Infinity : parseTimestamp(p.to, tz) })),
    openedDate: localDateText(opened, tz),
  };
  m.instants = out;
  return out;
}

// localDate(ms, tz), formatted once per local day: records cluster on a few hundred days, and
// come sorted by date, so the last day asked is usually asked again.
const dayTexts = new Map<number, string>();
const DAY_TEXTS_LIMIT = 50_000;
let lastDay = NaN;
let lastText = '';

function localDateText(ms: number, tz: string): string {
  const day = localDayNumber(ms, tz);
  if (day === lastDay) return lastText;
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = formatDayNumber(day);
    if (dayTexts.size >= DAY_TEXTS_LIMIT) dayTexts.clear();
    dayTexts.set(day, text);
  }
  lastDay = day;
  lastText = text;
  return text;
}
