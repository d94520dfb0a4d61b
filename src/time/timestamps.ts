// Timestamps as the ledger writes them (SPEC §1 value conventions): the one grammar of the tool.
// `isTimestamp` (validation) and `parseTimestamp` (conversion) read the same text the same way.
import { DAY, HOUR, MINUTE, daysFromCivil, daysInMonth } from './civil.js';
import { startOfLocalDay, wallTimeToInstant } from './zones.js';

// yyyy-mm-dd [T|t|space hh:mm [:ss [.fff…]] [Z | ±hh:mm | ±hhmm]]
/** The grammar of a timestamp (a bare date included), also the `pattern` of the JSON Schemas. */
export const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Parses a timestamp (SPEC §1 value conventions) into epoch ms.
 *
 * Accepted: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM` (also `±HHMM`; `t` or a
 * space may replace `T`; fractions beyond milliseconds are truncated), the same without an offset
 * (read as local time in `tz`: a time in a DST gap moves forward by the gap, an ambiguous one
 * takes the earlier instant), and a bare date `YYYY-MM-DD` (local midnight in `tz`).
 *
 * Returns NaN for text that is not such a timestamp or names an impossible date or time
 * (2026-02-30, 24:00, 12:60, offset hour > 23). It never throws for bad text; an unknown `tz`
 * throws a RangeError, but only when the zone is actually needed (no offset in the text).
 */
export function parseTimestamp(text: string, tz: string): number {
  if (typeof text !== 'string') return NaN;
  const n = text.length;
  // The canonical forms the tool writes and ledgers hold (lengths 16/17/19/20/22/25) are read
  // with charCodeAt: 100k+ records each carry several timestamps. Anything else — fractions,
  // `t`/space separators, `z`, `±HHMM`, bare dates, malformed text — takes the regex path.
  if (n === 16 || n === 17 || n === 19 || n === 20 || n === 22 || n === 25) {
    const ms = canonicalTimestamp(text, n, tz);
    if (ms !== NOT_CANONICAL) return ms;
  }
  return parseTimestampSlow(text, tz);
}

/** Returned by canonicalTimestamp for text it does not read (never a real epoch ms). */
const NOT_CANONICAL = -Infinity;

/** The month (year * 16 + month) canonicalTimestamp last read, and the day number of its 1st. */
let lastMonth = -1;
let lastMonthStart = 0;

/** The value of ASCII digits text[i..i+1], or a negative number when one is not a digit. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `YYYY-MM-DDTHH:MM[:SS]` then nothing, `Z` or `±HH:MM` (length n, one of the six canonical
 * lengths): the same value as parseTimestampSlow (NaN for impossible dates, times and offsets,
 * checked in the same order, so an unknown tz throws in the same cases), or NOT_CANONICAL for
 * text of another shape.
 */
function canonicalTimestamp(text: string, n: number, tz: string): number {
  // shape: separators, then the seconds and zone designator the length implies
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) {
    return NOT_CANONICAL;
  }
  const withSeconds = n === 19 || n === 20 || n === 25;
  const zoneAt = withSeconds ? 19 : 16; // index of Z / sign, when there is one
  if (withSeconds && text.charCodeAt(16) !== 58) return NOT_CANONICAL;
  let sign = 0; // 0 = local time, 1 = Z, 43 = '+', 45 = '-'
  if (n > zoneAt) {
    const c = text.charCodeAt(zoneAt);
    if (n === zoneAt + 1) {
      if (c !== 90) return NOT_CANONICAL;
      sign = 1;
    } else {
      if ((c !== 43 && c !== 45) || text.charCodeAt(zoneAt + 3) !== 58) return NOT_CANONICAL;
      sign = c;
    }
  }
  const y1 = digits2(text, 0);
  const y2 = digits2(text, 2);
  const mo = digits2(text, 5);
  const d = digits2(text, 8);
  const h = digits2(text, 11);
  const mi = digits2(text, 14);
  const s = withSeconds ? digits2(text, 17) : 0;
  const oh = sign > 1 ? digits2(text, zoneAt + 1) : 0;
  const om = sign > 1 ? digits2(text, zoneAt + 4) : 0;
  if ((y1 | y2 | mo | d | h | mi | s | oh | om) < 0) return NOT_CANONICAL;
  // values: as in parseTimestampSlow
  const y = y1 * 100 + y2;
  if (mo < 1 || mo > 12 || d < 1 || (d > 28 && d > daysInMonth(y, mo))) return NaN;
  if (h > 23 || mi > 59 || s > 59) return NaN;
  // Timestamps come in runs from the same month: reuse the day number of its first day.
  const month = y * 16 + mo;
  if (month !== lastMonth) {
    lastMonthStart = daysFromCivil(y, mo, 1);
    lastMonth = month;
  }
  const wall = (lastMonthStart + d - 1) * DAY + h * HOUR + mi * MINUTE + s * 1000;
  if (sign === 1) return wall;
  if (sign === 0) return wallTimeToInstant(wall, tz);
  if (oh > 23 || om > 59) return NaN;
  const off = (oh * 60 + om) * MINUTE;
  return sign === 45 ? wall + off : wall - off;
}

/**
 * The regex reading of {@link parseTimestamp}: every accepted form. parseTimestamp takes a
 * faster path for the canonical forms; tests check both agree.
 */
export function parseTimestampSlow(text: string, tz: string): number {
  if (typeof text !== 'string' || text.length > 40) return NaN;
  const m = TIMESTAMP_RE.exec(text);
  if (m === null) return NaN;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || (d > 28 && d > daysInMonth(y, mo))) return NaN;
  const days = daysFromCivil(y, mo, d);
  if (m[4] === undefined) return startOfLocalDay(days, tz);
  const h = +m[4];
  const mi = +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || mi > 59 || s > 59) return NaN;
  const frac = m[7];
  const fms = frac === undefined ? 0 : +(frac.length >= 3 ? frac.slice(0, 3) : frac.padEnd(3, '0'));
  const wall = days * DAY + h * HOUR + mi * MINUTE + s * 1000 + fms;
  if (m[8] !== undefined) return wall;
  if (m[9] !== undefined) {
    const oh = +m[10];
    const om = +m[11];
    if (oh > 23 || om > 59) return NaN;
    const off = (oh * 60 + om) * MINUTE;
    return m[9] === '-' ? wall + off : wall - off;
  }
  return wallTimeToInstant(wall, tz);
}


/** An ISO 8601 timestamp with or without offset, or a bare date (local midnight): the grammar of parseTimestamp. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseTimestamp(value, 'UTC'));
}

/** Does the timestamp carry its own offset (so no time zone is needed to place it)? */
export function hasOffset(text: string): boolean {
  const m = TIMESTAMP_RE.exec(text);
  return !!m && (!!m[8] || !!m[9]);
}
