// Pure helpers of the act phase: action ids and their prefix resolution, deviation keys, and
// the "first full period after" rule of action verification.
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { matchIds, newActionId, resolveActionId } from '../../../src/acting/ids.js';
import { parseDeviationKey } from '../../../src/acting/deviation-key.js';
import { addDays, daysBetween, firstFullPeriodFrom } from '../../../src/acting/verify-period.js';
import { UsageError } from '../../../src/errors.js';

const t = translator('en');
const IDS = ['20261103-q2m8w1zd', '20261103-q2x00000', '20261104-7k3qzm2a'];

describe('action ids', () => {
  it('are the opening date and 8 random lowercase Crockford base32 characters', () => {
    const id = newActionId('2026-11-03');
    expect(id).toMatch(/^20261103-[0-9a-hjkmnp-tv-z]{8}$/);
    expect(newActionId('2026-11-03')).not.toBe(id);
  });

  it('resolve from the full id, a prefix of it, or a prefix of the random part', () => {
    expect(matchIds(IDS, '20261103-q2m8w1zd')).toEqual(['20261103-q2m8w1zd']);
    expect(matchIds(IDS, '20261104')).toEqual(['20261104-7k3qzm2a']);
    expect(matchIds(IDS, '7k3')).toEqual(['20261104-7k3qzm2a']);
    expect(matchIds(IDS, 'Q2M')).toEqual(['20261103-q2m8w1zd']); // case folded
    expect(matchIds(IDS, 'q2')).toEqual(['20261103-q2m8w1zd', '20261103-q2x00000']);
    expect(matchIds(IDS, '../etc')).toEqual([]);
  });

  it('refuse an unknown or ambiguous query with exit 2, listing the candidates', () => {
    expect(resolveActionId(IDS, 'q2m', t)).toBe('20261103-q2m8w1zd');
    expect(() => resolveActionId(IDS, 'zzz', t)).toThrow(/no action with id or prefix "zzz"/);
    try {
      resolveActionId(IDS, '20261103', t);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
      expect((e as Error).message).toBe('"20261103" matches 2 actions: 20261103-q2m8w1zd, 20261103-q2x00000');
    }
  });
});

describe('deviation keys', () => {
  it('parse the four shapes of SPEC §4', () => {
    expect(parseDeviationKey('repair/resolution-time/2026-10')).toEqual({ key: 'repair/resolution-time/2026-10', service: 'repair', name: 'resolution-time', period: '2026-10', trend: false });
    expect(parseDeviationKey('repair/csat/2026-w05/trend')).toEqual({ key: 'repair/csat/2026-W05/trend', service: 'repair', name: 'csat', period: '2026-W05', trend: true });
    expect(parseDeviationKey('repair/compliance/2026-Q4')?.name).toBe('compliance');
    expect(parseDeviationKey('*/csat-2026/2026-10')).toMatchObject({ service: '*', name: 'csat-2026', period: '2026-10' });
  });

  it('refuse anything else', () => {
    for (const bad of ['repair', 'repair/csat', 'repair/csat/2026-13', 'repair/csat/2026-10/x', 'Repair/csat/2026-10', '*/o/2026-10/trend', 'a/b/c/d/e']) {
      expect(parseDeviationKey(bad), bad).toBeUndefined();
    }
  });
});

describe('the first full period starting on or after a date (SPEC §1.7, §5 action verify)', () => {
  it('is the period starting that day, else the next one', () => {
    expect(firstFullPeriodFrom('2026-12-01', 'month')).toBe('2026-12'); // the SPEC's own example
    expect(firstFullPeriodFrom('2026-12-02', 'month')).toBe('2027-01'); // …and its second
    expect(firstFullPeriodFrom('2026-10-01', 'month')).toBe('2026-10'); // issue 13: not 2026-11
    expect(firstFullPeriodFrom('2026-04-20', 'month')).toBe('2026-05');
    expect(firstFullPeriodFrom('2026-04-30', 'month')).toBe('2026-05');
    expect(firstFullPeriodFrom('2026-12-31', 'month')).toBe('2027-01');
    expect(firstFullPeriodFrom('2026-11-01', 'week')).toBe('2026-W45'); // a Sunday: Monday 2026-11-02 starts W45
    expect(firstFullPeriodFrom('2026-11-02', 'week')).toBe('2026-W45'); // that Monday itself
    expect(firstFullPeriodFrom('2026-11-03', 'week')).toBe('2026-W46');
    expect(firstFullPeriodFrom('2026-09-30', 'quarter')).toBe('2026-Q4');
    expect(firstFullPeriodFrom('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(firstFullPeriodFrom('2026-10-02', 'quarter')).toBe('2027-Q1');
  });

  it('counts days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2025-11-10', 365)).toBe('2026-11-10');
    expect(daysBetween('2026-11-26', '2026-12-01')).toBe(5);
  });
});
