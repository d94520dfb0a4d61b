// The built-in indicators (SPEC §3.2) as one declarative table: what each measures over (its
// population, whether cancelled records count), its unit, its better side, its default
// statistic and the parameters it takes. The schema (the allowed names), the checks (units and
// parameters), the engine (quality/indicators.ts computes each by name, typed by this table)
// and the reports (units, directions) all read it. Adding a built-in: an entry here, its
// computation in quality/indicators.ts BUILTIN (the compiler insists), its messages, its test.
import type { Indicator } from './schema.js';

export type Unit = 'count' | 'hours' | 'ratio' | 'score' | 'currency' | 'per 1000 units' | 'number';
export type Better = 'higher' | 'lower' | 'none';
export type PopulationKind = 'opened' | 'closed' | 'backlog';

export interface IndicatorInfo {
  population: PopulationKind;
  /** Cancelled records count (only `volume`): SPEC §2. */
  includesCancelled?: true;
  unit: Unit;
  better: Better;
  /** The default statistic of an indicator over a numeric series (it takes `stat`). */
  stat?: 'mean' | 'median';
  /** Requirement parameters it reads (SPEC §1.3 `within`). */
  params?: readonly 'within'[];
}

export const INDICATORS = {
  volume: { population: 'opened', includesCancelled: true, unit: 'count', better: 'none' },
  backlog: { population: 'backlog', unit: 'count', better: 'lower' },
  first_response_time: { population: 'opened', unit: 'hours', better: 'lower', stat: 'median' },
  resolution_time: { population: 'closed', unit: 'hours', better: 'lower', stat: 'median' },
  sla_compliance: { population: 'closed', unit: 'ratio', better: 'higher', params: ['within'] },
  first_time_fix: { population: 'closed', unit: 'ratio', better: 'higher' },
  repeat_rate: { population: 'closed', unit: 'ratio', better: 'lower', params: ['within'] },
  csat: { population: 'closed', unit: 'ratio', better: 'higher' },
  nps: { population: 'closed', unit: 'score', better: 'higher' },
  ces: { population: 'closed', unit: 'score', better: 'higher' },
  complaint_resolution: { population: 'closed', unit: 'ratio', better: 'higher' },
  procedure_adherence: { population: 'closed', unit: 'ratio', better: 'higher' },
  record_completeness: { population: 'closed', unit: 'ratio', better: 'higher' },
  trained_staff: { population: 'closed', unit: 'ratio', better: 'higher' },
  cost: { population: 'closed', unit: 'currency', better: 'lower', stat: 'mean' },
  warranty_claim_rate: { population: 'opened', unit: 'per 1000 units', better: 'lower' },
  utilisation: { population: 'opened', unit: 'ratio', better: 'lower' },
} as const satisfies Record<string, IndicatorInfo>;

export type BuiltinName = keyof typeof INDICATORS;

export const BUILTIN_INDICATORS = Object.keys(INDICATORS) as [BuiltinName, ...BuiltinName[]];

export function builtinInfo(name: string): IndicatorInfo | undefined {
  return (INDICATORS as Record<string, IndicatorInfo>)[name];
}

/** Built-ins whose value is a statistic of a numeric series (take `stat`). */
export function isStatIndicator(name: string): boolean {
  return builtinInfo(name)?.stat !== undefined;
}

/** The unit of a built-in or an inline indicator (SPEC §3.3 for inline ones). */
export function indicatorUnit(indicator: Indicator): Unit {
  if (typeof indicator === 'string') return builtinInfo(indicator)?.unit ?? 'number';
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
