// `--period P` of record list and export: a label (2026-11, 2026-W47, 2026-Q4) or `current`
// (the ledger's default period kind containing now); records are selected by `opened`.
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { LedgerConfig } from '../ledger/load.js';
import { FLAG_YEARS, flagYearInRange, parsePeriodLabel, periodBounds, periodContaining } from '../time/index.js';

export interface PeriodFilter {
  label: string;
  start: number;
  end: number;
}

export function periodFilter(value: string | undefined, config: LedgerConfig, nowMs: number, t: Translate): PeriodFilter | undefined {
  if (value === undefined) return undefined;
  const label = value === 'current' ? periodContaining(nowMs, config.period, config.timezone) : value;
  if (!parsePeriodLabel(label)) throw new UsageError(t('record.bad-period', { value }), t('record.hint.bad-period'));
  if (!flagYearInRange(label)) throw new UsageError(t('error.year-out-of-range', { flag: '--period', value, min: FLAG_YEARS.min, max: FLAG_YEARS.max }));
  const { start, end } = periodBounds(label, config.timezone);
  return { label, start, end };
}
