// Civil dates (proleptic Gregorian, day numbers since 1970-01-01): the calendar arithmetic every
// other part of the time layer builds on. Pure; no time zones, no clock.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

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

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad4(n: number): string {
  const s = String(n);
  return s.length >= 4 ? s : '0000'.slice(s.length) + s;
}

export function formatCivil(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDayNumber(days: number): string {
  const c = civilFromDays(days);
  return formatCivil(c.year, c.month, c.day);
}

export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
export function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseDateToDayNumber(value));
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
  if (!m || !isDate(date)) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  if (!Number.isInteger(months)) throw new RangeError(`month count must be an integer, got ${months}`);
  const total = +m[1] * 12 + (+m[2] - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(+m[3], daysInMonth(year, month));
  return formatCivil(year, month, day);
}

