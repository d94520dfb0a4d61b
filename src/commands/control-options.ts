// Options shared by the commands that measure a period (control, report, action verify):
// --as-of (a date or timestamp; default the clock) and --period (label | current; default the
// last complete period before as-of), resolved in the ledger time zone.
import { UsageError } from '../errors.js';
import type { IO } from '../io/io.js';
import type { Ledger } from '../ledger/load.js';
import { isTimestamp } from '../ledger/values.js';
import type { Translate } from '../i18n/index.js';
import { FLAG_YEARS, flagYearInRange, lastCompletePeriod, parsePeriodLabel, parseTimestamp, periodContaining } from '../time/index.js';

/** A date, timestamp or period of a flag must name a year the tool computes with (FLAG_YEARS). */
export function yearInRange(t: Translate, flag: string, value: string): void {
  if (!flagYearInRange(value)) throw new UsageError(t('error.year-out-of-range', { flag, value, min: FLAG_YEARS.min, max: FLAG_YEARS.max }));
}

export function resolveAsOf(io: IO, ledger: Ledger, asOf: string | undefined): number {
  if (asOf === undefined) return io.now();
  const ms = isTimestamp(asOf) ? parseTimestamp(asOf, ledger.config.timezone) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(io.t('error.bad-as-of', { value: asOf }), io.t('hint.bad-as-of'));
  yearInRange(io.t, '--as-of', asOf);
  return ms;
}

export function resolvePeriod(io: IO, ledger: Ledger, period: string | undefined, asOf: number): string {
  const tz = ledger.config.timezone;
  if (period === undefined) return lastCompletePeriod(asOf, ledger.config.period, tz);
  if (period === 'current') return periodContaining(asOf, ledger.config.period, tz);
  const parsed = parsePeriodLabel(period);
  if (!parsed) throw new UsageError(io.t('error.bad-period', { value: period }), io.t('hint.bad-period'));
  yearInRange(io.t, '--period', period);
  return parsed.label;
}
