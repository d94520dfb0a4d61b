// Causes by stratification (SPEC §4): for each value of assignee, product, channel, priority,
// cause.category and customer held by at least 3 records of the population, recompute the
// indicator without that group. The top 3 groups whose removal improves the value most
// (strictly) are the likely causes; ties by dimension order, then by value. A group holding
// the whole population is never a cause.
import type { Direction } from './targets.js';
import { fieldGetter, type Prepared } from './prepare.js';

export const CAUSE_DIMENSIONS = ['assignee', 'product', 'channel', 'priority', 'cause.category', 'customer'] as const;
/** Strategic objectives span services: the service comes first. */
export const OBJECTIVE_DIMENSIONS = ['service', ...CAUSE_DIMENSIONS] as const;
const MIN_GROUP = 3;
const TOP = 3;

export interface Cause {
  dimension: string;
  value: string;
  n: number;
  value_in_group: number | null;
  value_without_group: number | null;
}

export function findCauses(
  population: readonly Prepared[],
  value: number | null,
  better: Direction,
  compute: (records: readonly Prepared[]) => number | null,
  dimensions: readonly string[] = CAUSE_DIMENSIONS,
): Cause[] {
  if (value === null) return [];
  const candidates: (Cause & { gain: number; order: number })[] = [];
  dimensions.forEach((dimension, order) => {
    const groups = new Map<string, Prepared[]>();
    const get = fieldGetter(dimension);
    for (const r of population) {
      const raw = dimension === 'service' ? r.service : get(r.cols, r.ix);
      if (raw === undefined || raw === null) continue;
      const v = String(raw);
      const g = groups.get(v);
      if (g) g.push(r);
      else groups.set(v, [r]);
    }
    for (const [v, group] of groups) {
      // Too small to say anything, or the whole population: removing every record "improves" a
      // count to 0 and explains nothing (SPEC §4).
      if (group.length < MIN_GROUP || group.length === population.length) continue;
      const inGroup = new Set(group);
      const without = compute(population.filter((r) => !inGroup.has(r)));
      if (without === null) continue;
      const gain = better === 'higher' ? without - value : value - without;
      if (!(gain > 0)) continue;
      candidates.push({ dimension, value: v, n: group.length, value_in_group: compute(group), value_without_group: without, gain, order });
    }
  });
  candidates.sort((a, b) => b.gain - a.gain || a.order - b.order || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return candidates.slice(0, TOP).map(({ dimension, value: v, n, value_in_group, value_without_group }) => ({
    dimension, value: v, n, value_in_group, value_without_group,
  }));
}
