// Validity periods and as-of dates of the team commands.
import { describe, expect, it } from 'vitest';
import { addDays, addSpan, asOfDate, parseSpan, spanDays } from '../../../src/team/dates.js';
import { translator } from '../../../src/i18n/index.js';

const t = translator('en');

describe('parseSpan', () => {
  it('takes whole days and weeks, months and years', () => {
    expect(parseSpan('730d')).toEqual({ days: 730 });
    expect(parseSpan('104w')).toEqual({ days: 728 });
    expect(parseSpan('48h')).toEqual({ days: 2 });
    expect(parseSpan('24mo')).toEqual({ months: 24 });
    expect(parseSpan('2y')).toEqual({ months: 24 });
    expect(parseSpan(' 3mo ')).toEqual({ months: 3 });
  });

  it('refuses minutes (24m is not 24 months), part days, zero and words', () => {
    for (const bad of ['24m', '36h', '0d', '0y', '1.5y', 'two years', '', '-3d', '2026-01-01']) expect(parseSpan(bad)).toBeUndefined();
  });
});

describe('date arithmetic', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds calendar months clamped to the end of the month', () => {
    expect(addSpan('2026-03-10', { months: 24 })).toBe('2028-03-10');
    expect(addSpan('2024-02-29', { months: 12 })).toBe('2025-02-28');
    expect(addSpan('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(addSpan('2026-11-20', { days: 728 })).toBe('2028-11-17');
  });

  it('counts the days of a span from a date', () => {
    expect(spanDays('2026-01-01', { days: 60 })).toBe(60);
    expect(spanDays('2026-01-01', { months: 3 })).toBe(90); // 31 + 28 + 31
    expect(spanDays('2028-01-01', { months: 3 })).toBe(91); // leap February
  });
});

describe('asOfDate', () => {
  // 2026-11-26T23:30:00Z is already the 27th in Madrid (UTC+1).
  const now = Date.parse('2026-11-26T23:30:00Z');

  it('defaults to today in the ledger zone', () => {
    expect(asOfDate(undefined, now, 'Europe/Madrid', t)).toBe('2026-11-27');
    expect(asOfDate(undefined, now, 'UTC', t)).toBe('2026-11-26');
  });

  it('takes a date or a timestamp, read in the zone', () => {
    expect(asOfDate('2027-01-05', now, 'Europe/Madrid', t)).toBe('2027-01-05');
    expect(asOfDate('2026-11-26T23:30:00Z', now, 'Europe/Madrid', t)).toBe('2026-11-27');
    expect(asOfDate('2026-11-26T23:30', now, 'Europe/Madrid', t)).toBe('2026-11-26');
  });

  it('refuses anything else with exit 2', () => {
    expect(() => asOfDate('yesterday', now, 'UTC', t)).toThrow(/--as-of "yesterday"/);
    expect(() => asOfDate('2026-02-30', now, 'UTC', t)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
