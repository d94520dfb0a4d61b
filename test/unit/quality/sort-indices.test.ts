import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderFromRanks, rankOf, sortIndicesBy } from '../../../src/quality/sort-indices.js';

/** The order the engine wants: by key, ties by index. */
function reference(indices: number[], key: Float64Array): number[] {
  return [...indices].sort((a, b) => key[a] - key[b] || a - b);
}

const instant = (wholeSeconds: boolean) =>
  fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).chain((s) => (wholeSeconds ? fc.constant(s * 1000) : fc.integer({ min: 0, max: 999 }).map((ms) => s * 1000 + ms)));

describe('sortIndicesBy', () => {
  it('orders like a comparator sort, ties by index (whole seconds and milliseconds)', () => {
    fc.assert(
      fc.property(fc.boolean().chain((whole) => fc.array(instant(whole), { minLength: 0, maxLength: 300 })), fc.integer({ min: 1, max: 3 }), (keys, stride) => {
        const key = Float64Array.from(keys);
        const indices = keys.map((_, i) => i).filter((i) => i % stride === 0);
        expect([...sortIndicesBy(Uint32Array.from(indices), key)]).toEqual(reference(indices, key));
      }),
    );
  });

  it('keeps ties in index order (many equal instants)', () => {
    const key = Float64Array.from([5000, 1000, 5000, 1000, 5000, 3000]);
    expect([...sortIndicesBy(Uint32Array.from([5, 4, 3, 2, 1, 0]), key)]).toEqual([1, 3, 5, 0, 2, 4]);
  });

  it('falls back to a comparator when the packed numbers would not be exact (ms over centuries)', () => {
    // 1 ms apart and 300 years apart: span 9.5e12 ms × 2^17 slots > 2^53
    const n = 100_000;
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) key[i] = (i % 2 === 0 ? 0 : 9.5e12) + (n - i) + 0.5 * (i % 3);
    const indices = Array.from({ length: n }, (_, i) => i);
    expect([...sortIndicesBy(Uint32Array.from(indices), key)]).toEqual(reference(indices, key));
  });
});

describe('orderFromRanks', () => {
  it('rebuilds the order its ranks came from', () => {
    fc.assert(
      fc.property(fc.array(instant(true), { minLength: 1, maxLength: 200 }), (keys) => {
        const key = Float64Array.from(keys);
        const indices = Uint32Array.from(keys.map((_, i) => i));
        const order = sortIndicesBy(indices.slice(), key);
        const rank = new Float64Array(keys.length).fill(NaN);
        rankOf(order, rank);
        expect([...orderFromRanks(indices, rank)!]).toEqual([...order]);
      }),
    );
  });

  it('refuses ranks that are unknown, repeated or out of range', () => {
    const indices = Uint32Array.from([0, 1, 2]);
    expect(orderFromRanks(indices, Float64Array.from([0, NaN, 2]))).toBeUndefined();
    expect(orderFromRanks(indices, Float64Array.from([0, 0, 2]))).toBeUndefined();
    expect(orderFromRanks(indices, Float64Array.from([0, 1, 3]))).toBeUndefined();
    expect(orderFromRanks(indices, Float64Array.from([0, 1.5, 2]))).toBeUndefined();
  });
});
