// `trend` (SPEC §4): an adverse signal on the requirement's XmR chart over the `history`
// periods (no-data periods left out; at least 6 values), even when the target is met.
// Preventive suggestions first: a trend is an early signal.
import type { Unit } from '../../ledger/indicator-catalogue.js';
import type { Cause } from '../causes.js';
import { trendSignals } from '../spc.js';
import { suggest, type CatalogueEntry } from '../suggest.js';
import type { Direction, NumericTarget } from '../targets.js';
import type { TrendDeviation } from './types.js';

export function trendDeviation(a: {
  key: string; service: string; requirement: string; indicator: string | undefined; value: number | null; series: (number | null)[];
  better: Direction; target: NumericTarget; unit: Unit; responsible: TrendDeviation['responsible'];
  causes: () => Cause[]; catalogue: readonly CatalogueEntry[];
}): TrendDeviation | undefined {
  if (a.value === null) return undefined; // a controlled period with no data: no trend analysis
  const values = a.series.filter((v): v is number => v !== null);
  const trend = trendSignals(values, a.better);
  if (!trend || trend.rules.length === 0) return undefined;
  const causes = a.causes();
  const preventive = a.catalogue.filter((e) => e.type === 'preventive');
  const found = suggest(preventive, a.indicator, causes[0]);
  const entries = found.length > 0 ? found : suggest(a.catalogue, a.indicator, causes[0]);
  return {
    key: a.key, kind: 'trend', severity: 'warning', service: a.service, requirement: a.requirement,
    value: a.value, target: a.target, unit: a.unit, responsible: a.responsible, causes,
    suggestions: entries.map((e) => e.title), suggestionEntries: entries, rules: trend.rules, series: values,
    acknowledged: false, actions: [],
  };
}
