// A record's timestamps as instants (epoch ms) and the local date it was opened, computed once
// per record and shared by the checks and the quality engine (both need them for 100k records).
import { localDate, parseTimestamp } from '../quality/periods.js';
import type { RecordData } from './schema.js';

export interface Instants {
  tz: string;
  opened: number;
  closed: number | undefined;
  responded: number | undefined;
  pauses: { from: number; to: number }[] | undefined;
  /** Local date (YYYY-MM-DD) of `opened` in the ledger time zone. */
  openedDate: string;
}

const memo = new WeakMap<RecordData, Instants>();

export function recordInstants(r: RecordData, tz: string): Instants {
  const hit = memo.get(r);
  if (hit && hit.tz === tz) return hit;
  const opened = parseTimestamp(r.opened, tz);
  const out: Instants = {
    tz,
    opened,
    closed: r.closed === undefined ? undefined : parseTimestamp(r.closed, tz),
    responded: r.responded === undefined ? undefined : parseTimestamp(r.responded, tz),
    pauses: r.paused?.map((p) => ({ from: parseTimestamp(p.from, tz), to: parseTimestamp(p.to, tz) })),
    openedDate: localDate(opened, tz),
  };
  memo.set(r, out);
  return out;
}
