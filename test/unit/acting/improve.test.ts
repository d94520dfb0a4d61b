// The target ratchet: the worst of the N values, on a grid per unit, met by every value,
// never looser than the current target; written back in the file's own style.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { mentionsBound, runImprove } from '../../../src/commands/improve.js';
import { cleanup, copyFixture } from '../../helpers/run.js';
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

describe('improve: enough records, only what is asked, and why not (issue 13)', () => {
  // The cycle fixture: repair met resolution-time, csat and adherence in 2026-06 … 08 with 10
  // closed records a month; its aftersales.yaml sets improve.min_n: 5.
  const AS_OF = '2026-09-02';
  const t = translator('en');
  async function improve(dir: string, opts: Record<string, unknown> = {}) {
    const io = memoryIO({ t });
    const r = await runImprove({ cwd: dir, io, ledger: dir, asOf: AS_OF, ...opts });
    return { ...r, out: io.stdout.join(''), err: io.stderr.join('') };
  }
  afterAll(cleanup);

  it('--periods 1 with the default minimum (20): n = 10 is too few, nothing is proposed, and it says why', async () => {
    const dir = copyFixture('cycle');
    writeFileSync(join(dir, 'aftersales.yaml'), readFileSync(join(dir, 'aftersales.yaml'), 'utf8').replace(/improve:\n.*\n/, ''));
    const r = await improve(dir, { periods: '1' });
    expect(r.proposals).toEqual([]);
    expect(r.heldBack).toEqual([
      { service: 'repair', requirement: 'resolution-time', reason: 'too-few', detail: 'n=10 < 20 in 2026-08' },
      { service: 'repair', requirement: 'csat', reason: 'too-few', detail: 'n=10 < 20 in 2026-08' },
      { service: 'repair', requirement: 'adherence', reason: 'too-few', detail: 'n=10 < 20 in 2026-08' },
    ]);
    expect(r.out).toContain('    repair/csat: too few records to judge: n=10 < 20 in 2026-08\n');
    // --min-n overrides the setting and the default
    expect((await improve(dir, { periods: '1', minN: '10' })).proposals.map((p) => p.requirement)).toEqual(['resolution-time', 'csat', 'adherence']);
    await expect(improve(dir, { minN: 'few' })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('--only narrows the proposal, and --apply writes only that requirement', async () => {
    const dir = copyFixture('cycle');
    const file = join(dir, 'services/repair.yaml');
    const before = readFileSync(file, 'utf8');
    const r = await improve(dir, { only: ['repair/csat'], apply: true });
    expect(r.proposals.map((p) => p.requirement)).toEqual(['csat']);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('min: "90%"      # the sector average');
    expect(after).toContain('target: { max: 48h, critical: 96h }'); // resolution-time untouched
    expect(after).toContain('target: { min: 90% }\n'); // adherence untouched
    expect(after).not.toBe(before);
    await expect(improve(dir, { only: ['repair/nope'] })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('repair/nope') });
  });

  it('a description stating the old target as text is pointed out, not rewritten', async () => {
    const dir = copyFixture('cycle');
    const file = join(dir, 'services/repair.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Half of the repairs resolved within two days', 'Half of the repairs resolved within 48 h'));
    const r = await improve(dir, { apply: true });
    const res = r.proposals.find((p) => p.requirement === 'resolution-time')!;
    expect(res.description_mentions_old_target).toBe(true);
    expect(r.proposals.find((p) => p.requirement === 'csat')!.description_mentions_old_target).toBe(false);
    expect(r.out).toContain('its description still states the old target (≤ 48 h): update the text by hand');
    expect(readFileSync(file, 'utf8')).toContain('Half of the repairs resolved within 48 h'); // prose kept
  });

  it('mentionsBound reads the forms people write, as whole numbers', () => {
    expect(mentionsBound('El 90 % de las instalaciones', '90%', 0.9, 'ratio')).toBe(true);
    expect(mentionsBound('El 90% de las instalaciones', '90%', 0.9, 'ratio')).toBe(true);
    expect(mentionsBound('El 190 % de nada', '90%', 0.9, 'ratio')).toBe(false);
    expect(mentionsBound('terminadas en 72 horas', '3d', 72, 'hours')).toBe(true);
    expect(mentionsBound('en 3 días', '3d', 72, 'hours')).toBe(true);
    expect(mentionsBound('en 13 días', '3d', 72, 'hours')).toBe(false);
    expect(mentionsBound('Al menos 10 revisiones', 10, 10, 'count')).toBe(true);
    expect(mentionsBound('Al menos 100 revisiones', 10, 10, 'count')).toBe(false);
    expect(mentionsBound('nota de 4,5 o más', 4.5, 4.5, 'score')).toBe(true);
    expect(mentionsBound(undefined, 4.5, 4.5, 'score')).toBe(false);
  });
});
