// Built-in indicators (SPEC §3.2, table in ledger/indicator-catalogue.ts) and inline definitions
// (§3.3), compiled: each to a
// population kind, a record filter and a computation over the filtered records, so that the
// same indicator can be recomputed on any subset (causes: leave one group out). Records are
// passed as indices into the engine's columns (columns.ts): the built-ins read typed arrays;
// `where` filters and inline definitions read the records' data, and keep what they found per
// record in named columns (which the facts cache keeps too).
import type { Filter, Indicator, InlineIndicator, Procedure, Service } from '../ledger/schema.js';
import type { Person } from '../ledger/schema.js';
import { DURATION_RE, parseDurationHours } from '../time/index.js';
import { compileFilter } from './filter.js';
import { Flag, OUTCOME_CODE, type Columns } from './columns.js';
import { fieldGetter } from './prepare.js';
import { mean, stat } from './stats.js';
import { builtinInfo, indicatorUnit, type BuiltinName, type PopulationKind, type Unit } from '../ledger/indicator-catalogue.js';

export type { PopulationKind };

/** Records as indices into the engine's columns and records. */
export type Indices = ArrayLike<number>;
export type IndexPredicate = (i: number) => boolean;

/** What an indicator needs besides the records: the plan, the team and the inputs. */
export interface IndicatorContext {
  services: Map<string, Service>;
  procedures: Map<string, Procedure>;
  people: Map<string, Person>;
  cols: Columns;
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
  accepts: IndexPredicate | undefined;
  /** The value over already accepted records. `end` is the period end (warranty units). */
  compute(records: Indices, scope: { end: number; services: readonly string[] }): Measure;
  /** The stat used, for stat indicators (JSON output). */
  stat?: string;
}

const HOUR_MS = 3_600_000;

/** Deep copy with every duration string (`24h`, `5d`) as hours: inline definitions in JSON and filters. */
export function durationsToHours<T>(value: T): T {
  if (typeof value === 'string' && DURATION_RE.test(value.trim())) return parseDurationHours(value) as T;
  if (Array.isArray(value)) return value.map(durationsToHours) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, durationsToHours(v)])) as T;
  }
  return value;
}

function share(ix: Indices, ok: IndexPredicate): Measure {
  const n = ix.length;
  if (n === 0) return { value: null, n: 0 };
  let k = 0;
  for (let j = 0; j < n; j++) if (ok(ix[j])) k++;
  return { value: k / n, n };
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

/** The finite values of a column (or a computed fact) over the records. */
function numbers(ix: Indices, get: (i: number) => unknown): number[] {
  const out: number[] = [];
  for (let j = 0; j < ix.length; j++) {
    const v = get(ix[j]);
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function columnValues(ix: Indices, column: Float64Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < ix.length; j++) {
    const v = column[ix[j]];
    if (v === v) out.push(v); // not NaN (absent)
  }
  return out;
}

function and(...ps: (IndexPredicate | undefined)[]): IndexPredicate | undefined {
  const list = ps.filter((p): p is IndexPredicate => p !== undefined);
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  if (list.length === 2) {
    const [a, b] = list;
    return (i) => a(i) && b(i);
  }
  return (i) => list.every((p) => p(i));
}

/**
 * A filter as an index predicate whose result per record is memoised in a named column (1 true,
 * 0 false), which the facts cache keeps: filters read the records' data, scattered in memory.
 */
function memoFilter(filter: Filter | undefined, cols: Columns): IndexPredicate | undefined {
  const norm = filter === undefined ? undefined : durationsToHours(filter);
  const p = compileFilter(norm);
  if (!p) return undefined;
  const column = cols.namedColumn(`filter:${JSON.stringify(norm)}`);
  return (i) => {
    let v = column[i];
    if (v !== v) {
      v = p(cols, i) ? 1 : 0;
      column[i] = v;
      cols.derived++;
    }
    return v === 1;
  };
}

/** A field's value per record when it is a finite number, memoised likewise (-Infinity: none). */
function memoNumber(field: string, cols: Columns): (i: number) => number | undefined {
  const get = fieldGetter(field);
  const column = cols.namedColumn(`number:${field}`);
  return (i) => {
    let v = column[i];
    if (v !== v) {
      const raw = get(cols, i);
      v = typeof raw === 'number' && Number.isFinite(raw) ? raw : -Infinity;
      column[i] = v;
      cols.derived++;
    }
    return v === -Infinity ? undefined : v;
  };
}

/** Another non-cancelled record of the same serial opened in (closed, closed + within]. */
function repeated(i: number, withinHours: number, cols: Columns): boolean {
  return cols.nextVisit(i) <= cols.closed[i] + withinHours * HOUR_MS;
}

const { resolved, replaced, refunded } = OUTCOME_CODE;

/** How a built-in is computed: which records of its population count, and the value over them. */
interface BuiltinCompute {
  extra?: IndexPredicate;
  compute: Compiled['compute'];
}

type BuiltinArgs = { c: Columns; ctx: IndicatorContext; statName: string | undefined; within: number | undefined };
const has = (column: Float64Array) => (i: number) => column[i] === column[i];

/**
 * The computation of every built-in of the catalogue (ledger/indicator-catalogue.ts), by name:
 * the population, units and defaults are the table's; the type makes a missing one an error.
 */
const BUILTIN: { [K in BuiltinName]: (a: BuiltinArgs) => BuiltinCompute } = {
  volume: () => ({ compute: (ix) => ({ value: ix.length, n: ix.length }) }),
  backlog: () => ({ compute: (ix) => ({ value: ix.length, n: ix.length }) }),
  first_response_time: ({ c, statName }) => ({ extra: has(c.responded), compute: (ix) => statOf(numbers(ix, (i) => c.response(i)), statName!) }),
  resolution_time: ({ c, statName }) => ({ compute: (ix) => statOf(numbers(ix, (i) => c.resolution(i)), statName!) }),
  sla_compliance: ({ c, within }) => ({ compute: (ix) => share(ix, (i) => (c.resolution(i) ?? Infinity) <= (within ?? Infinity)) }),
  first_time_fix: ({ c }) => ({ extra: has(c.visits), compute: (ix) => share(ix, (i) => c.outcome[i] === resolved && c.visits[i] === 1) }),
  repeat_rate: ({ c, within }) => {
    const hours = within ?? 30 * 24;
    return { extra: (i) => (c.flags[i] & Flag.Serial) !== 0, compute: (ix) => share(ix, (i) => repeated(i, hours, c)) };
  },
  csat: ({ c }) => ({ extra: has(c.csat), compute: (ix) => share(ix, (i) => c.csat[i] >= 4) }),
  nps: ({ c }) => ({ extra: has(c.nps), compute: (ix) => npsOf(columnValues(ix, c.nps)) }),
  ces: ({ c }) => ({
    extra: has(c.effort),
    compute: (ix) => {
      const v = columnValues(ix, c.effort);
      return { value: mean(v), n: v.length };
    },
  }),
  complaint_resolution: ({ c }) => ({
    extra: (i) => (c.flags[i] & Flag.Complaint) !== 0,
    compute: (ix) => share(ix, (i) => c.outcome[i] === resolved || c.outcome[i] === replaced || c.outcome[i] === refunded),
  }),
  procedure_adherence: ({ c }) => ({ compute: (ix) => share(ix, (i) => c.adherent(i)) }),
  record_completeness: ({ c }) => ({ compute: (ix) => share(ix, (i) => c.complete(i)) }),
  trained_staff: ({ c }) => ({ extra: (i) => (c.flags[i] & Flag.Assignee) !== 0, compute: (ix) => share(ix, (i) => c.trained(i)) }),
  cost: ({ c, statName }) => ({ extra: has(c.cost), compute: (ix) => statOf(columnValues(ix, c.cost), statName!) }),
  warranty_claim_rate: ({ ctx }) => ({
    compute: (ix, scope) => {
      const units = ctx.unitsUnderWarranty(scope.end);
      return { value: units > 0 ? (1000 * ix.length) / units : null, n: ix.length };
    },
  }),
  utilisation: ({ ctx }) => ({
    compute: (ix, scope) => {
      const cap = ctx.capacity(scope.services);
      return { value: cap !== undefined && cap > 0 ? ix.length / cap : null, n: ix.length };
    },
  }),
};

function builtin(name: string, spec: IndicatorSpec, ctx: IndicatorContext): Omit<Compiled, 'accepts' | 'unit'> & { extra?: IndexPredicate } {
  const info = builtinInfo(name);
  if (!info) throw new Error(`unknown indicator ${name}`);
  const statName = info.stat === undefined ? undefined : spec.stat ?? info.stat;
  const within = spec.within ? parseDurationHours(spec.within) : undefined;
  const { extra, compute } = BUILTIN[name as BuiltinName]({ c: ctx.cols, ctx, statName, within });
  return { population: info.population, includesCancelled: info.includesCancelled === true, extra, compute, ...(statName ? { stat: statName } : {}) };
}

function inline(def: InlineIndicator, cols: Columns): Omit<Compiled, 'accepts' | 'unit'> & { extra?: IndexPredicate } {
  const norm = durationsToHours(def);
  const population = norm.population ?? 'closed';
  const field = norm.field ?? (norm.type === 'nps' ? 'survey.nps' : undefined);
  const get = field ? memoNumber(field, cols) : () => undefined;
  switch (norm.type) {
    case 'count':
      return { population, includesCancelled: false, compute: (ix) => ({ value: ix.length, n: ix.length }) };
    case 'share': {
      const match = memoFilter(def.match, cols) ?? (() => true);
      return { population, includesCancelled: false, compute: (ix) => share(ix, match) };
    }
    case 'mean':
      return { population, includesCancelled: false, compute: (ix) => statOf(numbers(ix, get), 'mean') };
    case 'median':
      return { population, includesCancelled: false, compute: (ix) => statOf(numbers(ix, get), 'median') };
    case 'percentile':
      return { population, includesCancelled: false, compute: (ix) => statOf(numbers(ix, get), `p${norm.p ?? 50}`) };
    case 'nps':
      return { population, includesCancelled: false, compute: (ix) => npsOf(numbers(ix, get)) };
  }
}

export function compileIndicator(spec: IndicatorSpec, ctx: IndicatorContext): Compiled {
  const base = typeof spec.indicator === 'string' ? builtin(spec.indicator, spec, ctx) : inline(spec.indicator, ctx.cols);
  const inlineWhere = typeof spec.indicator === 'string' ? undefined : memoFilter(spec.indicator.where, ctx.cols);
  const where = memoFilter(spec.where, ctx.cols);
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
