// Instants and local time in an IANA time zone: offsets (one cached Intl formatter per zone
// and a per-UTC-day cache of offsets and DST transitions, so that hot paths create no Date
// objects), local dates and wall times, and the ISO text of an instant. A local wall-clock time
// in a DST gap moves forward by the gap; an ambiguous one takes the earlier instant (Temporal's
// `disambiguation: 'compatible'`). An unknown time zone throws a RangeError.
import { DAY, HOUR, MINUTE, civilFromDays, daysFromCivil, formatCivil, formatDayNumber, isoWeekday, pad2, parseDateToDayNumber } from './civil.js';


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

