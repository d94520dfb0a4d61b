// Control (SPEC §4, §5.1): indicators per requirement and objective for a period, and every
// kind of deviation — target, trend, compliance, training, action, capacity — with causes,
// responsibles, suggestions and acknowledgement. Pure: the ledger is loaded, "now" is given.
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { ActionData, Indicator, Objective, Requirement, Service } from '../ledger/schema.js';
import { recordInstants } from '../ledger/instants.js';
import type { Columns } from './columns.js';
import { findCauses, OBJECTIVE_DIMENSIONS, type Cause } from './causes.js';
import { durationsToHours, type Compiled } from './indicators.js';
import { Engine, type Scope } from './engine.js';
import { addCalendarMonths, formatInstant, localDate, periodBounds, periodsEndingWith } from '../time/index.js';
import { trendSignals } from './spc.js';
import { suggest, type CatalogueEntry } from './suggest.js';
import { direction, numericTarget, statusOf, SEVERITY_RANK, type NumericTarget, type Status } from './targets.js';
import { trainingGaps } from './training.js';
import type { Unit } from '../ledger/indicator-catalogue.js';

export type Severity = 'warning' | 'critical';
export type DeviationKind = 'target' | 'trend' | 'compliance' | 'training' | 'action' | 'capacity';
export type ComplianceProblem = 'step-not-done' | 'field-missing' | 'procedure-outdated' | 'assignee-untrained' | 'out-of-warranty';

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

export interface Deviation {
  key: string;
  kind: DeviationKind;
  severity: Severity;
  service: string;
  requirement?: string;
  value?: number | null;
  target?: NumericTarget;
  responsible?: { role: string; people: string[] } | null;
  causes?: Cause[];
  suggestions?: string[];
  rules?: string[];
  series?: number[];
  records?: { id: string; problems: ComplianceProblem[] }[];
  people?: { id: string; course: string; problem: 'missing' | 'expired' }[];
  capacity?: number;
  acknowledged: boolean;
  actions: string[];
  /** Suggestion entries behind `suggestions` (for plans and reports), not in JSON. */
  suggestionEntries?: CatalogueEntry[];
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
  const suggestionsFor = (indicator: Indicator, causes: Cause[]) =>
    suggest(options.catalogue, typeof indicator === 'string' ? indicator : undefined, causes[0]);

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
      const causesOf = () => findCauses(current.records, current.value, better, (rs) => engine.valueOf(scope, c, label, rs));
      let causes: Cause[] | undefined;
      if (status === 'warning' || status === 'critical') {
        causes = causesOf();
        const entries = suggestionsFor(req.indicator, causes);
        deviations.push({
          key: `${svc.id}/${req.id}/${label}`, kind: 'target', severity: status, service: svc.id, requirement: req.id,
          value: current.value, target, responsible: responsibleOf(svc), causes,
          suggestions: entries.map((e) => e.title), suggestionEntries: entries, records: [], acknowledged: false, actions: [],
        });
      }
      // Trend: the XmR chart of the series without empty periods, ending with a real value.
      if (current.value !== null) {
        const values = series.map((s) => s.value).filter((v): v is number => v !== null);
        const trend = trendSignals(values, better);
        if (trend && trend.rules.length > 0) {
          causes ??= causesOf();
          // A trend is an early signal: preventive actions first.
          const preventive = options.catalogue.filter((e) => e.type === 'preventive');
          const name = typeof req.indicator === 'string' ? req.indicator : undefined;
          const found = suggest(preventive, name, causes[0]);
          const entries = found.length > 0 ? found : suggest(options.catalogue, name, causes[0]);
          deviations.push({
            key: `${svc.id}/${req.id}/${label}/trend`, kind: 'trend', severity: 'warning', service: svc.id, requirement: req.id,
            value: current.value, target, responsible: responsibleOf(svc), causes,
            suggestions: entries.map((e) => e.title), suggestionEntries: entries, rules: trend.rules, series: values,
            records: [], acknowledged: false, actions: [],
          });
        }
      }
    });
    serviceResults.push({ id: svc.id, name: svc.name, owner: svc.owner, file: lookup.serviceFiles.get(svc.id) ?? `services/${svc.id}.yaml`, requirements });

    const compliance = complianceOf(svc, engine.populationIx(scope, 'closed', label), engine.cols, lookup);
    if (compliance.length > 0) {
      deviations.push({ key: `${svc.id}/compliance/${label}`, kind: 'compliance', severity: 'warning', service: svc.id, records: compliance, acknowledged: false, actions: [] });
    }
    const gaps = trainingGaps([svc], [...lookup.people.values()], asOfDate)
      .filter((g) => g.problem === 'missing' || g.problem === 'expired')
      .map((g) => ({ id: g.person, course: g.course, problem: g.problem as 'missing' | 'expired' }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.course < b.course ? -1 : a.course > b.course ? 1 : 0));
    if (gaps.length > 0) {
      deviations.push({ key: `${svc.id}/training/${label}`, kind: 'training', severity: 'warning', service: svc.id, people: gaps, acknowledged: false, actions: [] });
    }
    const actionDev = actionDeviation(svc, actions, asOfDate, label);
    if (actionDev) deviations.push(actionDev);
    const cap = engine.ctx.capacity([svc.id]);
    if (cap !== undefined && cap > 0) {
      const opened = engine.populationIx(scope, 'opened', label).filter((i) => !engine.cols.cancelled(i)).length;
      if (opened / cap > 1) {
        deviations.push({ key: `${svc.id}/capacity/${label}`, kind: 'capacity', severity: 'warning', service: svc.id, value: opened / cap, capacity: cap, acknowledged: false, actions: [] });
      }
    }
  }

  // Strategic objectives, over the records of all services.
  const objectives: ObjectiveResult[] = [];
  if (options.service === undefined) {
    const all = engine.scope('*', [...lookup.services.keys()].sort());
    for (const o of ledger.settings?.objectives ?? []) {
      const result = objectiveOf(o, engine, all, label);
      objectives.push(result.out);
      if (result.out.status === 'warning' || result.out.status === 'critical') {
        const causes = findCauses(result.records, result.out.value, direction(result.out.target), (rs) => engine.valueOf(all, result.compiled, label, rs), OBJECTIVE_DIMENSIONS);
        const entries = suggestionsFor(o.indicator, causes);
        deviations.push({
          key: `*/${o.id}/${label}`, kind: 'target', severity: result.out.status, service: '*', requirement: o.id,
          value: result.out.value, target: result.out.target, responsible: null, causes,
          suggestions: entries.map((e) => e.title), suggestionEntries: entries, records: [], acknowledged: false, actions: [],
        });
      }
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
  return { out, records: m.records, compiled };
}

export function isOverdue(a: ActionData, asOfDate: string): boolean {
  return a.status === 'open' && a.due !== undefined && a.due < asOfDate;
}

function isIneffective(a: ActionData): boolean {
  return a.status === 'ineffective' || a.verification?.result === 'ineffective';
}

/** Overdue actions, and actions verified ineffective with no newer action on the same requirement. */
function actionDeviation(svc: Service, actions: ActionData[], asOfDate: string, label: string): Deviation | undefined {
  const mine = actions.filter((a) => a.service === svc.id);
  const newer = (a: ActionData) =>
    mine.some((b) => b !== a && b.requirement === a.requirement && (b.opened > a.opened || (b.opened === a.opened && b.id > a.id)));
  const overdue = mine.filter((a) => isOverdue(a, asOfDate));
  const ineffective = mine.filter((a) => isIneffective(a) && !newer(a));
  if (overdue.length === 0 && ineffective.length === 0) return undefined;
  return {
    key: `${svc.id}/action/${label}`, kind: 'action', severity: ineffective.length > 0 ? 'critical' : 'warning', service: svc.id,
    actions: [...new Set([...overdue, ...ineffective].map((a) => a.id))].sort(), acknowledged: false,
  };
}

/**
 * Closed (non-cancelled) records of the period that break the plan, with each problem. Steps,
 * completeness and training are the engine's memoised facts (the same the indicators use).
 */
function complianceOf(svc: Service, closed: Uint32Array, cols: Columns, lookup: Lookup): { id: string; problems: ComplianceProblem[] }[] {
  const out: { id: string; problems: ComplianceProblem[] }[] = [];
  for (const i of closed) {
    if (cols.cancelled(i)) continue;
    const d = cols.dataOf(i);
    const at = d.procedure.indexOf('@');
    const proc = lookup.procedures.get(d.procedure.slice(0, at));
    const problems: ComplianceProblem[] = [];
    if (proc && !cols.adherent(i)) problems.push('step-not-done');
    if (!cols.complete(i)) problems.push('field-missing');
    const openedDate = recordInstants(d, cols.tz).openedDate;
    if (proc && Number(d.procedure.slice(at + 1)) < proc.version && openedDate >= proc.effective) problems.push('procedure-outdated');
    if (d.assignee && lookup.people.has(d.assignee) && !cols.trained(i)) problems.push('assignee-untrained');
    if (svc.warranty && d.sold && d.product) {
      const product = lookup.products.get(d.product);
      if (product && addCalendarMonths(d.sold, product.warranty) < openedDate) problems.push('out-of-warranty');
    }
    if (problems.length > 0) out.push({ id: d.id, problems });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The worst severity that fails the run at `failOn`, ignoring acknowledged deviations unless strict. */
export function failing(result: ControlResult, failOn: 'warning' | 'critical' | 'never', strict: boolean): Deviation[] {
  if (failOn === 'never') return [];
  const threshold = SEVERITY_RANK[failOn];
  return result.deviations.filter((d) => SEVERITY_RANK[d.severity] >= threshold && (strict || !d.acknowledged));
}
