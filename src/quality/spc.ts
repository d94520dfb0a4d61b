/**
 * XmR (individuals and moving range) control chart and the adverse Nelson rules of SPEC §4
 * `trend`.
 *
 * - centre = mean of the series; moving ranges MRᵢ = |xᵢ − xᵢ₋₁|; σ̂ = mean(MR) / 1.128 (d₂ for
 *   n = 2); natural process limits centre ± 3σ̂.
 * - Upper range limit = 3.268 × mean(MR) (D₄ for n = 2 as used by Wheeler's XmR charts; the
 *   brief's required example 10, 50, 40, 30 → 65.36 = 3.268 × 20. Some tables round D₄ to 3.267).
 * - Signals are evaluated only at the latest value and only in the adverse direction:
 *   `higher` is better → adverse = lower; `lower` is better → adverse = higher.
 *     nelson-1: latest strictly beyond the adverse limit (below LCL / above UCL);
 *     nelson-2: the latest 9 values all strictly on the adverse side of the centre;
 *     nelson-3: the latest 6 values strictly worsening (5 steps, each strictly worse).
 * - Fewer than 6 values: no analysis (null).
 */

export type Better = 'higher' | 'lower';

export type NelsonRule = 'nelson-1' | 'nelson-2' | 'nelson-3';

export interface XmrLimits {
  /** number of values */
  n: number;
  centre: number;
  /** σ̂ = mrMean / 1.128 */
  sigma: number;
  /** centre + 3σ̂ */
  ucl: number;
  /** centre − 3σ̂ */
  lcl: number;
  /** mean moving range */
  mrMean: number;
  /** upper range limit, D4 × mrMean */
  mrUcl: number;
}

export interface TrendAnalysis extends XmrLimits {
  /** rules that fired, in the order nelson-1, nelson-2, nelson-3 */
  rules: NelsonRule[];
}

/** d₂ for subgroups of 2 */
export const D2 = 1.128;
/** D₄ for subgroups of 2 */
export const D4 = 3.268;
/** minimum number of values for a trend analysis (SPEC §4) */
export const MIN_TREND_VALUES = 6;

function assertSeries(series: readonly number[]): void {
  for (let i = 0; i < series.length; i++) {
    if (typeof series[i] !== 'number' || !Number.isFinite(series[i])) {
      throw new RangeError(`control chart value #${i} is ${String(series[i])}, expected a finite number`);
    }
  }
}

/**
 * XmR limits of a series (oldest first), without the 6-value minimum; null with fewer than 2
 * values (no moving range).
 */
export function xmrLimits(series: readonly number[]): XmrLimits | null {
  const n = series.length;
  if (n < 2) return null;
  assertSeries(series);
  let sum = 0;
  for (const v of series) sum += v;
  const centre = sum / n;
  let mrSum = 0;
  for (let i = 1; i < n; i++) mrSum += Math.abs(series[i] - series[i - 1]);
  const mrMean = mrSum / (n - 1);
  const sigma = mrMean / D2;
  return { n, centre, sigma, ucl: centre + 3 * sigma, lcl: centre - 3 * sigma, mrMean, mrUcl: D4 * mrMean };
}

/**
 * Trend analysis of a series (oldest first, latest last) for an indicator where `better` is the
 * good side. Null with fewer than 6 values.
 */
export function trendSignals(series: readonly number[], better: Better): TrendAnalysis | null {
  if (better !== 'higher' && better !== 'lower') {
    throw new RangeError(`direction must be "higher" or "lower", got ${String(better)}`);
  }
  if (series.length < MIN_TREND_VALUES) return null;
  const limits = xmrLimits(series);
  if (limits === null) return null;
  const n = series.length;
  // worse(a, b): a is strictly worse than b
  const worse = better === 'higher' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const latest = series[n - 1];
  const rules: NelsonRule[] = [];

  const adverseLimit = better === 'higher' ? limits.lcl : limits.ucl;
  if (worse(latest, adverseLimit)) rules.push('nelson-1');

  if (n >= 9) {
    let all = true;
    for (let i = n - 9; i < n; i++) {
      if (!worse(series[i], limits.centre)) {
        all = false;
        break;
      }
    }
    if (all) rules.push('nelson-2');
  }

  let run = true;
  for (let i = n - 5; i < n; i++) {
    if (!worse(series[i], series[i - 1])) {
      run = false;
      break;
    }
  }
  if (run) rules.push('nelson-3');

  return { ...limits, rules };
}
