// The indicator catalogue (SPEC §3.2) and inline definitions (§3.3): each compiles to a
// population kind, a record filter and a computation over the filtered records, so that the
// same indicator can be recomputed on any subset (causes: leave one group out).
import type { Filter, Indicator, InlineIndicator, Procedure, Service } from '../ledger/schema.js';
import type { Person } from '../ledger/schema.js';
import { DURATION_RE, durationHours as parseDuration } from '../ledger/values.js';
import { missingFields } from '../ledger/checks.js';
import { compileFilter, type Predicate } from './filter.js';
import { fieldGetter, resolutionHours, responseHours, type Prepared } from './prepare.js';
import { mean, stat } from './stats.js';
import { trainedFor } from './training.js';
import { BUILTIN_UNITS, indicatorUnit, type Unit } from './units.js';

export type PopulationKind = 'opened' | 'closed' | 'backlog';

/** What an indicator needs besides the records: the plan, the team and the inputs. */
export interface IndicatorContext {
  services: Map<string, Service>;
  procedures: Map<string, Procedure>;
  people: Map<string, Person>;
  /** serial → opened instants (ascending) of its non-cancelled records, all services */
  openedBySerial(): Map<string, number[]>;
  /** Units under warranty at an instant (period end), over the products sold. */
  unitsUnderWarranty(at: number): number;
  /** Σ capacity of the resources of these services; undefined when none declares any. */
  capacity(serviceIds: readonly string[]): number | undefined;
}

export interface IndicatorSpec {
  indicator: Indicator;
  stat?: string;
  within?: string;
  where?: Filter;
}

export interface Measure {
  value: number | null;
  n: number;
}

export interface Compiled {
  unit: Unit;
  population: PopulationKind;
  /** Includes cancelled records (only `volume` does). */
  includesCancelled: boolean;
  /**
   * Which records of the (non-cancelled, unless includesCancelled) population the indicator is
   * computed over; undefined = all of them.
   */
  accepts: Predicate | undefined;
  /** The value over already accepted records. `end` is the period end (warranty units). */
  compute(records: readonly Prepared[], scope: { end: number; services: readonly string[] }): Measure;
  /** The stat used, for stat indicators (JSON output). */
  stat?: string;
}

const HOUR_MS = 3_600_000;

/** Deep copy with every duration string (`24h`, `5d`) as hours: inline definitions in JSON and filters. */
export function durationsToHours<T>(value: T): T {
  if (typeof value === 'string' && DURATION_RE.test(value.trim())) return parseDuration(value) as T;
  if (Array.isArray(value)) return value.map(durationsToHours) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, durationsToHours(v)])) as T;
  }
  return value;
}

function share(records: readonly Prepared[], ok: (r: Prepared) => boolean): Measure {
  if (records.length === 0) return { value: null, n: 0 };
  let k = 0;
  for (const r of records) if (ok(r)) k++;
  return { value: k / records.length, n: records.length };
}

function statOf(values: number[], name: string): Measure {
  return { value: values.length === 0 ? null : stat(values, name), n: values.length };
}

function npsOf(values: number[]): Measure {
  if (values.length === 0) return { value: null, n: 0 };
  let promoters = 0;
  let detractors = 0;
  for (const v of values) {
    if (v >= 9) promoters++;
    else if (v <= 6) detractors++;
  }
  return { value: (100 * (promoters - detractors)) / values.length, n: values.length };
}

function numbers(records: readonly Prepared[], get: (r: Prepared) => unknown): number[] {
  const out: number[] = [];
  for (const r of records) {
    const v = get(r);
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function and(...ps: (Predicate | undefined)[]): Predicate | undefined {
  const list = ps.filter((p): p is Predicate => p !== undefined);
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return (r) => list.every((p) => p(r));
}


// Per-record facts, memoised on the record: causes recompute indicators many times.
function mandatoryStepsDone(r: Prepared, ctx: IndicatorContext): boolean {
  if (r._adherent === undefined) {
    const proc = ctx.procedures.get(r.procedureId);
    r._adherent = !!proc && proc.steps.every((s) => s.mandatory !== true || r.data.steps?.[s.id] === 'done');
  }
  return r._adherent;
}

function complete(r: Prepared, ctx: IndicatorContext): boolean {
  if (r._complete === undefined) r._complete = missingFields(r.data, ctx.procedures.get(r.procedureId)).length === 0;
  return r._complete;
}

function trained(r: Prepared, ctx: IndicatorContext): boolean {
  if (r._trained === undefined) {
    const person = r.assignee ? ctx.people.get(r.assignee) : undefined;
    const service = ctx.services.get(r.service);
    r._trained = !!person && !!service && trainedFor(service, person, r.openedDate);
  }
  return r._trained;
}

/** Another non-cancelled record of the same serial opened in (closed, closed + within]. */
function repeated(r: Prepared, withinHours: number, ctx: IndicatorContext): boolean {
  const list = r.serial === undefined ? undefined : ctx.openedBySerial().get(r.serial);
  if (!list || r.closed === undefined) return false;
  const from = r.closed;
  const to = r.closed + withinHours * HOUR_MS;
  // first index with opened > from
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] <= to;
}


function builtin(name: string, spec: IndicatorSpec, ctx: IndicatorContext): Omit<Compiled, 'accepts' | 'unit'> & { extra?: Predicate } {
  const statName = spec.stat ?? BUILTIN_UNITS[name]?.stat;
  const within = spec.within ? parseDuration(spec.within) : undefined;
  switch (name) {
    case 'volume':
      return { population: 'opened', includesCancelled: true, compute: (rs) => ({ value: rs.length, n: rs.length }) };
    case 'backlog':
      return { population: 'backlog', includesCancelled: false, compute: (rs) => ({ value: rs.length, n: rs.length }) };
    case 'first_response_time':
      return {
        population: 'opened', includesCancelled: false, extra: (r) => r.responded !== undefined, stat: statName,
        compute: (rs) => statOf(numbers(rs, responseHours), statName!),
      };
    case 'resolution_time':
      return { population: 'closed', includesCancelled: false, stat: statName, compute: (rs) => statOf(numbers(rs, resolutionHours), statName!) };
    case 'sla_compliance':
      return {
        population: 'closed', includesCancelled: false,
        compute: (rs) => share(rs, (r) => (resolutionHours(r) ?? Infinity) <= (within ?? Infinity)),
      };
    case 'first_time_fix':
      return {
        population: 'closed', includesCancelled: false, extra: (r) => r.visits !== undefined,
        compute: (rs) => share(rs, (r) => r.outcome === 'resolved' && r.visits === 1),
      };
    case 'repeat_rate': {
      const hours = within ?? 30 * 24;
      return { population: 'closed', includesCancelled: false, extra: (r) => r.serial !== undefined, compute: (rs) => share(rs, (r) => repeated(r, hours, ctx)) };
    }
    case 'csat':
      return { population: 'closed', includesCancelled: false, extra: (r) => r.csat !== undefined, compute: (rs) => share(rs, (r) => r.csat! >= 4) };
    case 'nps':
      return { population: 'closed', includesCancelled: false, extra: (r) => r.nps !== undefined, compute: (rs) => npsOf(numbers(rs, (r) => r.nps)) };
    case 'ces':
      return {
        population: 'closed', includesCancelled: false, extra: (r) => r.effort !== undefined,
        compute: (rs) => {
          const v = numbers(rs, (r) => r.effort);
          return { value: mean(v), n: v.length };
        },
      };
    case 'complaint_resolution':
      return {
        population: 'closed', includesCancelled: false, extra: (r) => r.complaint,
        compute: (rs) => share(rs, (r) => r.outcome === 'resolved' || r.outcome === 'replaced' || r.outcome === 'refunded'),
      };
    case 'procedure_adherence':
      return { population: 'closed', includesCancelled: false, compute: (rs) => share(rs, (r) => mandatoryStepsDone(r, ctx)) };
    case 'record_completeness':
      return { population: 'closed', includesCancelled: false, compute: (rs) => share(rs, (r) => complete(r, ctx)) };
    case 'trained_staff':
      return { population: 'closed', includesCancelled: false, extra: (r) => r.assignee !== undefined, compute: (rs) => share(rs, (r) => trained(r, ctx)) };
    case 'cost':
      return { population: 'closed', includesCancelled: false, extra: (r) => r.cost !== undefined, stat: statName, compute: (rs) => statOf(numbers(rs, (r) => r.cost), statName!) };
    case 'warranty_claim_rate':
      return {
        population: 'opened', includesCancelled: false,
        compute: (rs, scope) => {
          const units = ctx.unitsUnderWarranty(scope.end);
          return { value: units > 0 ? (1000 * rs.length) / units : null, n: rs.length };
        },
      };
    case 'utilisation':
      return {
        population: 'opened', includesCancelled: false,
        compute: (rs, scope) => {
          const cap = ctx.capacity(scope.services);
          return { value: cap !== undefined && cap > 0 ? rs.length / cap : null, n: rs.length };
        },
      };
    default:
      throw new Error(`unknown indicator ${name}`);
  }
}

function inline(def: InlineIndicator): Omit<Compiled, 'accepts' | 'unit'> & { extra?: Predicate } {
  const norm = durationsToHours(def);
  const population = norm.population ?? 'closed';
  const field = norm.field ?? (norm.type === 'nps' ? 'survey.nps' : undefined);
  const get = field ? fieldGetter(field) : () => undefined;
  switch (norm.type) {
    case 'count':
      return { population, includesCancelled: false, compute: (rs) => ({ value: rs.length, n: rs.length }) };
    case 'share': {
      const match = compileFilter(norm.match) ?? (() => true);
      return { population, includesCancelled: false, compute: (rs) => share(rs, match) };
    }
    case 'mean':
      return { population, includesCancelled: false, compute: (rs) => statOf(numbers(rs, get), 'mean') };
    case 'median':
      return { population, includesCancelled: false, compute: (rs) => statOf(numbers(rs, get), 'median') };
    case 'percentile':
      return { population, includesCancelled: false, compute: (rs) => statOf(numbers(rs, get), `p${norm.p ?? 50}`) };
    case 'nps':
      return { population, includesCancelled: false, compute: (rs) => npsOf(numbers(rs, get)) };
  }
}

export function compileIndicator(spec: IndicatorSpec, ctx: IndicatorContext): Compiled {
  const base = typeof spec.indicator === 'string' ? builtin(spec.indicator, spec, ctx) : inline(spec.indicator);
  const inlineWhere = typeof spec.indicator === 'string' ? undefined : compileFilter(durationsToHours(spec.indicator.where));
  const where = compileFilter(durationsToHours(spec.where));
  return {
    unit: indicatorUnit(spec.indicator),
    population: base.population,
    includesCancelled: base.includesCancelled,
    stat: base.stat,
    compute: base.compute,
    // The engine's populations already leave cancelled records out (but for volume) and hold
    // only closed records in `closed`: what remains is the requirement's own filter.
    accepts: and(where, inlineWhere, base.extra),
  };
}
