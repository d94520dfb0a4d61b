// Measuring: records ordered once by opened and by closed as index arrays over the columns
// (columns.ts; the order is rebuilt from the ranks the facts cache kept, or sorted), so that the
// population of any period is a binary-searched slice; scopes (a service, or all for objectives)
// split those arrays by the service column, and populations are memoised per (scope, kind,
// period) and shared by every requirement of the scope.
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { Service } from '../ledger/schema.js';
import type { Columns } from './columns.js';
import { compileIndicator, type Compiled, type IndicatorContext, type IndicatorSpec, type Indices, type Measure, type PopulationKind } from './indicators.js';
import { periodBounds, parseTimestamp } from '../time/index.js';
import { fieldGetter, prepareRecords, type Prepared, type Seed } from './prepare.js';
import type { CauseCodes } from './causes.js';
import { orderFromRanks, rankOf, sortIndicesBy } from './sort-indices.js';

export interface Scope {
  id: string;
  services: string[];
  byOpened: Uint32Array;
  byClosed: Uint32Array;
}

const EMPTY = new Uint32Array(0);

/** First position in `list` (sorted by `key`) whose key is ≥ `at`. */
function firstAtOrAfter(list: Uint32Array, key: Float64Array, at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key[list[mid]] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function filterIndices(list: Uint32Array, keep: (i: number) => boolean): Uint32Array {
  const out = new Uint32Array(list.length);
  let k = 0;
  for (let j = 0; j < list.length; j++) if (keep(list[j])) out[k++] = list[j];
  return out.slice(0, k);
}

function isOrdered(order: Uint32Array, key: Float64Array): boolean {
  for (let p = 1; p < order.length; p++) {
    const a = order[p - 1];
    const b = order[p];
    if (!(key[a] < key[b] || (key[a] === key[b] && a < b))) return false;
  }
  return true;
}

/** Indices ordered by `key` (ties by index): from the ranks the facts cache kept, or sorted and ranked now. */
function ordered(indices: Uint32Array, key: Float64Array, rank: Float64Array, cols: Columns): Uint32Array {
  const kept = orderFromRanks(indices, rank);
  if (kept && isOrdered(kept, key)) return kept; // checked: a rank is only trusted when it orders
  const order = sortIndicesBy(indices.slice(), key);
  rankOf(order, rank);
  cols.derived++;
  return order;
}

/** A measure with the records measured (objects built only when asked for: causes, reports). */
export type Measured = Measure & { ix: Indices; readonly records: Prepared[] };

export class Engine {
  readonly cols: Columns;
  readonly ctx: IndicatorContext;
  private scopes = new Map<string, Scope>();
  private populations = new Map<string, Uint32Array>();
  private objects = new Map<string, Prepared[]>();
  private partitions = new Map<string, Uint32Array[]>();
  /** All records sorted once; scopes filter these (order is kept). */
  private byOpened: Uint32Array;
  private byClosed: Uint32Array;

  /** `seed`: the records' columns and facts as a previous run left them (facts-cache.ts). */
  constructor(readonly ledger: Ledger, readonly lookup: Lookup, seed?: Seed) {
    const cols = prepareRecords(ledger, lookup, seed);
    this.cols = cols;
    this.ctx = buildContext(ledger, lookup, cols);
    const all = new Uint32Array(cols.n);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const closed = cols.closed;
    this.byOpened = ordered(all, cols.opened, cols.rankOpened, cols);
    this.byClosed = ordered(filterIndices(all, (i) => closed[i] === closed[i]), closed, cols.rankClosed, cols);
  }

  scope(id: string, services: string[]): Scope {
    let s = this.scopes.get(id);
    if (!s) {
      const all = services.length === this.lookup.services.size;
      const single = services.length === 1 ? this.cols.serviceIds.indexOf(services[0]) : -1;
      if (all) s = { id, services, byOpened: this.byOpened, byClosed: this.byClosed };
      else if (single >= 0) s = { id, services, byOpened: this.byService('opened')[single], byClosed: this.byService('closed')[single] };
      else {
        const wanted = new Uint8Array(this.cols.serviceIds.length + 1);
        this.cols.serviceIds.forEach((sid, k) => {
          if (services.includes(sid)) wanted[k] = 1;
        });
        const column = this.cols.service;
        const mine = (i: number) => wanted[column[i]] === 1;
        s = { id, services, byOpened: filterIndices(this.byOpened, mine), byClosed: filterIndices(this.byClosed, mine) };
      }
      this.scopes.set(id, s);
    }
    return s;
  }

  /** A sorted list split by service in one pass (order kept): one list per service index. */
  private byService(kind: 'opened' | 'closed'): Uint32Array[] {
    let parts = this.partitions.get(kind);
    if (!parts) {
      const list = kind === 'opened' ? this.byOpened : this.byClosed;
      const column = this.cols.service;
      const k = this.cols.serviceIds.length;
      const counts = new Uint32Array(k + 1);
      for (let j = 0; j < list.length; j++) counts[Math.min(column[list[j]], k)]++;
      parts = Array.from({ length: k + 1 }, (_, x) => new Uint32Array(counts[x]));
      const fill = new Uint32Array(k + 1);
      for (let j = 0; j < list.length; j++) {
        const x = Math.min(column[list[j]], k);
        parts[x][fill[x]++] = list[j];
      }
      this.partitions.set(kind, parts);
    }
    return parts;
  }

  /** The records of a population of a period as indices (cancelled included; indicators filter). */
  populationIx(scope: Scope, kind: PopulationKind, label: string): Uint32Array {
    const key = `${scope.id}\u0000${kind}\u0000${label}`;
    let list = this.populations.get(key);
    if (!list) {
      const { start, end } = periodBounds(label, this.ledger.config.timezone);
      const { opened, closed } = this.cols;
      if (kind === 'opened') {
        list = scope.byOpened.subarray(firstAtOrAfter(scope.byOpened, opened, start), firstAtOrAfter(scope.byOpened, opened, end));
      } else if (kind === 'closed') {
        list = scope.byClosed.subarray(firstAtOrAfter(scope.byClosed, closed, start), firstAtOrAfter(scope.byClosed, closed, end));
      } else {
        // open at the end: opened before it, and not closed before it (NaN: still open)
        const before = scope.byOpened.subarray(0, firstAtOrAfter(scope.byOpened, opened, end));
        list = filterIndices(before, (i) => !(closed[i] < end));
      }
      this.populations.set(key, list);
    }
    return list;
  }

  /** The records of a population of a period (cancelled included; indicators filter). */
  population(scope: Scope, kind: PopulationKind, label: string): Prepared[] {
    const key = `${scope.id}\u0000${kind}\u0000${label}`;
    let list = this.objects.get(key);
    if (!list) {
      list = this.toRecords(this.populationIx(scope, kind, label));
      this.objects.set(key, list);
    }
    return list;
  }

  /** Every record as an object (reports; the engine itself reads the columns). */
  get records(): Prepared[] {
    const all: number[] = [];
    for (let i = 0; i < this.cols.n; i++) all.push(i);
    return this.toRecords(all);
  }

  toRecords(ix: Indices): Prepared[] {
    const out: Prepared[] = new Array(ix.length);
    for (let j = 0; j < ix.length; j++) out[j] = this.cols.record(ix[j]);
    return out;
  }

  compile(spec: IndicatorSpec): Compiled {
    return compileIndicator(spec, this.ctx);
  }

  /** A population without its cancelled records, memoised like the populations. */
  private active(scope: Scope, kind: PopulationKind, label: string): Uint32Array {
    const key = `${scope.id}\u0000${kind}\u0000${label}\u0000active`;
    let list = this.populations.get(key);
    if (!list) {
      const cols = this.cols;
      list = filterIndices(this.populationIx(scope, kind, label), (i) => !cols.cancelled(i));
      this.populations.set(key, list);
    }
    return list;
  }

  /** The accepted records of an indicator's population in a period. */
  acceptedIx(scope: Scope, c: Compiled, label: string): Uint32Array {
    const base = c.includesCancelled ? this.populationIx(scope, c.population, label) : this.active(scope, c.population, label);
    return c.accepts ? filterIndices(base, c.accepts) : base;
  }

  /** The earliest `opened` of the scope's records (cancelled included); Infinity without any. */
  firstOpened(scope: Scope): number {
    return scope.byOpened.length > 0 ? this.cols.opened[scope.byOpened[0]] : Infinity;
  }

  measure(scope: Scope, c: Compiled, label: string): Measured {
    const { end } = periodBounds(label, this.ledger.config.timezone);
    // SPEC §3.1: the scope's history starts with its first record. A period that ends on or
    // before it has no data, counts included (a ledger begun in 2025 has no zero-valued 2023).
    if (end <= this.firstOpened(scope)) return { value: null, n: 0, ix: EMPTY, records: [] };
    const ix = this.acceptedIx(scope, c, label);
    const m = c.compute(ix, { end, services: scope.services });
    let records: Prepared[] | undefined;
    const toRecords = () => (records ??= this.toRecords(ix));
    return {
      value: m.value,
      n: m.n,
      ix,
      get records() {
        return toRecords();
      },
    };
  }

  /** Value of a compiled indicator over any subset of records, by index (causes). */
  valueOf(scope: Scope, c: Compiled, label: string, ix: Indices): number | null {
    const { end } = periodBounds(label, this.ledger.config.timezone);
    return c.compute(ix, { end, services: scope.services }).value;
  }

  /**
   * A cause dimension's value of each record as a code (causes.ts): kept by the facts cache, so
   * that finding causes reads no record; `service` is the service column itself.
   */
  readonly causeCodes: CauseCodes = {
    code: (dimension, i) => {
      if (dimension === 'service') {
        const s = this.cols.service[i];
        return s < this.cols.serviceIds.length ? s : -1;
      }
      let get = this.getters.get(dimension);
      if (!get) {
        const field = fieldGetter(dimension);
        const cols = this.cols;
        get = (i: number) => {
          const raw = field(cols, i);
          return raw === undefined || raw === null ? undefined : String(raw);
        };
        this.getters.set(dimension, get);
      }
      return this.cols.code(`cause:${dimension}`, i, get);
    },
    name: (dimension, code) => (dimension === 'service' ? this.cols.serviceIds[code] : this.cols.codeName(`cause:${dimension}`, code)),
  };

  private readonly getters = new Map<string, (i: number) => string | undefined>();
}

/** Months between two 'YYYY-MM' labels. */
function monthIndex(label: string): number {
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}

function buildContext(ledger: Ledger, lookup: Lookup, cols: Columns): IndicatorContext {
  const tz = ledger.config.timezone;
  const sales = ledger.sales?.sales ?? [];
  const unitsMemo = new Map<number, number>();
  const monthStart = new Map<number, number>();
  const startOf = (index: number) => {
    let v = monthStart.get(index);
    if (v === undefined) {
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      v = parseTimestamp(`${y}-${String(m).padStart(2, '0')}-01`, tz);
      monthStart.set(index, v);
    }
    return v;
  };
  const unitsUnderWarranty = (at: number): number => {
    let u = unitsMemo.get(at);
    if (u === undefined) {
      u = 0;
      for (const s of sales) {
        const product = lookup.products.get(s.product);
        if (!product) continue;
        const m = monthIndex(s.month);
        // sold in month M: under warranty at `at` when start(M) < at < start(M + warranty months)
        if (startOf(m) < at && startOf(m + product.warranty) > at) u += s.units;
      }
      unitsMemo.set(at, u);
    }
    return u;
  };

  const capacity = (serviceIds: readonly string[]): number | undefined => {
    let total: number | undefined;
    for (const id of serviceIds) {
      const svc: Service | undefined = lookup.services.get(id);
      for (const res of svc?.resources ?? []) {
        if (res.capacity !== undefined) total = (total ?? 0) + res.capacity;
      }
    }
    return total;
  };

  return {
    services: lookup.services,
    procedures: lookup.procedures,
    people: lookup.people,
    cols,
    unitsUnderWarranty,
    capacity,
  };
}
