// What the HTML report shows beyond the control result: cause categories (6M) of the period's
// closed records per service and overall, the most frequent cause details, the causes that the
// deviations name, and product deficiencies (failure causes and repeat visits by product) over
// the history window. Pure: computed from the engine's prepared records.
import type { Lookup } from '../ledger/lookup.js';
import { SIX_M } from '../ledger/schema.js';
import type { ControlResult } from '../quality/control.js';
import type { Engine } from '../quality/engine.js';
import { periodsEndingWith } from '../time/index.js';
import type { Prepared } from '../quality/prepare.js';

/** A repeat visit: another record of the same serial opened within this long after closing. */
export const REPEAT_WITHIN_MS = 30 * 24 * 3_600_000;

export interface Count {
  key: string;
  count: number;
}

export interface CauseBreakdown {
  /** Closed, non-cancelled records of the period. */
  closed: number;
  /** Records without a cause. */
  withoutCause: number;
  /** 6M categories, most frequent first (ties in 6M order); zero counts left out. */
  categories: Count[];
  /** The most frequent cause details (category and free text), at most 8. */
  details: { category: string; detail: string; count: number }[];
}

export interface DeviationCause {
  dimension: string;
  value: string;
  /**
   * Share of the deviations this cause explains: each requirement in deviation counts 1, shared
   * among its causes in proportion to how much the indicator improves without each group.
   */
  weight: number;
  /** Records in the group, summed over those requirements. */
  n: number;
  /** The requirements whose deviations name the cause, as service/requirement (objectives: service "*"). */
  requirements: string[];
}

export interface ProductRow {
  product: string;
  name: string | undefined;
  closed: number;
  /** Records with a cause, per 6M category (every category, 0 included, in 6M order). */
  categories: Record<string, number>;
  failures: number;
  repeats: number;
}

export interface ReportData {
  causesByService: Map<string, CauseBreakdown>;
  causesOverall: CauseBreakdown;
  deviationCauses: DeviationCause[];
  products: ProductRow[];
  productWindow: { from: string; to: string };
  /** Notes and assignee of the records that compliance deviations list. */
  records: Map<string, { assignee?: string; notes?: string }>;
}

const sixOrder = (c: string) => (SIX_M as readonly string[]).indexOf(c);

export function causeBreakdown(records: readonly Prepared[]): CauseBreakdown {
  const live = records.filter((r) => !r.cancelled);
  const byCategory = new Map<string, number>();
  const byDetail = new Map<string, { category: string; detail: string; count: number }>();
  let withoutCause = 0;
  for (const r of live) {
    const cause = r.data.cause;
    if (!cause) {
      withoutCause++;
      continue;
    }
    byCategory.set(cause.category, (byCategory.get(cause.category) ?? 0) + 1);
    if (cause.detail !== undefined && cause.detail.trim() !== '') {
      const key = `${cause.category}\u0000${cause.detail}`;
      const d = byDetail.get(key) ?? { category: cause.category, detail: cause.detail, count: 0 };
      d.count++;
      byDetail.set(key, d);
    }
  }
  const categories = [...byCategory].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || sixOrder(a.key) - sixOrder(b.key));
  const details = [...byDetail.values()]
    .sort((a, b) => b.count - a.count || sixOrder(a.category) - sixOrder(b.category) || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0))
    .slice(0, 8);
  return { closed: live.length, withoutCause, categories, details };
}

/**
 * The causes named by target and trend deviations, one entry per dimension and value. A target
 * and a trend deviation of the same requirement share their causes, so each requirement counts
 * once; its point is shared among its causes by their gain (the improvement without the group).
 */
export function deviationCauses(result: ControlResult): DeviationCause[] {
  const byCause = new Map<string, DeviationCause>();
  const counted = new Set<string>();
  for (const d of result.deviations) {
    if (d.kind !== 'target' && d.kind !== 'trend') continue;
    const causes = d.causes;
    if (causes.length === 0 || d.value === null) continue;
    const value = d.value;
    const higher = d.target.min !== undefined;
    const gains = causes.map((c) => (c.value_without_group === null ? 0 : Math.max(0, higher ? c.value_without_group - value : value - c.value_without_group)));
    const total = gains.reduce((a, b) => a + b, 0);
    const requirement = `${d.service}/${d.requirement}`;
    const first = !counted.has(requirement);
    counted.add(requirement);
    causes.forEach((c, i) => {
      const key = `${c.dimension}\u0000${c.value}`;
      const entry = byCause.get(key) ?? { dimension: c.dimension, value: c.value, weight: 0, n: 0, requirements: [] };
      if (first) {
        entry.weight += total > 0 ? gains[i] / total : 1 / causes.length;
        entry.n += c.n;
      }
      if (!entry.requirements.includes(requirement)) entry.requirements.push(requirement);
      byCause.set(key, entry);
    });
  }
  return [...byCause.values()].sort(
    (a, b) => b.weight - a.weight || b.n - a.n || (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** Failure causes and repeat visits per product, over the closed records of the window. */
export function productDeficiencies(engine: Engine, lookup: Lookup, periods: readonly string[]): ProductRow[] {
  const all = engine.scope('*', [...lookup.services.keys()].sort());
  const closed = periods.flatMap((p) => engine.population(all, 'closed', p)).filter((r) => !r.cancelled);
  const openedBySerial = new Map<string, number[]>();
  for (const r of engine.records) {
    if (r.cancelled || r.data.serial === undefined) continue;
    const list = openedBySerial.get(String(r.data.serial)) ?? [];
    list.push(r.opened);
    openedBySerial.set(String(r.data.serial), list);
  }
  const rows = new Map<string, ProductRow>();
  for (const r of closed) {
    const product = r.data.product;
    if (product === undefined) continue;
    let row = rows.get(product);
    if (!row) {
      row = { product, name: lookup.products.get(product)?.name, closed: 0, categories: Object.fromEntries(SIX_M.map((c) => [c, 0])), failures: 0, repeats: 0 };
      rows.set(product, row);
    }
    row.closed++;
    if (r.data.cause) {
      row.failures++;
      row.categories[r.data.cause.category]++;
    }
    if (r.data.serial !== undefined && r.closed !== undefined) {
      const end = r.closed + REPEAT_WITHIN_MS;
      const closedAt = r.closed;
      if ((openedBySerial.get(String(r.data.serial)) ?? []).some((t) => t > closedAt && t <= end)) row.repeats++;
    }
  }
  return [...rows.values()].sort((a, b) => b.failures - a.failures || b.repeats - a.repeats || (a.product < b.product ? -1 : 1));
}

export function reportData(engine: Engine, lookup: Lookup, result: ControlResult, history: number): ReportData {
  const label = result.period.label;
  const causesByService = new Map<string, CauseBreakdown>();
  for (const s of result.services) {
    causesByService.set(s.id, causeBreakdown(engine.population(engine.scope(s.id, [s.id]), 'closed', label)));
  }
  const all = engine.scope('*', [...lookup.services.keys()].sort());
  const periods = periodsEndingWith(label, history);
  const records = new Map<string, { assignee?: string; notes?: string }>();
  const listed = new Set(result.deviations.flatMap((d) => (d.kind === 'compliance' ? d.records.map((r) => r.id) : [])));
  for (const r of engine.records) if (listed.has(r.id)) records.set(r.id, { assignee: r.data.assignee, notes: r.data.notes });
  return {
    causesByService,
    causesOverall: causeBreakdown(engine.population(all, 'closed', label)),
    deviationCauses: deviationCauses(result),
    products: productDeficiencies(engine, lookup, periods),
    productWindow: { from: periods[0], to: periods[periods.length - 1] },
    records,
  };
}
