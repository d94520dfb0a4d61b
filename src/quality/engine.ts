// Measuring: records grouped by scope (a service, or all for objectives) and sorted, so that the
// population of any period is a binary-searched slice; populations are memoised per
// (scope, kind, period) and shared by every requirement of the scope.
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import type { Service } from '../ledger/schema.js';
import { compileIndicator, type Compiled, type IndicatorContext, type IndicatorSpec, type Measure, type PopulationKind } from './indicators.js';
import { periodBounds, parseTimestamp } from './periods.js';
import { prepareRecords, type Prepared } from './prepare.js';

export interface Scope {
  id: string;
  services: string[];
  byOpened: Prepared[];
  byClosed: Prepared[];
}

function firstAtOrAfter(list: readonly Prepared[], key: (r: Prepared) => number, at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const openedOf = (r: Prepared) => r.opened;
const closedOf = (r: Prepared) => r.closed!;

export class Engine {
  readonly records: Prepared[];
  readonly ctx: IndicatorContext;
  private scopes = new Map<string, Scope>();
  private populations = new Map<string, Prepared[]>();
  /** All records sorted once; scopes filter these (order is kept). */
  private byOpened: Prepared[];
  private byClosed: Prepared[];

  constructor(readonly ledger: Ledger, readonly lookup: Lookup) {
    this.records = prepareRecords(ledger, lookup.services);
    this.ctx = buildContext(ledger, lookup, this.records);
    this.byOpened = [...this.records].sort((a, b) => a.opened - b.opened);
    this.byClosed = this.records.filter((r) => r.closed !== undefined).sort((a, b) => a.closed! - b.closed!);
  }

  scope(id: string, services: string[]): Scope {
    let s = this.scopes.get(id);
    if (!s) {
      const wanted = new Set(services);
      const all = services.length === this.lookup.services.size;
      s = {
        id,
        services,
        byOpened: all ? this.byOpened : this.byOpened.filter((r) => wanted.has(r.service)),
        byClosed: all ? this.byClosed : this.byClosed.filter((r) => wanted.has(r.service)),
      };
      this.scopes.set(id, s);
    }
    return s;
  }

  /** The records of a population of a period (cancelled included; indicators filter). */
  population(scope: Scope, kind: PopulationKind, label: string): Prepared[] {
    const key = `${scope.id}\u0000${kind}\u0000${label}`;
    let list = this.populations.get(key);
    if (!list) {
      const { start, end } = periodBounds(label, this.ledger.config.timezone);
      if (kind === 'opened') {
        list = scope.byOpened.slice(firstAtOrAfter(scope.byOpened, openedOf, start), firstAtOrAfter(scope.byOpened, openedOf, end));
      } else if (kind === 'closed') {
        list = scope.byClosed.slice(firstAtOrAfter(scope.byClosed, closedOf, start), firstAtOrAfter(scope.byClosed, closedOf, end));
      } else {
        const before = scope.byOpened.slice(0, firstAtOrAfter(scope.byOpened, openedOf, end));
        list = before.filter((r) => r.closed === undefined || r.closed >= end);
      }
      this.populations.set(key, list);
    }
    return list;
  }

  compile(spec: IndicatorSpec): Compiled {
    return compileIndicator(spec, this.ctx);
  }

  /** The accepted records of an indicator's population in a period. */
  /** A population without its cancelled records, memoised like the populations. */
  private active(scope: Scope, kind: PopulationKind, label: string): Prepared[] {
    const key = `${scope.id}\u0000${kind}\u0000${label}\u0000active`;
    let list = this.populations.get(key);
    if (!list) {
      list = this.population(scope, kind, label).filter((r) => !r.cancelled);
      this.populations.set(key, list);
    }
    return list;
  }

  accepted(scope: Scope, c: Compiled, label: string): Prepared[] {
    const base = c.includesCancelled ? this.population(scope, c.population, label) : this.active(scope, c.population, label);
    return c.accepts ? base.filter(c.accepts) : base;
  }

  measure(scope: Scope, c: Compiled, label: string): Measure & { records: Prepared[] } {
    const records = this.accepted(scope, c, label);
    const { end } = periodBounds(label, this.ledger.config.timezone);
    return { ...c.compute(records, { end, services: scope.services }), records };
  }

  /** Value of a compiled indicator over any subset (causes). */
  valueOf(scope: Scope, c: Compiled, label: string, records: readonly Prepared[]): number | null {
    const { end } = periodBounds(label, this.ledger.config.timezone);
    return c.compute(records, { end, services: scope.services }).value;
  }
}

/** Months between two 'YYYY-MM' labels. */
function monthIndex(label: string): number {
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}

function buildContext(ledger: Ledger, lookup: Lookup, records: Prepared[]): IndicatorContext {
  const tz = ledger.config.timezone;
  // Built on first use: only repeat_rate needs it.
  let bySerial: Map<string, number[]> | undefined;
  const openedBySerial = (): Map<string, number[]> => {
    if (!bySerial) {
      bySerial = new Map();
      for (const r of records) {
        if (r.cancelled || r.serial === undefined) continue;
        const key = r.serial;
        const list = bySerial.get(key);
        if (list) list.push(r.opened);
        else bySerial.set(key, [r.opened]);
      }
      for (const list of bySerial.values()) list.sort((a, b) => a - b);
    }
    return bySerial;
  };

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
    openedBySerial,
    unitsUnderWarranty,
    capacity,
  };
}
