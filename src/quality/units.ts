// The unit and usual direction of each indicator (SPEC §3.2, §3.3).
import type { Indicator } from '../ledger/schema.js';

export type Unit = 'count' | 'hours' | 'ratio' | 'score' | 'currency' | 'per 1000 units' | 'number';
export type Better = 'higher' | 'lower' | 'none';

export const BUILTIN_UNITS: Record<string, { unit: Unit; better: Better; stat?: 'mean' | 'median' }> = {
  volume: { unit: 'count', better: 'none' },
  backlog: { unit: 'count', better: 'lower' },
  first_response_time: { unit: 'hours', better: 'lower', stat: 'median' },
  resolution_time: { unit: 'hours', better: 'lower', stat: 'median' },
  sla_compliance: { unit: 'ratio', better: 'higher' },
  first_time_fix: { unit: 'ratio', better: 'higher' },
  repeat_rate: { unit: 'ratio', better: 'lower' },
  csat: { unit: 'ratio', better: 'higher' },
  nps: { unit: 'score', better: 'higher' },
  ces: { unit: 'score', better: 'higher' },
  complaint_resolution: { unit: 'ratio', better: 'higher' },
  procedure_adherence: { unit: 'ratio', better: 'higher' },
  record_completeness: { unit: 'ratio', better: 'higher' },
  trained_staff: { unit: 'ratio', better: 'higher' },
  cost: { unit: 'currency', better: 'lower', stat: 'mean' },
  warranty_claim_rate: { unit: 'per 1000 units', better: 'lower' },
  utilisation: { unit: 'ratio', better: 'lower' },
};

/** Built-ins whose value is a statistic of a numeric series (take `stat`). */
export function isStatIndicator(name: string): boolean {
  return BUILTIN_UNITS[name]?.stat !== undefined;
}

export function indicatorUnit(indicator: Indicator): Unit {
  if (typeof indicator === 'string') return BUILTIN_UNITS[indicator]?.unit ?? 'number';
  switch (indicator.type) {
    case 'count':
      return 'count';
    case 'share':
      return 'ratio';
    case 'nps':
      return 'score';
    default:
      if (indicator.field === 'resolution_time' || indicator.field === 'response_time') return 'hours';
      if (indicator.field === 'cost') return 'currency';
      return 'number';
  }
}
