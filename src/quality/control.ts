// Control (SPEC §4, §5.1): indicators per requirement and objective for a period, and every
// kind of deviation — target, trend, compliance, training, action, capacity — with causes,
// responsibles, suggestions and acknowledgement. Pure: the ledger is loaded, "now" is given.
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { Indicator, Objective, Requirement, Service } from '../ledger/schema.js';
import { findCauses, OBJECTIVE_DIMENSIONS, type Cause } from './causes.js';
import { durationsToHours, type Compiled } from './indicators.js';
import { Engine, type Scope } from './engine.js';
import { formatInstant, localDate, periodBounds, periodsEndingWith } from '../time/index.js';
import { suggest, type CatalogueEntry } from './suggest.js';
import { actionDeviation, isOverdue } from './deviations/action.js';
import { capacityDeviation } from './deviations/capacity.js';
import { complianceDeviation } from './deviations/compliance.js';
import { targetDeviation } from './deviations/target.js';
import { trainingDeviation } from './deviations/training.js';
import { trendDeviation } from './deviations/trend.js';
import type { Deviation } from './deviations/types.js';
import { direction, numericTarget, statusOf, SEVERITY_RANK, type NumericTarget, type Status } from './targets.js';
import type { Unit } from '../ledger/indicator-catalogue.js';

export type { ComplianceProblem, Deviation, DeviationKind, Severity } from './deviations/types.js';
export { isOverdue } from './deviations/action.js';

export interface RequirementResult {
  id: string;
  kind: string;
  indicator: Indicator;
  stat?: string;
  unit: Unit;
  value: number | null;
  n: number;
  target: NumericTarget;
  status: Status;
  /** The `history` periods ending with the controlled one (for sparklines and charts). */
  series: { period: string; value: number | null }[];
  /** Where the requirement is in its service file (for annotations), index in `requirements`. */
  index: number;
}

export interface ServiceResult {
  id: string;
  name: string;
  owner: string;
  file: string;
  requirements: RequirementResult[];
}

export interface ObjectiveResult {
  id: string;
  indicator: Indicator;
  value: number | null;
  n: number;
  unit: Unit;
  target: NumericTarget;
  status: Status;
}

export interface ControlResult {
  ledger: string;
  period: { label: string; start: string; end: string };
  asOf: string;
  services: ServiceResult[];
  objectives: ObjectiveResult[];
  deviations: Deviation[];
  summary: { requirements: number; ok: number; warning: number; critical: number; no_data: number; deviations: number; acknowledged: number };
}

export interface ControlOptions {
  period: string;
  asOf: number;
  service?: string;
  catalogue: readonly CatalogueEntry[];
}

function indicatorOut(indicator: Indicator): Indicator {
  return typeof indicator === 'string' ? indicator : durationsToHours(indicator);
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function runControlEngine(ledger: Ledger, lookup: Lookup, options: ControlOptions, engine = new Engine(ledger, lookup)): ControlResult {
  const tz = ledger.config.timezone;
  const label = options.period;
  const bounds = periodBounds(label, tz);
  const asOfDate = localDate(options.asOf, tz);
  const history = periodsEndingWith(label, ledger.config.history);
  const actions = ledger.actions.flatMap((f) => (f.data ? [f.data] : []));
  const deviations: Deviation[] = [];

  const services = [...lookup.services.values()]
    .filter((s) => options.service === undefined || s.id === options.service)
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const responsibleOf = (svc: Service) => ({
    role: svc.owner,
    people: (lookup.peopleByRole.get(svc.owner) ?? []).map((p) => p.id).sort(),
  });

  const serviceResults: ServiceResult[] = [];
  for (const svc of services) {
    const scope = engine.scope(svc.id, [svc.id]);
    const requirements: RequirementResult[] = [];
    svc.requirements.forEach((req: Requirement, index) => {
      const c = engine.compile(req);
      const target = numericTarget(req.target);
      // The history ends with the controlled period: its last measure is the current one.
      const measures = history.map((p) => engine.measure(scope, c, p));
      const series = history.map((p, i) => ({ period: p, value: measures[i].value }));
      const current = measures[measures.length - 1];
      const status = statusOf(current.value, target);
      requirements.push({
        id: req.id, kind: req.kind, indicator: indicatorOut(req.indicator), stat: c.stat, unit: c.unit,
        value: current.value, n: current.n, target, status, series, index,
      });
      const better = direction(target);
      let causes: Cause[] | undefined;
      const causesOf = () => (causes ??= findCauses(current.ix, current.value, better, (ix) => engine.valueOf(scope, c, label, ix), engine.causeCodes));
      const name = typeof req.indicator === 'string' ? req.indicator : undefined;
      const common = { service: svc.id, requirement: req.id, value: current.value, target, unit: c.unit, responsible: responsibleOf(svc) };
      const missed = status === 'warning' || status === 'critical';
      const missedTarget = targetDeviation({
        key: `${svc.id}/${req.id}/${label}`, status, ...common, causes: missed ? causesOf() : [], suggestions: missed ? suggest(options.catalogue, name, causesOf()[0]) : [],
      });
      if (missedTarget) deviations.push(missedTarget);
      const trend = trendDeviation({
        key: `${svc.id}/${req.id}/${label}/trend`, ...common, indicator: name, series: series.map((x) => x.value), better, causes: causesOf, catalogue: options.catalogue,
      });
      if (trend) deviations.push(trend);
    });
    serviceResults.push({ id: svc.id, name: svc.name, owner: svc.owner, file: lookup.serviceFiles.get(svc.id) ?? `services/${svc.id}.yaml`, requirements });

    const compliance = complianceDeviation(`${svc.id}/compliance/${label}`, svc, engine.populationIx(scope, 'closed', label), engine.cols, lookup);
    if (compliance) deviations.push(compliance);
    const training = trainingDeviation(`${svc.id}/training/${label}`, svc, [...lookup.people.values()], asOfDate);
    if (training) deviations.push(training);
    const overdue = actionDeviation(`${svc.id}/action/${label}`, svc, actions, asOfDate);
    if (overdue) deviations.push(overdue);
    const opened = engine.populationIx(scope, 'opened', label).filter((i) => !engine.cols.cancelled(i)).length;
    const capacity = capacityDeviation(`${svc.id}/capacity/${label}`, svc.id, opened, engine.ctx.capacity([svc.id]));
    if (capacity) deviations.push(capacity);
  }

  // Strategic objectives, over the records of all services.
  const objectives: ObjectiveResult[] = [];
  if (options.service === undefined) {
    const all = engine.scope('*', [...lookup.services.keys()].sort());
    for (const o of ledger.settings?.objectives ?? []) {
      const result = objectiveOf(o, engine, all, label);
      objectives.push(result.out);
      const missed = result.out.status === 'warning' || result.out.status === 'critical';
      const causes = missed ? findCauses(result.ix, result.out.value, direction(result.out.target), (ix) => engine.valueOf(all, result.compiled, label, ix), engine.causeCodes, OBJECTIVE_DIMENSIONS) : [];
      const name = typeof o.indicator === 'string' ? o.indicator : undefined;
      const d = targetDeviation({
        key: `*/${o.id}/${label}`, service: '*', requirement: o.id, status: result.out.status, value: result.out.value, target: result.out.target,
        unit: result.out.unit, responsible: null, causes, suggestions: missed ? suggest(options.catalogue, name, causes[0]) : [],
      });
      if (d) deviations.push(d);
    }
  }

  // Actions that name a deviation, and acknowledgement (open or done, not overdue).
  for (const d of deviations) {
    const naming = actions.filter((a) => a.deviation === d.key);
    // an `action` deviation lists the overdue/ineffective actions themselves
    if (d.kind !== 'action') d.actions = naming.map((a) => a.id).sort();
    d.acknowledged = naming.some((a) => (a.status === 'open' || a.status === 'done') && !isOverdue(a, asOfDate));
  }
  deviations.sort(byKey);

  const reqs = serviceResults.flatMap((s) => s.requirements);
  const count = (st: Status) => reqs.filter((r) => r.status === st).length;
  return {
    ledger: ledger.settings?.organisation ?? '',
    period: { label, start: formatInstant(bounds.start, tz), end: formatInstant(bounds.end, tz) },
    asOf: formatInstant(options.asOf, tz),
    services: serviceResults,
    objectives,
    deviations,
    summary: {
      requirements: reqs.length, ok: count('ok'), warning: count('warning'), critical: count('critical'), no_data: count('no-data'),
      deviations: deviations.length, acknowledged: deviations.filter((d) => d.acknowledged).length,
    },
  };
}

function objectiveOf(o: Objective, engine: Engine, scope: Scope, label: string) {
  const compiled: Compiled = engine.compile(o);
  const target = numericTarget(o.target);
  const m = engine.measure(scope, compiled, label);
  const out: ObjectiveResult = {
    id: o.id, indicator: indicatorOut(o.indicator), value: m.value, n: m.n, unit: compiled.unit, target, status: statusOf(m.value, target),
  };
  return { out, ix: m.ix, compiled };
}

/** The worst severity that fails the run at `failOn`, ignoring acknowledged deviations unless strict. */
export function failing(result: ControlResult, failOn: 'warning' | 'critical' | 'never', strict: boolean): Deviation[] {
  if (failOn === 'never') return [];
  const threshold = SEVERITY_RANK[failOn];
  return result.deviations.filter((d) => SEVERITY_RANK[d.severity] >= threshold && (strict || !d.acknowledged));
}
