import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarMonths,
  comparePeriods,
  formatInstant,
  isoWeeksInYear,
  isDate,
  isValidTimeZone,
  lastCompletePeriod,
  localDate,
  localMidnight,
  localParts,
  nextPeriod,
  parsePeriodLabel,
  parseTimestamp,
  periodBounds,
  periodContaining,
  periodDates,
  periodOfDate,
  periodsEndingWith,
  previousPeriod,
  shiftPeriod,
  tzOffset,
} from '../../../src/time/index.js';

const MAD = 'Europe/Madrid';
const NY = 'America/New_York';
const UTC = 'UTC';
const H = 3_600_000;

/** epoch ms of an ISO text with explicit offset (test oracle independent of our parser) */
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};

function bounds(label: string, tz: string): [string, string, number] {
  const b = periodBounds(label, tz);
  return [formatInstant(b.start, tz), formatInstant(b.end, tz), (b.end - b.start) / H];
}

describe('parsePeriodLabel', () => {
  it('recognises months, ISO weeks and quarters', () => {
    expect(parsePeriodLabel('2026-11')).toEqual({ kind: 'month', label: '2026-11', year: 2026, index: 11 });
    expect(parsePeriodLabel('2026-W47')).toEqual({ kind: 'week', label: '2026-W47', year: 2026, index: 47 });
    expect(parsePeriodLabel('2026-Q4')).toEqual({ kind: 'quarter', label: '2026-Q4', year: 2026, index: 4 });
  });

  it('canonicalises lower-case w and q', () => {
    expect(parsePeriodLabel('2026-w05')?.label).toBe('2026-W05');
    expect(parsePeriodLabel('2026-q1')?.label).toBe('2026-Q1');
  });

  it('accepts week 53 only in years that have it', () => {
    // 2026-01-01 is a Thursday → 53 ISO weeks; 2025-01-01 a Wednesday, not leap → 52;
    // 2020-01-01 a Wednesday in a leap year → 53; 2015-01-01 a Thursday → 53; 2021 → 52.
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(parsePeriodLabel('2026-W53')?.kind).toBe('week');
    expect(parsePeriodLabel('2025-W53')).toBeNull();
  });

  it.each(['2026-13', '2026-00', '2026-W00', '2026-W54', '2026-Q0', '2026-Q5', '26-11', '2026-1', '2026-W1', '2026-11-01', '', 'current', ' 2026-11', '2026-M11'])(
    'rejects %j',
    (label) => {
      expect(parsePeriodLabel(label)).toBeNull();
    },
  );
});

describe('periodBounds', () => {
  it('months in Europe/Madrid are DST-correct (the example of the brief)', () => {
    // October 2026: starts in summer time (+02:00), ends in winter time (+01:00):
    // 31 days × 24 h + 1 h (clocks back on 2026-10-25) = 745 h.
    expect(bounds('2026-10', MAD)).toEqual(['2026-10-01T00:00:00+02:00', '2026-11-01T00:00:00+01:00', 745]);
    expect(periodBounds('2026-10', MAD).start).toBe(at('2026-09-30T22:00:00Z'));
    expect(periodBounds('2026-10', MAD).end).toBe(at('2026-10-31T23:00:00Z'));
    // March 2026: clocks forward on 2026-03-29 → 31 × 24 − 1 = 743 h.
    expect(bounds('2026-03', MAD)).toEqual(['2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00', 743]);
    // November 2026: no change → 30 × 24 = 720 h.
    expect(bounds('2026-11', MAD)).toEqual(['2026-11-01T00:00:00+01:00', '2026-12-01T00:00:00+01:00', 720]);
  });

  it('months in UTC are plain day counts', () => {
    expect(bounds('2026-02', UTC)).toEqual(['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00', 28 * 24]);
    expect(bounds('2024-02', UTC)).toEqual(['2024-02-01T00:00:00+00:00', '2024-03-01T00:00:00+00:00', 29 * 24]);
    expect(bounds('2026-12', UTC)).toEqual(['2026-12-01T00:00:00+00:00', '2027-01-01T00:00:00+00:00', 31 * 24]);
  });

  it('months in America/New_York', () => {
    // DST starts 2026-03-08 (2nd Sunday of March) → 31 × 24 − 1 = 743 h.
    expect(bounds('2026-03', NY)).toEqual(['2026-03-01T00:00:00-05:00', '2026-04-01T00:00:00-04:00', 743]);
    // DST ends 2026-11-01 at 02:00, after the month's first midnight → 30 × 24 + 1 = 721 h.
    expect(bounds('2026-11', NY)).toEqual(['2026-11-01T00:00:00-04:00', '2026-12-01T00:00:00-05:00', 721]);
  });

  it('quarters', () => {
    // Q4 2026 in Madrid: 31 + 30 + 31 = 92 days = 2208 h, + 1 h for 2026-10-25.
    expect(bounds('2026-Q4', MAD)).toEqual(['2026-10-01T00:00:00+02:00', '2027-01-01T00:00:00+01:00', 2209]);
    // Q1 2026 in UTC: 31 + 28 + 31 = 90 days = 2160 h.
    expect(bounds('2026-Q1', UTC)).toEqual(['2026-01-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00', 2160]);
    // Q2 2026 in New York: 30 + 31 + 30 = 91 days, all in DST = 2184 h.
    expect(bounds('2026-Q2', NY)).toEqual(['2026-04-01T00:00:00-04:00', '2026-07-01T00:00:00-04:00', 2184]);
  });

  it('ISO weeks, including week 53 and the week-year across New Year', () => {
    // 2026-01-01 is a Thursday, so week 1 starts on Monday 2025-12-29.
    expect(bounds('2026-W01', UTC)).toEqual(['2025-12-29T00:00:00+00:00', '2026-01-05T00:00:00+00:00', 168]);
    // 2026-W53: Monday 2026-12-28 to Monday 2027-01-04.
    expect(bounds('2026-W53', UTC)).toEqual(['2026-12-28T00:00:00+00:00', '2027-01-04T00:00:00+00:00', 168]);
    expect(bounds('2027-W01', NY)).toEqual(['2027-01-04T00:00:00-05:00', '2027-01-11T00:00:00-05:00', 168]);
    // 2026-W13 holds Sunday 2026-03-29 (clocks forward in Madrid) → 167 h.
    expect(bounds('2026-W13', MAD)).toEqual(['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 167]);
    // Monday 2026-10-19: from 2025-12-29 it is 3 + 291 = 294 days = 42 weeks → W43;
    // it holds Sunday 2026-10-25 (clocks back) → 169 h.
    expect(bounds('2026-W43', MAD)).toEqual(['2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 169]);
    expect(periodDates('2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-04' });
  });

  it('consecutive periods tile time with no gap or overlap (property)', () => {
    const labels = fc.oneof(
      fc.tuple(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 1, max: 52 })).map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
    );
    const zones = fc.constantFrom(MAD, NY, UTC, 'Australia/Sydney', 'Asia/Kolkata');
    fc.assert(
      fc.property(labels, zones, (label, tz) => {
        const b = periodBounds(label, tz);
        const kind = parsePeriodLabel(label)!.kind;
        expect(periodBounds(nextPeriod(label), tz).start).toBe(b.end);
        expect(periodContaining(b.start, kind, tz)).toBe(label);
        expect(periodContaining(b.end - 1, kind, tz)).toBe(label);
        expect(periodContaining(b.end, kind, tz)).toBe(nextPeriod(label));
        expect(previousPeriod(nextPeriod(label))).toBe(label);
      }),
    );
  });

  it('throws on an invalid label or zone', () => {
    expect(() => periodBounds('2026-13', MAD)).toThrow(/invalid period "2026-13"/);
    expect(() => periodBounds('2026-11', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('periodContaining and boundaries', () => {
  it('a record exactly at the start belongs to the period, one at the end to the next', () => {
    const b = periodBounds('2026-10', MAD);
    expect(periodContaining(b.start, 'month', MAD)).toBe('2026-10');
    expect(periodContaining(b.end - 1, 'month', MAD)).toBe('2026-10');
    expect(periodContaining(b.end, 'month', MAD)).toBe('2026-11');
    expect(periodContaining(b.start - 1, 'month', MAD)).toBe('2026-09');
  });

  it('uses the local date of the zone', () => {
    // 2026-09-30T22:30Z is 00:30 on 1 October in Madrid (+02:00) but 30 September in UTC.
    const t = at('2026-09-30T22:30:00Z');
    expect(periodContaining(t, 'month', MAD)).toBe('2026-10');
    expect(periodContaining(t, 'month', UTC)).toBe('2026-09');
    expect(periodContaining(t, 'quarter', MAD)).toBe('2026-Q4');
    expect(periodContaining(t, 'quarter', UTC)).toBe('2026-Q3');
    // 2026-10-01T03:00Z is 23:00 on 30 September in New York (−04:00).
    expect(periodContaining(at('2026-10-01T03:00:00Z'), 'month', NY)).toBe('2026-09');
  });

  it('ISO week-year across New Year', () => {
    // Friday 2027-01-01 belongs to 2026-W53; Monday 2027-01-04 starts 2027-W01.
    expect(periodContaining(at('2027-01-01T12:00:00Z'), 'week', UTC)).toBe('2026-W53');
    expect(periodContaining(at('2027-01-03T23:59:59Z'), 'week', UTC)).toBe('2026-W53');
    expect(periodContaining(at('2027-01-04T00:00:00Z'), 'week', UTC)).toBe('2027-W01');
    // Thursday 2026-01-01 is in 2026-W01; Sunday 2021-01-03 in 2020-W53; Monday 2024-12-30 in 2025-W01.
    expect(periodOfDate('2026-01-01', 'week')).toBe('2026-W01');
    expect(periodOfDate('2021-01-03', 'week')).toBe('2020-W53');
    expect(periodOfDate('2024-12-30', 'week')).toBe('2025-W01');
    expect(periodOfDate('2025-12-29', 'week')).toBe('2026-W01');
    // In Madrid, 2027-01-03T23:30Z is already Monday 00:30 local → 2027-W01.
    expect(periodContaining(at('2027-01-03T23:30:00Z'), 'week', MAD)).toBe('2027-W01');
  });
});

describe('lastCompletePeriod', () => {
  it('is the period before the one containing as-of', () => {
    expect(lastCompletePeriod(at('2026-11-26T12:00:00+01:00'), 'month', MAD)).toBe('2026-10');
    expect(lastCompletePeriod(at('2026-11-26T12:00:00+01:00'), 'quarter', MAD)).toBe('2026-Q3');
    // 2026-11-26 is a Thursday of 2026-W48 → last complete week W47.
    expect(lastCompletePeriod(at('2026-11-26T12:00:00+01:00'), 'week', MAD)).toBe('2026-W47');
  });

  it('a period whose end equals as-of is complete', () => {
    expect(lastCompletePeriod(at('2026-11-01T00:00:00+01:00'), 'month', MAD)).toBe('2026-10');
    expect(lastCompletePeriod(at('2026-10-31T23:59:59+01:00'), 'month', MAD)).toBe('2026-09');
    expect(lastCompletePeriod(at('2027-01-04T00:00:00+01:00'), 'week', MAD)).toBe('2026-W53');
    expect(lastCompletePeriod(at('2026-12-31T23:00:00Z'), 'quarter', MAD)).toBe('2026-Q4');
    expect(lastCompletePeriod(at('2026-12-31T23:00:00Z'), 'quarter', UTC)).toBe('2026-Q3');
  });
});

describe('period arithmetic', () => {
  it('previous and next cross year ends', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(nextPeriod('2025-12')).toBe('2026-01');
    expect(nextPeriod('2026-W53')).toBe('2027-W01');
    expect(previousPeriod('2027-W01')).toBe('2026-W53');
    expect(previousPeriod('2026-W01')).toBe('2025-W52');
    expect(nextPeriod('2025-W52')).toBe('2026-W01');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1');
    expect(nextPeriod('2026-w05')).toBe('2026-W06');
    expect(shiftPeriod('2026-11', -23)).toBe('2024-12');
    expect(shiftPeriod('2026-W10', 52)).toBe('2027-W09'); // 2026 has 53 weeks
    expect(() => previousPeriod('nope')).toThrow(/invalid period/);
  });

  it('periodsEndingWith lists oldest first', () => {
    expect(periodsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(periodsEndingWith('2027-W02', 4)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(periodsEndingWith('2026-Q1', 5)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(periodsEndingWith('2026-11', 1)).toEqual(['2026-11']);
    expect(periodsEndingWith('2026-11', 0)).toEqual([]);
    expect(periodsEndingWith('2026-11', 12)).toHaveLength(12);
    expect(periodsEndingWith('2026-11', 12)[0]).toBe('2025-12');
    expect(() => periodsEndingWith('2026-11', -1)).toThrow(RangeError);
  });

  it('comparePeriods orders chronologically', () => {
    expect(comparePeriods('2026-W53', '2027-W01')).toBeLessThan(0);
    expect(comparePeriods('2026-11', '2026-02')).toBeGreaterThan(0);
    expect(comparePeriods('2026-Q2', '2026-Q2')).toBe(0);
    expect(() => comparePeriods('2026-Q2', '2026-04')).toThrow(/cannot compare/);
  });
});

describe('formatInstant and localDate', () => {
  it('prints the zone offset, never Z, always seconds', () => {
    const t = at('2026-10-31T23:30:00Z');
    expect(formatInstant(t, UTC)).toBe('2026-10-31T23:30:00+00:00');
    expect(formatInstant(t, MAD)).toBe('2026-11-01T00:30:00+01:00');
    expect(formatInstant(t, NY)).toBe('2026-10-31T19:30:00-04:00');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-15T17:30:00+05:30');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe('2026-01-15T08:30:00-03:30');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe('2026-01-15T17:45:00+05:45');
    // milliseconds only when not zero
    expect(formatInstant(at('2026-01-15T12:00:00.250Z'), UTC)).toBe('2026-01-15T12:00:00.250+00:00');
  });

  it('localDate is the date in the zone', () => {
    const t = at('2026-10-31T23:30:00Z');
    expect(localDate(t, MAD)).toBe('2026-11-01');
    expect(localDate(t, NY)).toBe('2026-10-31');
    expect(localDate(t, UTC)).toBe('2026-10-31');
  });

  it('24 elapsed hours across the DST changes of Europe/Madrid are 23 or 25 wall hours', () => {
    // Clocks back at 03:00 → 02:00 on Sunday 2026-10-25: 12:00 Saturday + 24 h = 11:00 Sunday.
    expect(formatInstant(at('2026-10-24T12:00:00+02:00') + 24 * H, MAD)).toBe('2026-10-25T11:00:00+01:00');
    // Clocks forward at 02:00 → 03:00 on Sunday 2026-03-29: 12:00 Saturday + 24 h = 13:00 Sunday.
    expect(formatInstant(at('2026-03-28T12:00:00+01:00') + 24 * H, MAD)).toBe('2026-03-29T13:00:00+02:00');
    // And between the same wall times on consecutive days: 25 h and 23 h.
    expect((parseTimestamp('2026-10-25T12:00', MAD) - parseTimestamp('2026-10-24T12:00', MAD)) / H).toBe(25);
    expect((parseTimestamp('2026-03-29T12:00', MAD) - parseTimestamp('2026-03-28T12:00', MAD)) / H).toBe(23);
    // The local days themselves are 25 h and 23 h long.
    expect((localMidnight('2026-10-26', MAD) - localMidnight('2026-10-25', MAD)) / H).toBe(25);
    expect((localMidnight('2026-03-30', MAD) - localMidnight('2026-03-29', MAD)) / H).toBe(23);
  });

  it('offsets and local parts', () => {
    expect(tzOffset(at('2026-07-01T00:00:00Z'), MAD)).toBe(2 * H);
    expect(tzOffset(at('2026-12-01T00:00:00Z'), MAD)).toBe(1 * H);
    // the instant of the change itself: 2026-03-29T01:00Z is 03:00+02:00; a millisecond before is 01:59:59.999+01:00
    expect(tzOffset(at('2026-03-29T01:00:00Z'), MAD)).toBe(2 * H);
    expect(tzOffset(at('2026-03-29T01:00:00Z') - 1, MAD)).toBe(1 * H);
    expect(localParts(at('2026-03-29T01:00:00Z'), MAD)).toMatchObject({ year: 2026, month: 3, day: 29, hour: 3, minute: 0, weekday: 7 });
  });

  it('local midnight that falls in a DST gap is the first instant of the day', () => {
    // Asia/Beirut and America/Santiago skip from 00:00 to 01:00 on these days.
    expect(formatInstant(localMidnight('2026-03-29', 'Asia/Beirut'), 'Asia/Beirut')).toBe('2026-03-29T01:00:00+03:00');
    expect(formatInstant(localMidnight('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06T01:00:00-03:00');
  });

  it('time-zone validation', () => {
    expect(isValidTimeZone('Europe/Madrid')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('parseTimestamp', () => {
  it('reads explicit offsets and Z without the zone', () => {
    expect(parseTimestamp('2026-11-02T09:14:00+01:00', MAD)).toBe(at('2026-11-02T08:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:00Z', MAD)).toBe(at('2026-11-02T09:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:00z', MAD)).toBe(at('2026-11-02T09:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14-05:00', MAD)).toBe(at('2026-11-02T14:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:00+0530', MAD)).toBe(at('2026-11-02T03:44:00Z'));
    expect(parseTimestamp('2026-11-02 09:14:00+01:00', MAD)).toBe(at('2026-11-02T08:14:00Z'));
    // fractions: .5 → 500 ms; digits beyond milliseconds are truncated
    expect(parseTimestamp('2026-11-02T09:14:00.5Z', MAD)).toBe(at('2026-11-02T09:14:00.500Z'));
    expect(parseTimestamp('2026-11-02T09:14:00.123456Z', MAD)).toBe(at('2026-11-02T09:14:00.123Z'));
    // an offset makes the zone irrelevant, even an unknown one
    expect(parseTimestamp('2026-11-02T09:14:00+01:00', 'Nowhere/Land')).toBe(at('2026-11-02T08:14:00Z'));
  });

  it('reads a time without offset in the zone', () => {
    expect(parseTimestamp('2026-11-02T09:14:00', MAD)).toBe(at('2026-11-02T09:14:00+01:00'));
    expect(parseTimestamp('2026-07-02T09:14', MAD)).toBe(at('2026-07-02T09:14:00+02:00'));
    expect(parseTimestamp('2026-07-02T09:14', NY)).toBe(at('2026-07-02T09:14:00-04:00'));
    expect(parseTimestamp('2026-07-02T09:14', UTC)).toBe(at('2026-07-02T09:14:00Z'));
  });

  it('reads a bare date as local midnight', () => {
    expect(parseTimestamp('2026-10-01', MAD)).toBe(at('2026-10-01T00:00:00+02:00'));
    expect(parseTimestamp('2026-11-01', MAD)).toBe(at('2026-11-01T00:00:00+01:00'));
    expect(parseTimestamp('2024-02-29', UTC)).toBe(at('2024-02-29T00:00:00Z'));
  });

  it('moves a time in a DST gap forward by the gap and takes the earlier of two ambiguous instants', () => {
    // Madrid 2026-03-29: 02:00–03:00 does not exist; 02:30 → 03:30+02:00 (= 01:30Z).
    expect(parseTimestamp('2026-03-29T02:30', MAD)).toBe(at('2026-03-29T03:30:00+02:00'));
    // Madrid 2026-10-25: 02:30 happens twice (+02:00 then +01:00); take 02:30+02:00 (= 00:30Z).
    expect(parseTimestamp('2026-10-25T02:30', MAD)).toBe(at('2026-10-25T02:30:00+02:00'));
    // New York 2026-03-08 02:30 → 03:30-04:00; 2026-11-01 01:30 → 01:30-04:00 (the earlier).
    expect(parseTimestamp('2026-03-08T02:30', NY)).toBe(at('2026-03-08T03:30:00-04:00'));
    expect(parseTimestamp('2026-11-01T01:30', NY)).toBe(at('2026-11-01T01:30:00-04:00'));
    // the times just around the change are unaffected
    expect(parseTimestamp('2026-03-29T01:59:59', MAD)).toBe(at('2026-03-29T01:59:59+01:00'));
    expect(parseTimestamp('2026-03-29T03:00', MAD)).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(parseTimestamp('2026-10-25T03:00', MAD)).toBe(at('2026-10-25T03:00:00+01:00'));
  });

  it.each([
    '2026-02-29T10:00:00Z', // not a leap year
    '2026-13-01',
    '2026-04-31',
    '2026-11-02T24:00:00Z',
    '2026-11-02T10:60Z',
    '2026-11-02T10:00:60Z',
    '2026-11-02T10:00:00+24:00',
    '2026-11-02T10:00:00+01:60',
    '2026-11-02T10Z',
    '2026-11-02Z',
    '2026-11-02T10:00:00+1',
    '2026-11-02 ',
    '26-11-02',
    '2026/11/02',
    'yesterday',
    '',
  ])('returns NaN for %j', (text) => {
    expect(parseTimestamp(text, MAD)).toBeNaN();
  });

  it('agrees with Date.parse on ISO texts with offsets (property)', () => {
    const minutes = fc.integer({ min: -14 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }), minutes, (ms, offMin) => {
        // write the instant with an arbitrary offset, by hand
        const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 23);
        const sign = offMin < 0 ? '-' : '+';
        const a = Math.abs(offMin);
        const text = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
        expect(parseTimestamp(text, MAD)).toBe(ms);
        expect(parseTimestamp(text, MAD)).toBe(Date.parse(text));
      }),
    );
  });

  it('formatInstant → parseTimestamp is the identity (property)', () => {
    const zones = fc.constantFrom(MAD, NY, UTC, 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2060, 0, 1) }), zones, (ms, tz) => {
        expect(parseTimestamp(formatInstant(ms, tz), tz)).toBe(ms);
        // and the local date of the formatted text is localDate
        expect(formatInstant(ms, tz).slice(0, 10)).toBe(localDate(ms, tz));
      }),
    );
  });

  it('a local time without offset reads back as the same wall time, unless it is in a gap (property)', () => {
    const zones = fc.constantFrom(MAD, NY, 'Australia/Sydney');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), zones, (wallMs, tz) => {
        const text = new Date(Math.floor(wallMs / 1000) * 1000).toISOString().slice(0, 19);
        const back = formatInstant(parseTimestamp(text, tz), tz).slice(0, 19);
        if (back !== text) {
          // only allowed in a DST gap, which moves forward by at most the gap (1 h in these zones)
          const diff = Date.parse(`${back}Z`) - Date.parse(`${text}Z`);
          expect(diff).toBe(H);
        }
      }),
    );
  });
});

describe('dates', () => {
  it('addCalendarMonths clamps to the end of the month', () => {
    expect(addCalendarMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addCalendarMonths('2025-05-15', 24)).toBe('2027-05-15');
    expect(addCalendarMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addCalendarMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(addCalendarMonths('2025-06-01', 0)).toBe('2025-06-01');
    expect(() => addCalendarMonths('2025-02-30', 1)).toThrow(/invalid date/);
    expect(() => addCalendarMonths('2025-02-01', 1.5)).toThrow(/integer/);
  });

  it('isDate', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-2-9')).toBe(false);
  });
});
