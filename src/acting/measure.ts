// Measuring one requirement (or strategic objective) in given periods, with the engine that
// `control` uses, so that `action verify` and `improve` judge exactly as control does.
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { Indicator, Objective, Requirement } from '../ledger/schema.js';
import { runControlEngine } from '../quality/control.js';
import { Engine, type Scope } from '../quality/engine.js';
import { periodBounds } from '../time/index.js';
import type { Compiled } from '../quality/indicators.js';
import { numericTarget, type NumericTarget } from '../quality/targets.js';
import type { Unit } from '../ledger/indicator-catalogue.js';

export interface Measurable {
  /** `service/requirement`, or `*\/objective`. */
  label: string;
  service: string;
  id: string;
  /** The indicator, or for a service-wide deviation kind its name. */
  indicator: Indicator | string;
  target: NumericTarget;
  unit: Unit;
  /** The value and population size in a period (value null: no data). */
  measure(period: string): { value: number | null; n: number };
}

function measurable(engine: Engine, scope: Scope, spec: Requirement | Objective, service: string): Measurable {
  const c: Compiled = engine.compile(spec);
  return {
    label: `${service}/${spec.id}`,
    service,
    id: spec.id,
    indicator: spec.indicator,
    target: numericTarget(spec.target),
    unit: c.unit,
    measure: (period) => {
      const m = engine.measure(scope, c, period);
      return { value: m.value, n: m.n };
    },
  };
}

export function requirementMeasurable(engine: Engine, lookup: Lookup, service: string, requirement: string): Measurable | undefined {
  const svc = lookup.services.get(service);
  const req = svc?.requirements.find((r) => r.id === requirement);
  if (!svc || !req) return undefined;
  return measurable(engine, engine.scope(svc.id, [svc.id]), req, svc.id);
}

/** A strategic objective of aftersales.yaml, over the records of every service (as control does). */
export function objectiveMeasurable(engine: Engine, ledger: Ledger, lookup: Lookup, objective: string): Measurable | undefined {
  const o = ledger.settings?.objectives?.find((x) => x.id === objective);
  if (!o) return undefined;
  return measurable(engine, engine.scope('*', [...lookup.services.keys()].sort()), o, '*');
}

/** Deviation kinds that are about a service as a whole (SPEC §4), measurable by `kindMeasurable`. */
export const SERVICE_KINDS = ['compliance', 'training', 'action', 'capacity'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * A service-wide deviation kind as a measurement, for actions that answer one: compliance,
 * training and action count what the deviation lists (records breaking the plan, training gaps
 * at the period's end, overdue or ineffective actions), target ≤ 0; capacity is the utilisation
 * (opened interventions / declared capacity), target ≤ 1 (100%). No capacity declared: no data.
 */
export function kindMeasurable(engine: Engine, ledger: Ledger, lookup: Lookup, service: string, kind: ServiceKind): Measurable | undefined {
  const svc = lookup.services.get(service);
  if (!svc) return undefined;
  const tz = ledger.config.timezone;
  const scope = engine.scope(svc.id, [svc.id]);
  const measure = (period: string): { value: number | null; n: number } => {
    if (kind === 'capacity') {
      const cap = engine.ctx.capacity([svc.id]);
      const opened = engine.population(scope, 'opened', period).filter((r) => !r.cancelled).length;
      return { value: cap !== undefined && cap > 0 ? opened / cap : null, n: opened };
    }
    // Judged as control judges, with "now" at the end of the period.
    const result = runControlEngine(ledger, lookup, { period, asOf: periodBounds(period, tz).end, service: svc.id, catalogue: [] }, engine);
    const d = result.deviations.find((x) => x.key === `${svc.id}/${kind}/${period}`);
    const count = !d ? 0 : d.kind === 'compliance' ? d.records.length : d.kind === 'training' ? d.people.length : d.actions.length;
    return { value: count, n: engine.population(scope, 'closed', period).length };
  };
  return {
    label: `${svc.id}/${kind}`, service: svc.id, id: kind, indicator: kind,
    target: kind === 'capacity' ? { max: 1 } : { max: 0 }, unit: kind === 'capacity' ? 'ratio' : 'count', measure,
  };
}
