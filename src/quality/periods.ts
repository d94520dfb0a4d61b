/**
 * Periods, local dates and instants in an IANA time zone (SPEC §2).
 *
 * Pure and clock-free: every "now" is passed in as epoch milliseconds.
 *
 * Time-zone arithmetic uses `Intl.DateTimeFormat` directly (one cached formatter per zone and a
 * per-UTC-day cache of offsets and DST transitions), plus plain civil-day arithmetic for calendar dates, so that the
 * hot paths (parsing 100,000+ timestamps, bucketing records into periods) create no Date or
 * TZDate objects.
 *
 * Conventions
 * - A period is the half-open interval [start, end) of epoch ms; start and end are local
 *   midnight in the zone (DST-correct, so a month can be 743 or 745 hours long).
 * - Labels: `2026-11` (month), `2026-W47` (ISO 8601 week of the ISO week-year), `2026-Q4`.
 *   Parsing accepts a lower-case `w`/`q` and returns the canonical upper-case label.
 * - A local wall-clock time that does not exist (DST gap) is moved forward by the length of the
 *   gap (02:30 on the spring-forward night in Europe/Madrid is 03:30+02:00); an ambiguous one
 *   (fall-back night) resolves to the earlier instant (02:30+02:00, not 02:30+01:00).
 *   This matches Temporal's `disambiguation: 'compatible'`.
 * - An unknown time zone throws a RangeError.
 */

export type PeriodKind = 'week' | 'month' | 'quarter';

export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter'];

export interface ParsedPeriod {
  kind: PeriodKind;
  /** canonical label, e.g. `2026-W05` */
  label: string;
  /** calendar year for months and quarters, ISO week-year for weeks */
  year: number;
  /** month 1–12, ISO week 1–53, or quarter 1–4 */
  index: number;
}

export interface PeriodBounds {
  /** epoch ms, inclusive */
  start: number;
  /** epoch ms, exclusive */
  end: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// ------------------------------------------------------------------------------------------
// Civil-date arithmetic (proleptic Gregorian), day 0 = 1970-01-01.
// Algorithms from H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".

/** Days since 1970-01-01 of a civil date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  const s = String(n);
  return s.length >= 4 ? s : '0000'.slice(s.length) + s;
}

function formatCivil(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDayNumber(days: number): string {
  const c = civilFromDays(days);
  return formatCivil(c.year, c.month, c.day);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid `YYYY-MM-DD` date, or NaN when the text is not a real date. */
export function parseDateToDayNumber(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return NaN;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  return daysFromCivil(y, mo, d);
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is false). */
export function isValidDate(text: string): boolean {
  return !Number.isNaN(parseDateToDayNumber(text));
}

/** `YYYY-MM-DD` plus `days` days (negative: before). Throws on an invalid date. */
export function addDays(date: string, days: number): string {
  const n = parseDateToDayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return formatDayNumber(n + days);
}

/** Whole days from date a to date b (b − a). */
export function daysBetween(a: string, b: string): number {
  return parseDateToDayNumber(b) - parseDateToDayNumber(a);
}

/**
 * Adds calendar months to a `YYYY-MM-DD` date, clamping the day to the end of the target month:
 * 2025-01-31 + 1 → 2025-02-28, 2024-01-31 + 1 → 2024-02-29. `months` may be negative.
 * Throws a RangeError for an invalid date or a non-integer month count.
 */
export function addCalendarMonths(date: string, months: number): string {
  const m = DATE_RE.exec(date);
  if (!m || !isValidDate(date)) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  if (!Number.isInteger(months)) throw new RangeError(`month count must be an integer, got ${months}`);
  const total = +m[1] * 12 + (+m[2] - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(+m[3], daysInMonth(year, month));
  return formatCivil(year, month, day);
}

// ------------------------------------------------------------------------------------------
// Time zones

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu']);

interface Transition {
  /** first instant (ms) with the new offset */
  at: number;
  before: number;
  after: number;
}

interface ZoneInfo {
  /** null for UTC: offset is always 0 */
  fmt: Intl.DateTimeFormat | null;
  /**
   * UTC day (floor(ms / DAY)) → the offset in force all that day, or the one transition inside
   * it. Two transitions within one UTC day do not occur in the tz database's modern data.
   */
  days: Map<number, number | Transition>;
}

const zones = new Map<string, ZoneInfo>();
const OFFSET_CACHE_LIMIT = 100_000;

function zone(tz: string): ZoneInfo {
  let z = zones.get(tz);
  if (z) return z;
  if (UTC_NAMES.has(tz)) {
    z = { fmt: null, days: new Map() };
  } else {
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new RangeError(`unknown time zone "${tz}" (expected an IANA name such as Europe/Madrid or UTC)`);
    }
    z = { fmt, days: new Map() };
  }
  zones.set(tz, z);
  return z;
}

/** True when `tz` is an IANA time-zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    zone(tz);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError with a clear message when `tz` is not a known IANA zone. */
export function assertTimeZone(tz: string): void {
  zone(tz);
}

/** Exact offset (local − UTC, ms, second resolution) of the zone at an instant. */
function exactOffset(fmt: Intl.DateTimeFormat, ms: number): number {
  const parts = fmt.formatToParts(ms);
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        y = +p.value;
        break;
      case 'month':
        mo = +p.value;
        break;
      case 'day':
        d = +p.value;
        break;
      case 'hour':
        h = +p.value % 24;
        break;
      case 'minute':
        mi = +p.value;
        break;
      case 'second':
        s = +p.value;
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
      default:
        break;
    }
  }
  if (bc) y = 1 - y;
  const wall = daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * MINUTE + s * 1000;
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * UTC offset of `tz` at instant `ms`, in milliseconds (local = ms + offset).
 * Europe/Madrid in winter → 3,600,000. Cost: a Map lookup once the UTC day has been seen
 * (Intl is consulted about once per new day, plus a binary search per DST transition).
 */
export function tzOffset(ms: number, tz: string): number {
  const z = zone(tz);
  if (z.fmt === null) return 0;
  const day = Math.floor(ms / DAY);
  let entry = z.days.get(day);
  if (entry === undefined) {
    entry = offsetsOfDay(z, day);
    if (z.days.size >= OFFSET_CACHE_LIMIT) z.days.clear();
    z.days.set(day, entry);
  }
  if (typeof entry === 'number') return entry;
  return ms < entry.at ? entry.before : entry.after;
}

function offsetsOfDay(z: ZoneInfo, day: number): number | Transition {
  const fmt = z.fmt as Intl.DateTimeFormat;
  const start = day * DAY;
  const before = exactOffset(fmt, start);
  const after = exactOffset(fmt, start + DAY - 1000);
  if (before === after) return before;
  // binary search (second resolution) for the first instant with the new offset
  let lo = start; // offset `before`
  let hi = start + DAY - 1000; // offset `after`
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (exactOffset(fmt, mid) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi, before, after };
}

/**
 * The instant of a local wall-clock time in `tz` (month 1–12). A time inside a DST gap moves
 * forward by the gap; an ambiguous time takes the earlier instant.
 */
export function localToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  tz: string,
): number {
  const wall = daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * MINUTE + second * 1000 + millisecond;
  return wallTimeToInstant(wall, tz);
}

/**
 * The instant of a local wall-clock time given as if it were UTC epoch ms
 * (`daysFromCivil(y, m, d) * 86_400_000 + time of day in ms`), with the same gap and ambiguity
 * rules as {@link localToInstant}.
 */
export function wallTimeToInstant(wall: number, tz: string): number {
  const z = zone(tz);
  if (z.fmt === null) return wall;
  // Offsets a day either side: at most one transition lies in between (they are months apart).
  const before = tzOffset(wall - DAY, tz);
  const after = tzOffset(wall + DAY, tz);
  const tBefore = wall - before;
  if (before === after) {
    if (tzOffset(tBefore, tz) === before) return tBefore;
  }
  const tAfter = wall - after;
  const okBefore = tzOffset(tBefore, tz) === before;
  const okAfter = tzOffset(tAfter, tz) === after;
  if (okBefore && okAfter) return Math.min(tBefore, tAfter); // ambiguous: earlier instant
  if (okBefore) return tBefore;
  if (okAfter) return tAfter;
  // Gap: read the time with the offset in force before the transition, which lands after it,
  // i.e. moved forward by the length of the gap.
  return tBefore;
}

/** Epoch ms of local midnight starting day number `days` in `tz`. */
export function startOfLocalDay(days: number, tz: string): number {
  return wallTimeToInstant(days * DAY, tz);
}

/** Epoch ms of local midnight of a `YYYY-MM-DD` date in `tz`; throws RangeError when invalid. */
export function localMidnight(date: string, tz: string): number {
  const days = parseDateToDayNumber(date);
  if (Number.isNaN(days)) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return startOfLocalDay(days, tz);
}

/** Local day number (days since 1970-01-01) of instant `ms` in `tz`. */
export function localDayNumber(ms: number, tz: string): number {
  return Math.floor((ms + tzOffset(ms, tz)) / DAY);
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** offset from UTC in ms */
  offset: number;
}

/** Local calendar and clock fields of instant `ms` in `tz`. */
export function localParts(ms: number, tz: string): LocalParts {
  const offset = tzOffset(ms, tz);
  const local = ms + offset;
  const days = Math.floor(local / DAY);
  const inDay = local - days * DAY;
  const c = civilFromDays(days);
  return {
    year: c.year,
    month: c.month,
    day: c.day,
    hour: Math.floor(inDay / HOUR),
    minute: Math.floor((inDay % HOUR) / MINUTE),
    second: Math.floor((inDay % MINUTE) / 1000),
    millisecond: inDay % 1000,
    weekday: isoWeekday(days),
    offset,
  };
}

/** Local date `YYYY-MM-DD` of instant `ms` in `tz`. */
export function localDate(ms: number, tz: string): string {
  return formatDayNumber(localDayNumber(ms, tz));
}

/**
 * ISO 8601 text of an instant with the zone's offset: `2026-10-01T00:00:00+02:00`.
 * Seconds are always printed; milliseconds only when not zero (`…T10:00:00.250+01:00`);
 * the offset is always `±HH:MM` (`+00:00` for UTC, never `Z`; historical offsets with seconds
 * are printed `±HH:MM:SS`).
 */
export function formatInstant(ms: number, tz: string): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format instant ${ms}`);
  const p = localParts(ms, tz);
  const ms3 = p.millisecond === 0 ? '' : `.${String(p.millisecond).padStart(3, '0')}`;
  const sign = p.offset < 0 ? '-' : '+';
  const abs = Math.abs(p.offset) / 1000;
  const oh = Math.floor(abs / 3600);
  const om = Math.floor((abs % 3600) / 60);
  const os = abs % 60;
  const off = `${sign}${pad2(oh)}:${pad2(om)}${os === 0 ? '' : `:${pad2(os)}`}`;
  return `${formatCivil(p.year, p.month, p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${ms3}${off}`;
}

// yyyy-mm-dd [T|t|space hh:mm [:ss [.fff…]] [Z | ±hh:mm | ±hhmm]]
const TS_RE =
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
  const m = TS_RE.exec(text);
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

// ------------------------------------------------------------------------------------------
// ISO weeks

/** Number of ISO weeks (52 or 53) in ISO week-year `year`. */
export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year;
  // equivalently when 28 December falls in week 53.
  const jan1 = isoWeekday(daysFromCivil(year, 1, 1));
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** Day number of the Monday starting ISO week `week` of ISO week-year `year`. */
function isoWeekStart(year: number, week: number): number {
  const jan4 = daysFromCivil(year, 1, 4); // 4 January is always in week 1
  const monday1 = jan4 - (isoWeekday(jan4) - 1);
  return monday1 + (week - 1) * 7;
}

/** ISO week-year and week of a day number. */
export function isoWeekOf(days: number): { year: number; week: number } {
  const thursday = days - isoWeekday(days) + 4; // the week's Thursday decides its year
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

// ------------------------------------------------------------------------------------------
// Period labels

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-[Ww](\d{2})$/;
const QUARTER_RE = /^(\d{4})-[Qq](\d)$/;

function monthLabel(year: number, month: number): string {
  return `${pad4(year)}-${pad2(month)}`;
}
function weekLabel(year: number, week: number): string {
  return `${pad4(year)}-W${pad2(week)}`;
}
function quarterLabel(year: number, quarter: number): string {
  return `${pad4(year)}-Q${quarter}`;
}

/**
 * Years a flag may name (`--as-of`, `--period`, `--due`…): every period computation, its
 * history a hundred periods back included, holds in this range, and a year outside it is a
 * typo rather than a question.
 */
export const FLAG_YEARS = { min: 1900, max: 9999 } as const;

/** Whether a date, timestamp or period label written `YYYY…` names a year in FLAG_YEARS. */
export function flagYearInRange(text: string): boolean {
  const m = /^(\d{4})/.exec(text.trim());
  return m !== null && +m[1] >= FLAG_YEARS.min && +m[1] <= FLAG_YEARS.max;
}

/**
 * Recognises a period label: `2026-11`, `2026-W47` (weeks 01–52/53 of the ISO week-year),
 * `2026-Q4`. Returns null for anything else (including `2025-W53`, since 2025 has 52 weeks).
 */
export function parsePeriodLabel(label: string): ParsedPeriod | null {
  if (typeof label !== 'string') return null;
  let m = MONTH_RE.exec(label);
  if (m) {
    const year = +m[1];
    const index = +m[2];
    if (index < 1 || index > 12) return null;
    return { kind: 'month', label: monthLabel(year, index), year, index };
  }
  m = WEEK_RE.exec(label);
  if (m) {
    const year = +m[1];
    const index = +m[2];
    if (index < 1 || index > isoWeeksInYear(year)) return null;
    return { kind: 'week', label: weekLabel(year, index), year, index };
  }
  m = QUARTER_RE.exec(label);
  if (m) {
    const year = +m[1];
    const index = +m[2];
    if (index < 1 || index > 4) return null;
    return { kind: 'quarter', label: quarterLabel(year, index), year, index };
  }
  return null;
}

function mustParse(label: string): ParsedPeriod {
  const p = parsePeriodLabel(label);
  if (p === null) {
    throw new RangeError(`invalid period "${label}" (expected a month 2026-11, an ISO week 2026-W47 or a quarter 2026-Q4)`);
  }
  return p;
}

/** First day (inclusive) and day after the last (exclusive) of a period, as day numbers. */
function periodDays(p: ParsedPeriod): { start: number; end: number } {
  switch (p.kind) {
    case 'month': {
      const start = daysFromCivil(p.year, p.index, 1);
      return { start, end: start + daysInMonth(p.year, p.index) };
    }
    case 'quarter': {
      const m0 = (p.index - 1) * 3 + 1;
      const start = daysFromCivil(p.year, m0, 1);
      const end = p.index === 4 ? daysFromCivil(p.year + 1, 1, 1) : daysFromCivil(p.year, m0 + 3, 1);
      return { start, end };
    }
    case 'week': {
      const start = isoWeekStart(p.year, p.index);
      return { start, end: start + 7 };
    }
  }
}

/**
 * Local calendar dates of a period: `start` is its first day, `end` the first day after it
 * (exclusive). `2026-W53` → { start: '2026-12-28', end: '2027-01-04' }. Throws on a bad label.
 */
export function periodDates(label: string): { start: string; end: string } {
  const d = periodDays(mustParse(label));
  return { start: formatDayNumber(d.start), end: formatDayNumber(d.end) };
}

/**
 * [start, end) of a period in epoch ms: local midnights in `tz`.
 * `periodBounds('2026-10', 'Europe/Madrid')` → 2026-10-01T00:00+02:00 … 2026-11-01T00:00+01:00.
 * Throws a RangeError for an invalid label or zone.
 */
export function periodBounds(label: string, tz: string): PeriodBounds {
  const d = periodDays(mustParse(label));
  return { start: startOfLocalDay(d.start, tz), end: startOfLocalDay(d.end, tz) };
}

function labelOfDay(days: number, kind: PeriodKind): string {
  if (kind === 'week') {
    const w = isoWeekOf(days);
    return weekLabel(w.year, w.week);
  }
  const c = civilFromDays(days);
  if (kind === 'month') return monthLabel(c.year, c.month);
  if (kind === 'quarter') return quarterLabel(c.year, Math.floor((c.month - 1) / 3) + 1);
  throw new RangeError(`invalid period kind "${String(kind)}" (expected week, month or quarter)`);
}

/** Label of the period of `kind` containing instant `ms` in `tz`. */
export function periodContaining(ms: number, kind: PeriodKind, tz: string): string {
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant ${ms}`);
  return labelOfDay(localDayNumber(ms, tz), kind);
}

/** Label of the period of `kind` containing the local date `YYYY-MM-DD` (no zone needed). */
export function periodOfDate(date: string, kind: PeriodKind): string {
  const days = parseDateToDayNumber(date);
  if (Number.isNaN(days)) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return labelOfDay(days, kind);
}

/** The period `steps` periods after `label` (negative: before). */
export function shiftPeriod(label: string, steps: number): string {
  if (!Number.isInteger(steps)) throw new RangeError(`period steps must be an integer, got ${steps}`);
  const p = mustParse(label);
  switch (p.kind) {
    case 'month': {
      const total = p.year * 12 + (p.index - 1) + steps;
      const year = Math.floor(total / 12);
      return monthLabel(year, total - year * 12 + 1);
    }
    case 'quarter': {
      const total = p.year * 4 + (p.index - 1) + steps;
      const year = Math.floor(total / 4);
      return quarterLabel(year, total - year * 4 + 1);
    }
    case 'week': {
      const w = isoWeekOf(isoWeekStart(p.year, p.index) + steps * 7);
      return weekLabel(w.year, w.week);
    }
  }
}

export function previousPeriod(label: string): string {
  return shiftPeriod(label, -1);
}

export function nextPeriod(label: string): string {
  return shiftPeriod(label, 1);
}

/**
 * The last period of `kind` whose end ≤ `asOfMs`: the one before the period containing as-of.
 * (At exactly 2026-11-01T00:00 local, the last complete month is 2026-10.)
 */
export function lastCompletePeriod(asOfMs: number, kind: PeriodKind, tz: string): string {
  return previousPeriod(periodContaining(asOfMs, kind, tz));
}

/** `count` consecutive periods ending with `label`, oldest first (`count` 0 → []). */
export function periodsEndingWith(label: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`period count must be a non-negative integer, got ${count}`);
  const canonical = mustParse(label).label;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(shiftPeriod(canonical, -i));
  return out;
}

/** Orders labels of the same kind chronologically (negative when a is earlier). */
export function comparePeriods(a: string, b: string): number {
  const pa = mustParse(a);
  const pb = mustParse(b);
  if (pa.kind !== pb.kind) throw new RangeError(`cannot compare a ${pa.kind} with a ${pb.kind}`);
  return pa.year !== pb.year ? pa.year - pb.year : pa.index - pb.index;
}
