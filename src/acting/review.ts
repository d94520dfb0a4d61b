// Inputs of a management review (ISO 9001 9.3.2) that the control result alone does not hold:
// the status of every action in the ledger, customer satisfaction (CSAT share and NPS) per
// service over the history periods, and improvement opportunities (requirements met with margin
// in every period of their series). Shared by `control --format markdown` and `report`.
import type { Ledger } from '../ledger/load.js';
import type { ActionData } from '../ledger/schema.js';
import type { Engine } from '../quality/engine.js';
import type { ControlResult, RequirementResult } from '../quality/control.js';
import { isOverdue } from '../quality/control.js';
import { firstFullPeriodFrom } from '../acting/verify-period.js';
import {
  localDate, parseTimestamp, periodBounds, periodsEndingWith,
} from '../time/index.js';
import type { NumericTarget } from '../quality/targets.js';

export interface Point {
  period: string;
  value: number | null;
  n: number;
}

export interface SatisfactionSeries {
  /** A service id, or `*` for all services together. */
  service: string;
  name: string;
  csat: Point[];
  nps: Point[];
  /** Targets of the service's own csat / nps requirements, when it has them. */
  csatTarget?: NumericTarget;
  npsTarget?: NumericTarget;
}

export interface ActionStatus {
  action: ActionData;
  /** Open with its due date before the as-of date. */
  overdue: boolean;
  /** Done, not verified yet, and its verification date has passed: `aftersales action verify`. */
  verifyDue: boolean;
}

export interface Opportunity {
  service: string;
  requirement: string;
  unit: string;
  target: NumericTarget;
  /** The worst value of the series: a stricter target would sit here (what `improve` proposes). */
  worst: number;
  periods: number;
}

export interface ReviewInputs {
  actions: ActionStatus[];
  satisfaction: SatisfactionSeries[];
  opportunities: Opportunity[];
}

/**
 * Whether the first full period starting on or after `after` (the one `action verify`
 * measures) has ended by the as-of instant.
 */
function verificationPeriodOver(after: string, ledger: Ledger, asOfMs: number): boolean {
  const first = firstFullPeriodFrom(after, ledger.config.period);
  return periodBounds(first, ledger.config.timezone).end <= asOfMs;
}

/** The ledger's valid actions, oldest first, with whether each is overdue at the as-of date. */
export function actionStatuses(ledger: Ledger, asOf: string): ActionStatus[] {
  const asOfMs = parseTimestamp(asOf, ledger.config.timezone);
  const asOfDate = localDate(asOfMs, ledger.config.timezone);
  return ledger.actions
    .flatMap((f) => (f.data ? [f.data] : []))
    .sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((action) => ({
      action,
      overdue: isOverdue(action, asOfDate),
      verifyDue: action.status === 'done' && action.verification?.result === undefined
        && (action.verification?.after ?? action.due) !== undefined && verificationPeriodOver((action.verification?.after ?? action.due)!, ledger, asOfMs),
    }));
}

function firstTarget(reqs: readonly RequirementResult[], indicator: string): NumericTarget | undefined {
  return reqs.find((r) => r.indicator === indicator)?.target;
}

/** CSAT share and NPS per service (and over all services) in each history period. */
export function satisfaction(engine: Engine, result: ControlResult, history: number): SatisfactionSeries[] {
  const periods = periodsEndingWith(result.period.label, history);
  const csat = engine.compile({ indicator: 'csat' });
  const nps = engine.compile({ indicator: 'nps' });
  const series = (scopeId: string, services: string[]) => {
    const scope = engine.scope(scopeId, services);
    const at = (c: typeof csat) => periods.map((p) => {
      const m = engine.measure(scope, c, p);
      return { period: p, value: m.value, n: m.n };
    });
    return { csat: at(csat), nps: at(nps) };
  };
  const out: SatisfactionSeries[] = result.services.map((s) => ({
    service: s.id,
    name: s.name,
    ...series(s.id, [s.id]),
    csatTarget: firstTarget(s.requirements, 'csat'),
    npsTarget: firstTarget(s.requirements, 'nps'),
  }));
  if (result.services.length > 1) {
    const all = result.services.map((s) => s.id).sort();
    const objective = result.objectives.find((o) => o.indicator === 'csat');
    out.push({ service: '*', name: '*', ...series('*', all), csatTarget: objective?.target });
  }
  return out;
}

function meetsWithMargin(value: number, t: NumericTarget): boolean {
  if (t.min !== undefined && !(value > t.min)) return false;
  if (t.max !== undefined && !(value < t.max)) return false;
  return true;
}

/**
 * Requirements whose every period of the series has data and meets the target strictly: the
 * target could be raised to the worst of those values (`aftersales improve`).
 */
export function opportunities(result: ControlResult): Opportunity[] {
  const out: Opportunity[] = [];
  for (const s of result.services) {
    for (const r of s.requirements) {
      const values = r.series.map((p) => p.value);
      if (values.length === 0 || values.some((v) => v === null)) continue;
      const real = values as number[];
      if (!real.every((v) => meetsWithMargin(v, r.target))) continue;
      const worst = r.target.min !== undefined ? Math.min(...real) : Math.max(...real);
      out.push({ service: s.id, requirement: r.id, unit: r.unit, target: r.target, worst, periods: real.length });
    }
  }
  return out;
}

export function reviewInputs(ledger: Ledger, engine: Engine, result: ControlResult): ReviewInputs {
  return {
    actions: actionStatuses(ledger, result.asOf),
    satisfaction: satisfaction(engine, result, ledger.config.history),
    opportunities: opportunities(result),
  };
}
