// Record indices ordered by a column of instants, ties by index. The engine sorts 100k records
// twice per run; a comparator sort reads the column through a callback on every comparison
// (~20 ms each). Instead, when it fits exactly, each (instant, index) pair is packed into one
// float64 — instant relative to the earliest, in seconds when every instant is a whole second,
// times a power of two above the largest index, plus the index — and the packed numbers are
// sorted natively. Packed numbers below 2^53 are exact integers, so the order is the same.
const EXACT = 2 ** 53;

export function sortIndicesBy(indices: Uint32Array, key: Float64Array): Uint32Array {
  const n = indices.length;
  if (n < 2) return indices;
  let min = Infinity;
  let max = -Infinity;
  let maxIndex = 0;
  let wholeSeconds = true;
  for (let j = 0; j < n; j++) {
    const i = indices[j];
    const v = key[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (i > maxIndex) maxIndex = i;
    if (wholeSeconds && v % 1000 !== 0) wholeSeconds = false;
  }
  const unit = wholeSeconds ? 1000 : 1;
  const slots = 2 ** Math.ceil(Math.log2(maxIndex + 1));
  const span = (max - min) / unit;
  if (!Number.isFinite(span) || !Number.isInteger(span) || (span + 1) * slots > EXACT) {
    return indices.sort((a, b) => key[a] - key[b] || a - b);
  }
  const packed = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = indices[j];
    packed[j] = ((key[i] - min) / unit) * slots + i;
  }
  packed.sort();
  for (let j = 0; j < n; j++) indices[j] = packed[j] % slots;
  return indices;
}

/**
 * The same order rebuilt from ranks a previous run kept (rank[i] = position of i), in one pass;
 * undefined when the ranks are not a permutation of 0…n−1 over `indices` (unknown or stale).
 */
export function orderFromRanks(indices: Uint32Array, rank: Float64Array): Uint32Array | undefined {
  const n = indices.length;
  const out = new Uint32Array(n);
  const filled = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const i = indices[j];
    const p = rank[i];
    if (!(p >= 0 && p < n) || p !== Math.floor(p) || filled[p] === 1) return undefined;
    out[p] = i;
    filled[p] = 1;
  }
  return out;
}

/** Writes each index's position in `order` to `rank`. */
export function rankOf(order: Uint32Array, rank: Float64Array): void {
  for (let p = 0; p < order.length; p++) rank[order[p]] = p;
}
