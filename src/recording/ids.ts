// Record ids (SPEC §1): `<YYYYMMDD>-<8 chars>`, the local date of `opened` in the ledger time zone
// and 8 random lowercase Crockford base32 characters from the system's CSPRNG. A record lives in
// records/<YYYY>/<MM>/ of that same local date, so the id alone names its folder.
import { randomInt } from 'node:crypto';
import { CROCKFORD, RECORD_ID_RE } from '../ledger/values.js';
import { localDate, parseTimestamp } from '../time/index.js';

/** 8 random Crockford base32 characters (40 bits: collisions on one day are negligible). */
export function randomPart(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += CROCKFORD[randomInt(32)];
  return out;
}

/** The local date `YYYY-MM-DD` of a timestamp in the ledger time zone, or undefined when invalid. */
export function openedDate(opened: string, tz: string): string | undefined {
  const ms = parseTimestamp(opened, tz);
  return Number.isFinite(ms) ? localDate(ms, tz) : undefined;
}

/** A new id for a record opened on local date `date` (`YYYY-MM-DD`). */
export function newRecordId(date: string): string {
  return `${date.replace(/-/g, '')}-${randomPart()}`;
}

/** records/<YYYY>/<MM>/<id>.yaml for a record opened on local date `date`. */
export function recordRelPath(id: string, date: string): string {
  return `records/${date.slice(0, 4)}/${date.slice(5, 7)}/${id}.yaml`;
}

export function isRecordId(value: string): boolean {
  return RECORD_ID_RE.test(value);
}

/**
 * What a person typed as an id, in the id alphabet: lowercase, and Crockford's read-alikes
 * (i, l → 1; o → 0) folded, so `7K3QZM2A` or `2O26…` still find the record.
 */
export function normaliseIdQuery(query: string): string {
  return query.trim().toLowerCase().replace(/[il]/g, '1').replace(/o/g, '0');
}
