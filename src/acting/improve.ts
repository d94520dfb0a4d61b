// The target ratchet of `improve` (SPEC §5): once a requirement met its target in each of the
// last N complete periods, propose a stricter target at the worst of those values, rounded to
// a sensible grid for the unit, never looser than the current target, always met by every
// one of the N values. `critical` is kept as written: it marks a failing service, which an
// improved target does not change (the warning band widens instead).
import { quantity } from '../ledger/values.js';
import { meets, type NumericTarget } from '../quality/targets.js';
import type { Unit } from '../ledger/indicator-catalogue.js';

/**
 * Grid of proposed targets per unit, as "steps per unit": whole hours, whole percent (1/100 of
 * a fraction), whole counts, whole currency units, one decimal for scores, plain numbers and
 * claims per 1000 units.
 */
export const GRID: Record<Unit, number> = {
  hours: 1,
  ratio: 100,
  count: 1,
  currency: 1,
  score: 10,
  number: 10,
  'per 1000 units': 10,
};

/** `x` on the grid of `per` steps per unit, rounded up or down (values already on it stay). */
export function roundToGrid(x: number, per: number, way: 'up' | 'down'): number {
  const scaled = x * per;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) < 1e-9) return nearest / per;
  return (way === 'up' ? Math.ceil(scaled) : Math.floor(scaled)) / per;
}

/** The side of the target that carries the bound: min (higher is better) or max. */
export function targetSide(t: NumericTarget): 'min' | 'max' {
  return t.min !== undefined ? 'min' : 'max';
}

/**
 * The stricter bound for a target that every value met, or undefined when the worst value,
 * rounded so that every value still meets it, is not strictly stricter than the current bound.
 * min: the minimum of the values rounded down; max: the maximum rounded up.
 */
export function proposeBound(values: readonly number[], target: NumericTarget, unit: Unit): number | undefined {
  if (values.length === 0) return undefined;
  const side = targetSide(target);
  const current = target[side]!;
  const per = GRID[unit] ?? 10;
  let bound = side === 'min' ? roundToGrid(Math.min(...values), per, 'down') : roundToGrid(Math.max(...values), per, 'up');
  // Floating point: the grid value must really be met by every value, as control will judge it.
  const withBound = (b: number): NumericTarget => ({ [side]: b });
  for (let i = 0; i < 3 && !values.every((v) => meets(v, withBound(bound))); i++) {
    bound = side === 'min' ? (Math.round(bound * per) - 1) / per : (Math.round(bound * per) + 1) / per;
  }
  if (!values.every((v) => meets(v, withBound(bound)))) return undefined;
  const stricter = side === 'min' ? bound > current + 1e-12 : bound < current - 1e-12;
  return stricter ? bound : undefined;
}

function clean(n: number): number {
  return Number(n.toFixed(6));
}

/**
 * A bound as it should be written in a service file, in the style of the value it replaces:
 * a percentage string for ratios written as percentages ("93%"), a duration for durations
 * (in the unit written when the value is a whole number of it: 2d, else hours: 30h), else a number.
 */
export function writtenBound(original: unknown, value: number, unit: Unit): string | number {
  const q = quantity(original);
  if (typeof original === 'string' && q?.kind === 'ratio') return `${clean(value * 100)}%`;
  if (typeof original === 'string' && q?.kind === 'duration') {
    const written = /([mhdw])\s*$/.exec(original)?.[1] ?? 'h';
    const perUnit: Record<string, number> = { m: 1 / 60, h: 1, d: 24, w: 168 };
    const inUnit = value / perUnit[written];
    if (Math.abs(inUnit - Math.round(inUnit)) < 1e-9) return `${Math.round(inUnit)}${written}`;
    return `${clean(value)}h`;
  }
  if (unit === 'hours' && typeof original === 'string') return `${clean(value)}h`;
  return clean(value);
}

/** Is a benchmark value better than the proposed bound (the competition is still ahead)? */
export function isAhead(benchmark: number, target: NumericTarget): boolean {
  return target.min !== undefined ? benchmark > target.min : target.max !== undefined && benchmark < target.max;
}
