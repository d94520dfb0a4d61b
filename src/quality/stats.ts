/**
 * Statistics of SPEC §3.1. Every function returns null on an empty input (status `no-data`),
 * never a number.
 *
 * Inputs must be finite numbers: NaN or ±Infinity throws a RangeError (the indicator layer is
 * expected to leave out records that lack the value, so a NaN here is a programming error that
 * must not silently become a figure).
 *
 * Stat names (decided here): `mean`, `median` (= `p50`) and `pNN` where NN is a number from 0 to
 * 100, integer or decimal (`p90`, `p99.9`, `p0`, `p100`); leading zeros are accepted (`p05` =
 * `p5`). Anything else (`p`, `p101`, `p-1`, `P90`, `p 90`, `p1e2`) is invalid.
 */

export type StatName = 'mean' | 'median' | `p${string}`;

export type StatSpec = { kind: 'mean' } | { kind: 'percentile'; p: number };

function assertFinite(values: readonly number[], fn: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: value #${i} is ${String(v)}, expected a finite number`);
    }
  }
}

/** Arithmetic mean; null when empty. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  assertFinite(values, 'mean');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sorted copy, ascending (numeric). */
function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Percentile `p` (0–100) with linear interpolation between closest ranks (numpy's default):
 * sorted x₀..xₙ₋₁, h = (n−1)·p/100, value = x⌊h⌋ + (h−⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). Null when empty.
 * Throws a RangeError when p is outside [0, 100] or not a number.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (typeof p !== 'number' || !(p >= 0 && p <= 100)) {
    throw new RangeError(`percentile must be between 0 and 100, got ${String(p)}`);
  }
  if (values.length === 0) return null;
  assertFinite(values, 'percentile');
  const x = sorted(values);
  return percentileOfSorted(x, p);
}

/** Percentile of values already sorted ascending (no checks; for repeated use on one sample). */
export function percentileOfSorted(x: ArrayLike<number>, p: number): number | null {
  const n = x.length;
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = x[lo];
  if (frac === 0 || lo + 1 >= n) return a;
  const b = x[lo + 1];
  const v = a + frac * (b - a);
  // guard against rounding just outside [a, b]
  return v < a ? a : v > b ? b : v;
}

/** Median = p50; null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

const PCT_RE = /^p(\d{1,3}(?:\.\d+)?)$/;

/** Parses a stat name; null when it is not one (see the module comment for the grammar). */
export function parseStatName(name: string): StatSpec | null {
  if (name === 'mean') return { kind: 'mean' };
  if (name === 'median') return { kind: 'percentile', p: 50 };
  if (typeof name !== 'string') return null;
  const m = PCT_RE.exec(name);
  if (m === null) return null;
  const p = Number(m[1]);
  if (!(p >= 0 && p <= 100)) return null;
  return { kind: 'percentile', p };
}

/** True for `mean`, `median` and valid `pNN`. */
export function isStatName(name: string): name is StatName {
  return parseStatName(name) !== null;
}

/**
 * The statistic `name` (`mean`, `median`, `pNN`) of `values`; null when empty.
 * Throws a RangeError for an invalid name.
 */
export function stat(values: readonly number[], name: string): number | null {
  const spec = parseStatName(name);
  if (spec === null) {
    throw new RangeError(`invalid statistic "${name}" (expected mean, median or pNN with NN from 0 to 100, e.g. p90)`);
  }
  return spec.kind === 'mean' ? mean(values) : percentile(values, spec.p);
}
