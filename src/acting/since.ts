// `control --since REF` (SPEC §5): the deviations of the ledger now against those of the ledger
// at REF (same period, same as-of): each is `new`, `unchanged` or `fixed` (at REF, gone now).
import type { Deviation } from '../quality/control.js';

export type Change = 'new' | 'unchanged' | 'fixed';

export interface Comparison {
  /** Every deviation's state, by key: the current ones and the fixed ones. */
  changes: Map<string, Change>;
  /** The deviations of REF that are gone now, as they were at REF. */
  fixed: Deviation[];
  counts: Record<Change, number>;
}

export function compareDeviations(now: readonly Deviation[], before: readonly Deviation[]): Comparison {
  const was = new Set(before.map((d) => d.key));
  const is = new Set(now.map((d) => d.key));
  const changes = new Map<string, Change>();
  for (const d of now) changes.set(d.key, was.has(d.key) ? 'unchanged' : 'new');
  const fixed = before.filter((d) => !is.has(d.key));
  for (const d of fixed) changes.set(d.key, 'fixed');
  const counts = { new: 0, unchanged: 0, fixed: fixed.length };
  for (const d of now) counts[was.has(d.key) ? 'unchanged' : 'new']++;
  return { changes, fixed, counts };
}
