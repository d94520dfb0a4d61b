import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStatName, mean, median, parseStatName, percentile, stat } from '../../../src/quality/stats.js';

describe('empty input', () => {
  it('every statistic is null', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
    expect(stat([], 'p90')).toBeNull();
    expect(stat([], 'mean')).toBeNull();
  });
});

describe('mean', () => {
  it('single value and a few values', () => {
    expect(mean([7])).toBe(7);
    // (1 + 2 + 3 + 4) / 4 = 10 / 4 = 2.5
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // (−2 + 0 + 5) / 3 = 1
    expect(mean([-2, 0, 5])).toBe(1);
  });
});

describe('median', () => {
  it('odd and even counts', () => {
    // sorted 1 2 3 → h = 2 × 0.5 = 1 → x1 = 2
    expect(median([3, 1, 2])).toBe(2);
    // sorted 1 2 3 4 → h = 3 × 0.5 = 1.5 → x1 + 0.5 (x2 − x1) = 2 + 0.5 × 1 = 2.5
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([42])).toBe(42);
  });

  it('is p50', () => {
    expect(stat([5, 1, 9, 7], 'median')).toBe(stat([5, 1, 9, 7], 'p50'));
  });
});

describe('percentile (linear interpolation, numpy default)', () => {
  it('single value: every percentile is that value', () => {
    for (const p of [0, 1, 50, 90, 99.9, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('two values', () => {
    // x0 = 10, x1 = 20, h = (2 − 1) p / 100
    // p90: h = 0.9 → 10 + 0.9 × 10 = 19
    expect(percentile([20, 10], 90)).toBe(19);
    // p50: h = 0.5 → 15; p25: h = 0.25 → 12.5
    expect(percentile([20, 10], 50)).toBe(15);
    expect(percentile([20, 10], 25)).toBe(12.5);
    // p0 → x0, p100 → x1
    expect(percentile([20, 10], 0)).toBe(10);
    expect(percentile([20, 10], 100)).toBe(20);
  });

  it('numpy reference values', () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // p90: h = 9 × 0.9 = 8.1 → x8 + 0.1 (x9 − x8) = 9 + 0.1 = 9.1  (numpy.percentile(range(1, 11), 90) = 9.1)
    expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 12);
    // p75: h = 9 × 0.75 = 6.75 → 7 + 0.75 × 1 = 7.75
    expect(percentile(oneToTen, 75)).toBe(7.75);
    // [15, 20, 35, 40, 50] p40: h = 4 × 0.4 = 1.6 → 20 + 0.6 × (35 − 20) = 29
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
    // p0 and p100 are min and max
    expect(percentile([3, -8, 12, 5], 0)).toBe(-8);
    expect(percentile([3, -8, 12, 5], 100)).toBe(12);
  });

  it('ties', () => {
    // sorted 1 5 5 5: p50: h = 3 × 0.5 = 1.5 → 5 + 0.5 × 0 = 5
    expect(percentile([5, 5, 1, 5], 50)).toBe(5);
    // p25: h = 0.75 → 1 + 0.75 × (5 − 1) = 4
    expect(percentile([5, 5, 1, 5], 25)).toBe(4);
    // all equal → that value
    expect(percentile([2, 2, 2], 90)).toBe(2);
  });

  it('decimal percentiles', () => {
    const values = Array.from({ length: 1001 }, (_, i) => i); // 0..1000
    // p99.9: h = 1000 × 99.9 / 100 = 999 → 999
    expect(percentile(values, 99.9)).toBeCloseTo(999, 9);
    // p12.5 of [0, 8]: h = 0.125 → 1
    expect(percentile([0, 8], 12.5)).toBe(1);
  });

  it('does not mutate its input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });

  it('rejects percentiles outside [0, 100] and non-finite values', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], NaN)).toThrow(RangeError);
    expect(() => percentile([1, NaN], 50)).toThrow(/value #1 is NaN/);
    expect(() => mean([Infinity])).toThrow(RangeError);
  });
});

describe('stat names', () => {
  it('parses mean, median and pNN', () => {
    expect(parseStatName('mean')).toEqual({ kind: 'mean' });
    expect(parseStatName('median')).toEqual({ kind: 'percentile', p: 50 });
    expect(parseStatName('p90')).toEqual({ kind: 'percentile', p: 90 });
    expect(parseStatName('p99.9')).toEqual({ kind: 'percentile', p: 99.9 });
    expect(parseStatName('p0')).toEqual({ kind: 'percentile', p: 0 });
    expect(parseStatName('p100')).toEqual({ kind: 'percentile', p: 100 });
    expect(parseStatName('p05')).toEqual({ kind: 'percentile', p: 5 });
    expect(isStatName('p95')).toBe(true);
  });

  it.each(['p', 'p101', 'p100.1', 'p-1', 'P90', 'p 90', 'p1e2', 'p.5', 'p90.', 'avg', 'Mean', 'p1000', ''])('rejects %j', (name) => {
    expect(parseStatName(name)).toBeNull();
    expect(isStatName(name)).toBe(false);
    expect(() => stat([1, 2], name)).toThrow(/invalid statistic/);
  });

  it('stat dispatches', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // mean = 55 / 10 = 5.5; median: h = 4.5 → 5.5; p90 = 9.1 (above)
    expect(stat(v, 'mean')).toBe(5.5);
    expect(stat(v, 'median')).toBe(5.5);
    expect(stat(v, 'p90')).toBeCloseTo(9.1, 12);
  });
});

describe('properties', () => {
  const values = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 60 });
  const pct = fc.double({ min: 0, max: 100, noNaN: true });

  it('a percentile lies between min and max', () => {
    fc.assert(
      fc.property(values, pct, (v, p) => {
        const r = percentile(v, p)!;
        expect(r).toBeGreaterThanOrEqual(Math.min(...v));
        expect(r).toBeLessThanOrEqual(Math.max(...v));
      }),
    );
  });

  it('adding a value above p90 never lowers p90', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1e9, noNaN: true }), (v, extra) => {
        const before = percentile(v, 90)!;
        const added = before + extra + 1e-6 * Math.abs(before) + 1e-9; // strictly above p90
        expect(percentile([...v, added], 90)!).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('median of a permutation is unchanged', () => {
    fc.assert(
      fc.property(
        values.chain((v) => fc.tuple(fc.constant(v), fc.shuffledSubarray(v, { minLength: v.length, maxLength: v.length }))),
        ([v, perm]) => {
          expect(median(perm)).toBe(median(v));
        },
      ),
    );
  });

  it('percentiles are non-decreasing in p', () => {
    fc.assert(
      fc.property(values, pct, pct, (v, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(v, lo)!).toBeLessThanOrEqual(percentile(v, hi)!);
      }),
    );
  });
});
