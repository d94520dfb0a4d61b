import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D4, trendSignals, xmrLimits } from '../../../src/quality/spc.js';

describe('xmrLimits', () => {
  it('the required example: 10, 50, 40, 30', () => {
    // centre = (10 + 50 + 40 + 30) / 4 = 130 / 4 = 32.5
    // moving ranges |50−10| = 40, |40−50| = 10, |30−40| = 10 → mean 60 / 3 = 20
    // σ̂ = 20 / 1.128 = 17.7305; 3σ̂ = 53.1915
    // UCL = 32.5 + 53.1915 = 85.6915 ≈ 85.7; LCL = 32.5 − 53.1915 = −20.6915 ≈ −20.7
    // upper range limit = 3.268 × 20 = 65.36
    const l = xmrLimits([10, 50, 40, 30])!;
    expect(l.centre).toBe(32.5);
    expect(l.mrMean).toBe(20);
    expect(l.sigma).toBeCloseTo(17.7305, 4);
    expect(l.ucl).toBeCloseTo(85.7, 1);
    expect(l.lcl).toBeCloseTo(-20.7, 1);
    expect(l.ucl).toBeCloseTo(85.6915, 4);
    expect(l.lcl).toBeCloseTo(-20.6915, 4);
    expect(l.mrUcl).toBeCloseTo(65.36, 10);
    expect(D4).toBe(3.268);
    expect(l.n).toBe(4);
  });

  it('needs two values for a moving range', () => {
    expect(xmrLimits([])).toBeNull();
    expect(xmrLimits([5])).toBeNull();
    // [5, 7]: centre 6, MR 2, σ̂ = 2/1.128, limits 6 ± 5.3191
    expect(xmrLimits([5, 7])!.ucl).toBeCloseTo(11.3191, 4);
  });

  it('rejects non-finite values', () => {
    expect(() => xmrLimits([1, NaN, 3])).toThrow(/value #1 is NaN/);
  });
});

describe('trendSignals', () => {
  it('fewer than 6 values: no analysis', () => {
    expect(trendSignals([10, 50, 40, 30], 'higher')).toBeNull();
    expect(trendSignals([1, 2, 3, 4, 5], 'lower')).toBeNull();
    expect(trendSignals([1, 2, 3, 4, 5, 6], 'lower')).not.toBeNull();
  });

  it('returns the limits with the rules', () => {
    const r = trendSignals([10, 50, 40, 30, 20, 30], 'higher')!;
    // centre = 180 / 6 = 30; MR 40, 10, 10, 10, 10 → 80 / 5 = 16; σ̂ = 16 / 1.128 = 14.1844
    expect(r.centre).toBe(30);
    expect(r.mrMean).toBe(16);
    expect(r.sigma).toBeCloseTo(14.1844, 4);
    expect(r.ucl).toBeCloseTo(30 + 3 * 14.1844, 3);
    expect(r.mrUcl).toBeCloseTo(3.268 * 16, 10);
    // latest 30 = centre, not below LCL; no run of 6; fewer than 9 values
    expect(r.rules).toEqual([]);
  });

  it('a constant series fires nothing (strict comparisons)', () => {
    // centre 5, σ̂ 0, UCL = LCL = 5; 5 is not strictly beyond, not strictly below, no strict steps
    expect(trendSignals([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 'higher')!.rules).toEqual([]);
    expect(trendSignals([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 'lower')!.rules).toEqual([]);
  });

  it('nelson-1: the latest value beyond the adverse limit', () => {
    const s = [10, 12, 10, 12, 10, 12, -4];
    // centre = (10+12+10+12+10+12−4) / 7 = 62 / 7 = 8.857
    // MR 2, 2, 2, 2, 2, 16 → 26 / 6 = 4.333; σ̂ = 3.8416; 3σ̂ = 11.525
    // LCL = 8.857 − 11.525 = −2.668; latest −4 < −2.668 → nelson-1 when higher is better
    const up = trendSignals(s, 'higher')!;
    expect(up.lcl).toBeCloseTo(-2.668, 3);
    expect(up.rules).toEqual(['nelson-1']);
    // when lower is better, −4 is on the good side: UCL = 20.382, nothing fires
    expect(trendSignals(s, 'lower')!.rules).toEqual([]);
  });

  it('nelson-1 when lower is better: above the upper limit', () => {
    const s = [10, 12, 10, 12, 10, 12, 30];
    // centre = 96 / 7 = 13.714; MR 2,2,2,2,2,18 → 28 / 6 = 4.667; σ̂ = 4.1371; 3σ̂ = 12.411
    // UCL = 26.126; latest 30 > UCL
    const r = trendSignals(s, 'lower')!;
    expect(r.ucl).toBeCloseTo(26.126, 3);
    expect(r.rules).toEqual(['nelson-1']);
    expect(trendSignals(s, 'higher')!.rules).toEqual([]);
  });

  it('nelson-2: the latest 9 values strictly on the adverse side', () => {
    const s = [30, 30, 30, 10, 11, 10, 11, 10, 11, 10, 11, 10];
    // centre = (90 + 4 × 21 + 10) / 12 = 184 / 12 = 15.333; the last 9 (10 or 11) are all below
    // MR 0, 0, 20, 1 × 8 → 28 / 11 = 2.5455; σ̂ = 2.2566; LCL = 15.333 − 6.770 = 8.563 < 10 → no nelson-1
    // last 6 alternate → no nelson-3
    expect(trendSignals(s, 'higher')!.rules).toEqual(['nelson-2']);
    expect(trendSignals(s, 'lower')!.rules).toEqual([]);
  });

  it('nelson-2 is strict: a value equal to the centre breaks it', () => {
    // lower is better → adverse = above the centre
    const strict = [0, 3, 0, 16, 16, 16, 16, 13, 16, 16, 16, 16];
    // centre = (3 + 13 + 8 × 16) / 12 = 144 / 12 = 12; the last 9 (13 or 16) are all above 12
    // MR 3, 3, 16, 0, 0, 0, 3, 3, 0, 0, 0 → 28 / 11 = 2.5455; UCL = 12 + 6.770 = 18.77 > 16
    const r = trendSignals(strict, 'lower')!;
    expect(r.centre).toBe(12);
    expect(r.rules).toEqual(['nelson-2']);
    const equal = [0, 4, 0, 16, 16, 16, 16, 12, 16, 16, 16, 16];
    // centre = (4 + 12 + 8 × 16) / 12 = 144 / 12 = 12; one of the last 9 is 12 = centre → no nelson-2
    // MR 4, 4, 16, 0, 0, 0, 4, 4, 0, 0, 0 → 32 / 11 = 2.909; UCL = 12 + 7.737 = 19.74 > 16
    const e = trendSignals(equal, 'lower')!;
    expect(e.centre).toBe(12);
    expect(e.rules).toEqual([]);
  });

  it('nelson-2 needs 9 values on the adverse side, 8 are not enough', () => {
    const eight = [30, 30, 30, 30, 20, 8, 14, 8, 14, 8, 14, 8, 14];
    // centre = (120 + 20 + 4 × 22) / 13 = 228 / 13 = 17.538; of the last 9, 20 is above → no nelson-2
    // MR 0, 0, 0, 10, 12, 6 × 7 → 64 / 12 = 5.333; σ̂ = 4.728; LCL = 17.538 − 14.184 = 3.354 < 14
    const a = trendSignals(eight, 'higher')!;
    expect(a.centre).toBeCloseTo(17.538, 3);
    expect(a.lcl).toBeCloseTo(3.354, 3);
    expect(a.rules).toEqual([]);
    const nine = [30, 30, 30, 30, 9, 8, 14, 8, 14, 8, 14, 8, 14];
    // centre = (120 + 9 + 88) / 13 = 217 / 13 = 16.69; the last 9 (9, 8, 14, …) are all below
    // MR 0, 0, 0, 21, 1, 6 × 7 → 64 / 12 = 5.333; σ̂ = 4.728; LCL = 16.69 − 14.18 = 2.51 < 14
    const b = trendSignals(nine, 'higher')!;
    expect(b.centre).toBeCloseTo(16.69, 2);
    expect(b.rules).toEqual(['nelson-2']);
  });

  it('nelson-3: the latest 6 values strictly worsening', () => {
    const s = [10, 10, 10, 10, 10, 10, 15, 14, 13, 12, 11, 10];
    // centre = (60 + 75) / 12 = 11.25; MR 0 × 5, 5, 1 × 5 → 10 / 11 = 0.909; σ̂ = 0.806
    // LCL = 11.25 − 2.418 = 8.832 < 10 → no nelson-1; the last 9 include 15, 14, 13, 12 above the
    // centre → no nelson-2; 15 > 14 > 13 > 12 > 11 > 10: 5 strictly worse steps → nelson-3
    expect(trendSignals(s, 'higher')!.rules).toEqual(['nelson-3']);
    expect(trendSignals(s, 'lower')!.rules).toEqual([]);
    // a flat step breaks the run
    expect(trendSignals([10, 10, 10, 10, 10, 10, 15, 14, 14, 12, 11, 10], 'higher')!.rules).toEqual([]);
    // 4 worsening steps are not enough: 9 → 15 is an improvement
    expect(trendSignals([10, 10, 10, 10, 10, 10, 9, 15, 14, 13, 12, 11], 'higher')!.rules).toEqual([]);
    // lower is better: a rising run
    expect(trendSignals([5, 5, 5, 5, 5, 5, 1, 2, 3, 4, 5, 6], 'lower')!.rules).toEqual(['nelson-3']);
  });

  it('nelson-3 with exactly 6 values', () => {
    // 6, 5, 4, 3, 2, 1: centre 3.5, MR 1 × 5 → σ̂ = 0.8865, LCL = 3.5 − 2.660 = 0.840 < 1
    expect(trendSignals([6, 5, 4, 3, 2, 1], 'higher')!.rules).toEqual(['nelson-3']);
  });

  it('all three rules, in order', () => {
    const s = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 60, 58, 56, 54, 52, 50, 48, 46, -200];
    // centre = (1100 + 424 − 200) / 20 = 1324 / 20 = 66.2 → the last 9 (60 … −200) are all below
    // MR: 0 × 10, 40, 2 × 7, 246 → 300 / 19 = 15.789; σ̂ = 13.997; LCL = 66.2 − 41.99 = 24.21 > −200
    // last 6: 54 > 52 > 50 > 48 > 46 > −200
    const r = trendSignals(s, 'higher')!;
    expect(r.lcl).toBeCloseTo(24.21, 2);
    expect(r.rules).toEqual(['nelson-1', 'nelson-2', 'nelson-3']);
    // the mirror image with lower-is-better fires the same rules
    expect(trendSignals(s.map((x) => -x), 'lower')!.rules).toEqual(['nelson-1', 'nelson-2', 'nelson-3']);
  });

  it('rejects a bad direction', () => {
    expect(() => trendSignals([1, 2, 3, 4, 5, 6], 'up' as never)).toThrow(/direction/);
  });

  it('is symmetric: higher-is-better on x equals lower-is-better on −x (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 6, maxLength: 24 }), (s) => {
        const a = trendSignals(s, 'higher')!;
        const b = trendSignals(
          s.map((x) => -x),
          'lower',
        )!;
        expect(b.rules).toEqual(a.rules);
        expect(b.centre).toBeCloseTo(-a.centre, 9);
        expect(b.sigma).toBeCloseTo(a.sigma, 9);
      }),
    );
  });

  it('limits straddle the centre and the rules only look at the adverse side (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 24 }), (s) => {
        const r = trendSignals(s, 'higher')!;
        expect(r.lcl).toBeLessThanOrEqual(r.centre);
        expect(r.ucl).toBeGreaterThanOrEqual(r.centre);
        expect(r.mrUcl).toBeCloseTo(D4 * r.mrMean, 6);
        const latest = s[s.length - 1];
        if (r.rules.includes('nelson-1')) expect(latest).toBeLessThan(r.lcl);
        if (r.rules.includes('nelson-3')) expect(latest).toBeLessThan(s[s.length - 2]);
      }),
    );
  });
});
