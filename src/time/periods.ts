/**
 * Periods (SPEC §2): labels `2026-11` (month), `2026-W47` (ISO 8601 week of the ISO week-year),
 * `2026-Q4`, and their bounds in a time zone. A period is the half-open interval [start, end) of
 * epoch ms; start and end are local midnights (DST-correct, so a month can be 743 or 745 hours).
 * Parsing accepts a lower-case `w`/`q` and returns the canonical upper-case label.
 */
import { civilFromDays, daysFromCivil, daysInMonth, formatDayNumber, isLeapYear, isoWeekday, pad2, pad4, parseDateToDayNumber } from './civil.js';
import { localDayNumber, startOfLocalDay } from './zones.js';

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

