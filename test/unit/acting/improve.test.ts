// The target ratchet: the worst of the N values, on a grid per unit, met by every value,
// never looser than the current target; written back in the file's own style.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAhead, proposeBound, roundToGrid, writtenBound } from '../../../src/acting/improve.js';
import { meets } from '../../../src/quality/targets.js';

describe('proposeBound', () => {
  it('durations (max): the maximum rounded up to whole hours', () => {
    // worst of 24, 22, 30 is 30 → 30 h (from 48 h)
    expect(proposeBound([24, 22, 30], { max: 48, critical: 96 }, 'hours')).toBe(30);
    // worst 29.5 → rounding down (29) would not be met by 29.5, so up: 30
    expect(proposeBound([24.2, 22, 29.5], { max: 48 }, 'hours')).toBe(30);
  });

  it('ratios (min): the minimum rounded down to whole percent', () => {
    expect(proposeBound([0.9, 1, 0.9], { min: 0.8, critical: 0.6 }, 'ratio')).toBe(0.9);
    expect(proposeBound([0.934, 0.95, 0.99], { min: 0.9 }, 'ratio')).toBe(0.93);
    expect(proposeBound([0.57, 0.6], { min: 0.5 }, 'ratio')).toBe(0.57); // 0.57 × 100 = 56.99999… is on the grid
  });

  it('never loosens and proposes nothing when the rounded worst value is the current target', () => {
    expect(proposeBound([0.951, 0.97], { min: 0.95 }, 'ratio')).toBeUndefined(); // 95% again
    expect(proposeBound([29.5, 20], { max: 30 }, 'hours')).toBeUndefined(); // 30 h again
    expect(proposeBound([4.4, 3], { max: 4.5 }, 'hours')).toBeUndefined(); // 5 h would be looser than 4.5 h
    expect(proposeBound([3.2, 3], { max: 4.5 }, 'hours')).toBe(4); // 4 h is stricter than 4.5 h
  });

  it('scores take one decimal, counts and money whole units', () => {
    expect(proposeBound([4.66, 4.8], { min: 4.5 }, 'number')).toBe(4.6);
    expect(proposeBound([38.2, 41], { min: 30 }, 'score')).toBe(38.2);
    expect(proposeBound([14, 12, 19], { min: 10 }, 'count')).toBe(12);
    expect(proposeBound([81.3, 79.9], { max: 95 }, 'currency')).toBe(82);
  });

  it('property: the proposal is met by every value and stricter than the target', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, min) => {
        const target = { min: Math.min(min, ...values) };
        const bound = proposeBound(values, target, 'ratio');
        if (bound === undefined) return true;
        return values.every((v) => meets(v, { min: bound })) && bound > target.min;
      }),
    );
  });

  it('roundToGrid leaves values on the grid alone', () => {
    expect(roundToGrid(0.93, 100, 'up')).toBe(0.93);
    expect(roundToGrid(0.931, 100, 'up')).toBe(0.94);
    expect(roundToGrid(30, 1, 'down')).toBe(30);
  });
});

describe('writtenBound', () => {
  it('keeps the style of the value it replaces', () => {
    expect(writtenBound('80%', 0.9, 'ratio')).toBe('90%');
    expect(writtenBound('80%', 0.935, 'ratio')).toBe('93.5%');
    expect(writtenBound(0.8, 0.9, 'ratio')).toBe(0.9);
    expect(writtenBound('48h', 30, 'hours')).toBe('30h');
    expect(writtenBound('5d', 96, 'hours')).toBe('4d');
    expect(writtenBound('5d', 100, 'hours')).toBe('100h');
    expect(writtenBound('2w', 168, 'hours')).toBe('1w');
    expect(writtenBound(4.5, 4.7, 'number')).toBe(4.7);
    expect(writtenBound(10, 12, 'count')).toBe(12);
  });
});

describe('isAhead', () => {
  it('a benchmark better than the proposed target, in its direction', () => {
    expect(isAhead(24, { max: 30 })).toBe(true);
    expect(isAhead(30, { max: 30 })).toBe(false);
    expect(isAhead(0.85, { min: 0.9 })).toBe(false);
    expect(isAhead(0.95, { min: 0.9 })).toBe(true);
  });
});
