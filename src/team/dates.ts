// Dates of the team commands: `--as-of` as a local date, validity periods (`--valid-for`,
// `--within`) and date arithmetic on `YYYY-MM-DD`. Pure: the clock and the zone come in.
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { addCalendarMonths, addDays, FLAG_YEARS, flagYearInRange, localDate, parseTimestamp } from '../time/index.js';
import { isDate, parseDurationHours } from '../time/index.js';

/** A validity period: whole days, or calendar months (years are 12 months). */
export type Span = { days: number } | { months: number };

export { addDays } from '../time/index.js';

/** The date a span after `date`: `2026-01-31` + 1mo → `2026-02-28` (clamped to month end). */
export function addSpan(date: string, span: Span): string {
  return 'months' in span ? addCalendarMonths(date, span.months) : addDays(date, span.days);
}

const SPAN_RE = /^(\d+)\s*(mo|y)$/;

/**
 * A span written `730d`, `104w`, `48h` (a whole number of days), `24mo` (months) or `2y` (years).
 * `m` means minutes in the ledger's durations (SPEC §1), so `24m` is refused with a hint to write
 * `24mo`, instead of silently meaning 24 minutes. Undefined when the text is not a span.
 */
export function parseSpan(text: string): Span | undefined {
  const t = text.trim();
  const long = SPAN_RE.exec(t);
  if (long) {
    const n = Number(long[1]);
    if (n <= 0) return undefined;
    return { months: long[2] === 'y' ? n * 12 : n };
  }
  const hours = parseDurationHours(t);
  if (!Number.isFinite(hours) || hours <= 0 || hours % 24 !== 0) return undefined;
  return { days: hours / 24 };
}

/** Days of a span counted from `date` (for horizons). */
export function spanDays(date: string, span: Span): number {
  if ('days' in span) return span.days;
  const end = addSpan(date, span);
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** A `--flag` value that must be a span, or a usage error naming the flag. */
export function spanOption(flag: string, text: string, t: Translate): Span {
  const span = parseSpan(text);
  if (!span) throw new UsageError(t('team.error.bad-span', { flag, value: text }), t('team.hint.bad-span'));
  return span;
}

function outOfRange(t: Translate, flag: string, value: string): void {
  if (!flagYearInRange(value)) throw new UsageError(t('error.year-out-of-range', { flag, value, min: FLAG_YEARS.min, max: FLAG_YEARS.max }));
}

/** A `--flag` value that must be a real `YYYY-MM-DD` date. */
export function dateOption(flag: string, text: string, t: Translate): string {
  if (!isDate(text)) throw new UsageError(t('team.error.bad-date', { flag, value: text }), t('hint.bad-date'));
  outOfRange(t, flag, text);
  return text;
}

/**
 * The local date (ledger zone) to judge training on: `--as-of` (a date or a timestamp; one
 * without offset is read in the zone), else today from the clock.
 */
export function asOfDate(asOf: string | undefined, nowMs: number, tz: string, t: Translate): string {
  if (asOf === undefined) return localDate(nowMs, tz);
  const ms = parseTimestamp(asOf.trim(), tz);
  if (Number.isNaN(ms)) throw new UsageError(t('team.error.bad-as-of', { value: asOf }), t('hint.bad-timestamp'));
  outOfRange(t, '--as-of', asOf);
  return localDate(ms, tz);
}
