// Causes by stratification (SPEC §4): for each value of assignee, product, channel, priority,
// cause.category and customer held by at least 3 records of the population, recompute the
// indicator without that group. The top 3 groups whose removal improves the value most
// (strictly) are the likely causes; ties by dimension order, then by value. A group holding
// the whole population is never a cause. Records are read as the engine's columns: a
// dimension's values are codes the facts cache keeps (Engine.causeCodes), so finding causes
// reads no record.
import type { Direction } from './targets.js';

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

/** How the causes read the population: a dimension's value of a record as a code, and back. */
export interface CauseCodes {
  code(dimension: string, i: number): number;
  name(dimension: string, code: number): string;
}

export function findCauses(
  population: ArrayLike<number>,
  value: number | null,
  better: Direction,
  compute: (records: number[]) => number | null,
  codes: CauseCodes,
  dimensions: readonly string[] = CAUSE_DIMENSIONS,
): Cause[] {
  if (value === null) return [];
  const all = Array.from(population);
  const candidates: (Cause & { gain: number; order: number })[] = [];
  dimensions.forEach((dimension, order) => {
    const groups = new Map<number, number[]>();
    for (const i of all) {
      const code = codes.code(dimension, i);
      if (code < 0) continue;
      const g = groups.get(code);
      if (g) g.push(i);
      else groups.set(code, [i]);
    }
    for (const [code, group] of groups) {
      // Too small to say anything, or the whole population: removing every record "improves" a
      // count to 0 and explains nothing (SPEC §4).
      if (group.length < MIN_GROUP || group.length === all.length) continue;
      const inGroup = new Set(group);
      const without = compute(all.filter((i) => !inGroup.has(i)));
      if (without === null) continue;
      const gain = better === 'higher' ? without - value : value - without;
      if (!(gain > 0)) continue;
      candidates.push({ dimension, value: codes.name(dimension, code), n: group.length, value_in_group: compute(group), value_without_group: without, gain, order });
    }
  });
  candidates.sort((a, b) => b.gain - a.gain || a.order - b.order || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return candidates.slice(0, TOP).map(({ dimension, value: v, n, value_in_group, value_without_group }) => ({
    dimension, value: v, n, value_in_group, value_without_group,
  }));
}
