import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessHours, compileCalendar, elapsedHours, mergePauses } from '../../../src/time/index.js';

const MAD = 'Europe/Madrid';
const NY = 'America/New_York';
const UTC = 'UTC';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
/** a Madrid winter (+01:00) wall time */
const mw = (local: string): number => at(`${local}+01:00`);
/** a Madrid summer (+02:00) wall time */
const ms = (local: string): number => at(`${local}+02:00`);

// The calendar of SPEC §1.1: 8 h Monday to Friday, 3 h on Saturday.
const office = compileCalendar({
  hours: { 'mon-fri': '09:00-14:00,15:00-18:00', sat: '10:00-13:00' },
  holidays: ['2026-12-25', '2027-01-01'],
});

describe('compileCalendar', () => {
  it('compiles the SPEC example', () => {
    // Monday..Friday 5 h + 3 h = 8 h, Saturday 3 h → 5 × 8 + 3 = 43 h = 2580 min a week.
    expect(office.weeklyMinutes).toBe(43 * 60);
    expect(office.weekly[1]).toEqual([
      [9 * 60, 14 * 60],
      [15 * 60, 18 * 60],
    ]);
    expect(office.weekly[6]).toEqual([[10 * 60, 13 * 60]]);
    expect(office.weekly[7]).toEqual([]);
    expect(office.isHoliday('2026-12-25')).toBe(true);
    expect(office.isHoliday('2026-12-24')).toBe(false);
  });

  it('accepts day lists, wrapping ranges, 24:00, closed days, unsorted and touching intervals', () => {
    const c = compileCalendar({
      hours: { 'sun-tue': '14:00-18:00, 08:00-12:00', 'wed,FRI': ['09:00-13:00', '13:00-17:00'], thu: 'closed', sat: '0:00-24:00' },
    });
    // sun, mon, tue: two intervals, sorted
    for (const d of [7, 1, 2]) expect(c.weekly[d]).toEqual([[480, 720], [840, 1080]]);
    // wed, fri: touching intervals merged into 09:00-17:00
    expect(c.weekly[3]).toEqual([[540, 1020]]);
    expect(c.weekly[5]).toEqual([[540, 1020]]);
    expect(c.weekly[4]).toEqual([]);
    expect(c.weekly[6]).toEqual([[0, 1440]]);
  });

  it('accepts holidays given as Date objects (as a YAML parser may produce)', () => {
    const c = compileCalendar({ hours: { mon: '09:00-10:00' }, holidays: [new Date(Date.UTC(2026, 11, 28))] });
    expect(c.isHoliday('2026-12-28')).toBe(true);
  });

  it.each([
    [{ hours: { 'mon-fry': '09:00-18:00' } }, /unknown day "fry"/],
    [{ hours: { weekdays: '09:00-18:00' } }, /unknown day "weekdays"/],
    [{ hours: { 'mon-tue-wed': '09:00-18:00' } }, /not a day or a range/],
    [{ hours: { mon: '09:00-14:00,13:00-18:00' } }, /09:00-14:00 and 13:00-18:00 overlap/],
    [{ hours: { mon: '9-14' } }, /"9-14" is not an interval HH:MM-HH:MM/],
    [{ hours: { mon: '18:00-09:00' } }, /ends before it starts/],
    [{ hours: { mon: '09:00-09:00' } }, /ends before it starts/],
    [{ hours: { mon: '09:00-24:30' } }, /impossible time/],
    [{ hours: { mon: '25:00-26:00' } }, /impossible time/],
    [{ hours: { mon: '09:00-18:00,' } }, /"" is not an interval/],
    [{ hours: { 'mon-fri': '09:00-18:00', fri: '09:00-14:00' } }, /fri is given by both "mon-fri" and "fri"/],
    [{ hours: {} }, /no working hours/],
    [{ hours: { sun: 'closed' } }, /no working hours/],
    [{ hours: { mon: '09:00-18:00' }, holidays: ['2026-02-30'] }, /holiday "2026-02-30" is not a date/],
    [{ hours: { mon: '09:00-18:00' }, holidays: ['25/12/2026'] }, /holiday "25\/12\/2026"/],
    [{ hours: 'mon-fri 9-18' }, /"hours" must map days/],
  ])('rejects %j', (def, message) => {
    expect(() => compileCalendar(def as never, 'office')).toThrow(message);
  });

  it('names the calendar in the error', () => {
    expect(() => compileCalendar({ hours: { mon: 'x' } }, 'office')).toThrow(/^calendar "office": hours "mon": "x"/);
  });
});

describe('mergePauses', () => {
  it('clips to the span, drops empty and inverted pauses, merges overlaps and touches', () => {
    expect(
      mergePauses(100, 200, [
        { from: 150, to: 170 },
        { from: 50, to: 120 }, // clipped to 100-120
        { from: 160, to: 180 }, // overlaps 150-170 → 150-180
        { from: 180, to: 185 }, // touches → 150-185
        { from: 190, to: 190 }, // empty
        { from: 199, to: 195 }, // inverted
        { from: 250, to: 300 }, // outside
      ]),
    ).toEqual([
      { from: 100, to: 120 },
      { from: 150, to: 185 },
    ]);
  });
});

describe('elapsedHours without a calendar (elapsed time)', () => {
  it('is elapsed time in hours', () => {
    // 2026-11-02 09:00 → 2026-11-04 16:30 = 2 days + 7.5 h = 55.5 h
    expect(elapsedHours(mw('2026-11-02T09:00:00'), mw('2026-11-04T16:30:00'), [], MAD)).toBe(55.5);
  });

  it('subtracts pauses (the SPEC §1.6 record)', () => {
    // opened 11-02 09:14, closed 11-04 16:30: 2 d 7 h 16 min = 55 h 16 min;
    // paused 11-03 09:00–15:00 = 6 h → 49 h 16 min = 49 + 16/60 h.
    const d = elapsedHours(mw('2026-11-02T09:14:00'), mw('2026-11-04T16:30:00'), [{ from: mw('2026-11-03T09:00:00'), to: mw('2026-11-03T15:00:00') }], MAD);
    expect(d).toBeCloseTo(49 + 16 / 60, 10);
  });

  it('merges overlapping pauses so nothing is subtracted twice, and clips them to the span', () => {
    // span Mon 2026-11-09 09:00 → Tue 11-10 18:00 = 33 h.
    // pauses Mon 13:00–16:00 and Mon 15:00–Tue 10:00 merge into Mon 13:00–Tue 10:00 = 21 h → 12 h.
    // (subtracting both separately would give 33 − 3 − 19 = 11 h)
    // A pause from Sunday to Mon 09:30 is clipped to 09:00–09:30 → another 0.5 h → 11.5 h.
    // A pause entirely after the span changes nothing.
    const pauses = [
      { from: mw('2026-11-09T13:00:00'), to: mw('2026-11-09T16:00:00') },
      { from: mw('2026-11-09T15:00:00'), to: mw('2026-11-10T10:00:00') },
      { from: mw('2026-11-08T12:00:00'), to: mw('2026-11-09T09:30:00') },
      { from: mw('2026-11-11T12:00:00'), to: mw('2026-11-12T12:00:00') },
    ];
    expect(elapsedHours(mw('2026-11-09T09:00:00'), mw('2026-11-10T18:00:00'), pauses, MAD)).toBe(11.5);
  });

  it('a pause covering the whole span gives 0', () => {
    expect(elapsedHours(1000, 2000, [{ from: 0, to: 5000 }], UTC)).toBe(0);
  });

  it('is real elapsed time across DST changes', () => {
    // Sat 12:00 → Sun 12:00 wall time: 23 h in March, 25 h in October (Europe/Madrid)
    expect(elapsedHours(mw('2026-03-28T12:00:00'), ms('2026-03-29T12:00:00'), [], MAD)).toBe(23);
    expect(elapsedHours(ms('2026-10-24T12:00:00'), mw('2026-10-25T12:00:00'), [], MAD)).toBe(25);
  });

  it('end before or equal to start gives 0; NaN gives NaN', () => {
    expect(elapsedHours(2000, 1000, [], UTC)).toBe(0);
    expect(elapsedHours(1000, 1000, [], UTC)).toBe(0);
    expect(elapsedHours(NaN, 1000, [], UTC)).toBeNaN();
    expect(elapsedHours(1000, 2000, undefined, UTC)).toBe(1000 / 3_600_000);
  });
});

describe('elapsedHours with a business calendar', () => {
  it('the SPEC §1.6 record in business hours', () => {
    // Mon 11-02 from 09:14: 09:14–14:00 = 4 h 46 min, 15:00–18:00 = 3 h → 7 h 46 min
    // Tue 11-03: pause 09:00–15:00 removes 09:00–14:00; 15:00–18:00 = 3 h
    // Wed 11-04 until 16:30: 09:00–14:00 = 5 h, 15:00–16:30 = 1.5 h → 6 h 30 min
    // total 7:46 + 3:00 + 6:30 = 17 h 16 min
    const d = elapsedHours(
      mw('2026-11-02T09:14:00'),
      mw('2026-11-04T16:30:00'),
      [{ from: mw('2026-11-03T09:00:00'), to: mw('2026-11-03T15:00:00') }],
      MAD,
      office,
    );
    expect(d).toBeCloseTo(17 + 16 / 60, 10);
  });

  it('counts several intervals a day and nothing at lunch', () => {
    // Mon 11-02 12:00 → 16:00: 12:00–14:00 = 2 h, 14:00–15:00 lunch, 15:00–16:00 = 1 h → 3 h
    expect(elapsedHours(mw('2026-11-02T12:00:00'), mw('2026-11-02T16:00:00'), [], MAD, office)).toBe(3);
    // entirely inside lunch → 0
    expect(elapsedHours(mw('2026-11-02T14:10:00'), mw('2026-11-02T14:50:00'), [], MAD, office)).toBe(0);
    // entirely at night → 0
    expect(elapsedHours(mw('2026-11-02T19:00:00'), mw('2026-11-03T08:00:00'), [], MAD, office)).toBe(0);
  });

  it('over a weekend', () => {
    // Fri 11-06 17:00 → Mon 11-09 10:00: Fri 17–18 = 1 h, Sat 10–13 = 3 h, Sun 0, Mon 9–10 = 1 h → 5 h
    // (elapsed: 65 h)
    expect(elapsedHours(mw('2026-11-06T17:00:00'), mw('2026-11-09T10:00:00'), [], MAD, office)).toBe(5);
    expect(elapsedHours(mw('2026-11-06T17:00:00'), mw('2026-11-09T10:00:00'), [], MAD)).toBe(65);
  });

  it('skips a holiday inside the span', () => {
    // Thu 12-24 12:00 → Mon 12-28 12:00:
    // Thu 12–14 = 2 h + 15–18 = 3 h → 5 h; Fri 12-25 holiday 0; Sat 10–13 = 3 h; Sun 0; Mon 9–12 = 3 h
    // → 11 h (without the holiday it would be 11 + 8 = 19 h)
    expect(elapsedHours(mw('2026-12-24T12:00:00'), mw('2026-12-28T12:00:00'), [], MAD, office)).toBe(11);
    const noHolidays = compileCalendar({ hours: { 'mon-fri': '09:00-14:00,15:00-18:00', sat: '10:00-13:00' } });
    expect(elapsedHours(mw('2026-12-24T12:00:00'), mw('2026-12-28T12:00:00'), [], MAD, noHolidays)).toBe(19);
  });

  it('pauses overlapping non-working hours and each other', () => {
    // span Mon 11-09 09:00 → Tue 11-10 18:00: working time 8 h + 8 h = 16 h
    // pauses Mon 13:00–16:00 and Mon 15:00–Tue 10:00 merge into Mon 13:00 → Tue 10:00, whose
    // working time is Mon 13–14 (1 h) + Mon 15–18 (3 h) + Tue 09–10 (1 h) = 5 h
    // (the night and the lunch hour inside the pause were not working time anyway) → 16 − 5 = 11 h
    const pauses = [
      { from: mw('2026-11-09T13:00:00'), to: mw('2026-11-09T16:00:00') },
      { from: mw('2026-11-09T15:00:00'), to: mw('2026-11-10T10:00:00') },
    ];
    expect(elapsedHours(mw('2026-11-09T09:00:00'), mw('2026-11-10T18:00:00'), pauses, MAD, office)).toBe(11);
    // a pause only over lunch and the night removes nothing
    const idle = [
      { from: mw('2026-11-09T14:00:00'), to: mw('2026-11-09T15:00:00') },
      { from: mw('2026-11-09T18:00:00'), to: mw('2026-11-10T09:00:00') },
    ];
    expect(elapsedHours(mw('2026-11-09T09:00:00'), mw('2026-11-10T18:00:00'), idle, MAD, office)).toBe(16);
  });

  it('business hours on DST-change days are computed from real instants', () => {
    const sundays = compileCalendar({ hours: { sun: '00:00-24:00' } });
    // the whole local day: 23 h on 2026-03-29, 25 h on 2026-10-25 (Europe/Madrid)
    expect(elapsedHours(mw('2026-03-28T00:00:00'), ms('2026-03-31T00:00:00'), [], MAD, sundays)).toBe(23);
    expect(elapsedHours(ms('2026-10-23T00:00:00'), mw('2026-10-27T00:00:00'), [], MAD, sundays)).toBe(25);

    const night = compileCalendar({ hours: { sun: '01:00-04:00' } });
    // 01:00+01:00 (00:00Z) → 04:00+02:00 (02:00Z) = 2 h, the change falls inside the window
    expect(elapsedHours(mw('2026-03-28T00:00:00'), ms('2026-03-31T00:00:00'), [], MAD, night)).toBe(2);
    // 01:00+02:00 (23:00Z the day before) → 04:00+01:00 (03:00Z) = 4 h
    expect(elapsedHours(ms('2026-10-23T00:00:00'), mw('2026-10-27T00:00:00'), [], MAD, night)).toBe(4);

    const day = compileCalendar({ hours: { sun: '09:00-18:00' } });
    // 09:00–18:00 is 9 h on both change days: the change (at 02:00/03:00) is outside it
    expect(elapsedHours(mw('2026-03-28T00:00:00'), ms('2026-03-31T00:00:00'), [], MAD, day)).toBe(9);
    expect(elapsedHours(ms('2026-10-23T00:00:00'), mw('2026-10-27T00:00:00'), [], MAD, day)).toBe(9);

    // a window starting inside the gap moves forward by the gap: 02:30 does not exist on
    // 2026-03-29 → 03:30+02:00 (01:30Z); 05:00+02:00 is 03:00Z → 1.5 h
    const gap = compileCalendar({ hours: { sun: '02:30-05:00' } });
    expect(elapsedHours(mw('2026-03-28T00:00:00'), ms('2026-03-31T00:00:00'), [], MAD, gap)).toBe(1.5);
  });

  it('Monday to Friday 09–18 over the March change week-end is 9 h a day', () => {
    const c = compileCalendar({ hours: { 'mon-fri': '09:00-18:00' } });
    // Fri 2026-03-27 09:00 (+01:00) → Mon 2026-03-30 18:00 (+02:00): Fri 9 h + Mon 9 h = 18 h
    expect(elapsedHours(mw('2026-03-27T09:00:00'), ms('2026-03-30T18:00:00'), [], MAD, c)).toBe(18);
    // same in New York around 2026-03-08: Fri 03-06 09:00 (−05:00) → Mon 03-09 18:00 (−04:00)
    expect(elapsedHours(at('2026-03-06T09:00:00-05:00'), at('2026-03-09T18:00:00-04:00'), [], NY, c)).toBe(18);
  });

  it('working hours are read in the given zone', () => {
    // 08:00Z–10:00Z on Monday 2026-11-02 is 09:00–11:00 in Madrid (2 h working) but 08:00–10:00
    // in UTC (1 h working: 09–10) and 03:00–05:00 in New York (0 h)
    const a = at('2026-11-02T08:00:00Z');
    const b = at('2026-11-02T10:00:00Z');
    expect(elapsedHours(a, b, [], MAD, office)).toBe(2);
    expect(elapsedHours(a, b, [], UTC, office)).toBe(1);
    expect(elapsedHours(a, b, [], NY, office)).toBe(0);
  });

  it('a year-long span is summed per day, holidays excepted', () => {
    // Mon 2026-01-05 → Mon 2027-01-04 is exactly 364 days = 52 weeks.
    // 52 × (5 × 8 h + 3 h) = 52 × 43 = 2236 h; holidays Fri 2026-12-25 and Fri 2027-01-01 → − 16 h = 2220 h
    expect(businessHours(mw('2026-01-05T00:00:00'), mw('2027-01-04T00:00:00'), MAD, office)).toBe(2220);
  });

  it('a span of many years stays fast (per day, not per minute)', () => {
    const started = performance.now();
    // 2000-01-03 (Monday) → 2039-12-26 (Monday): 14,602 days = 2086 weeks → 2086 × 43 h without holidays,
    // minus the two holidays of the office calendar (both Fridays) = 89,698 − 16 = 89,682 h
    expect(businessHours(at('2000-01-03T00:00:00+01:00'), at('2039-12-26T00:00:00+01:00'), MAD, office)).toBe(2086 * 43 - 16);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('never exceeds elapsed time minus pauses, and elapsed time with an always-open calendar (property)', () => {
    const always = compileCalendar({ hours: { 'mon-sun': '00:00-24:00' } });
    const base = Date.UTC(2026, 0, 1);
    const span = fc.tuple(fc.integer({ min: 0, max: 400 * 24 * 60 }), fc.integer({ min: 0, max: 60 * 24 * 60 }));
    const pause = fc.tuple(fc.integer({ min: -1000, max: 500 * 24 * 60 }), fc.integer({ min: 0, max: 5 * 24 * 60 }));
    fc.assert(
      fc.property(span, fc.array(pause, { maxLength: 5 }), fc.constantFrom(MAD, NY, UTC), ([s, len], ps, tz) => {
        const start = base + s * 60_000;
        const end = start + len * 60_000;
        const pauses = ps.map(([f, l]) => ({ from: base + f * 60_000, to: base + (f + l) * 60_000 }));
        const elapsed = elapsedHours(start, end, pauses, tz);
        expect(elapsedHours(start, end, pauses, tz, always)).toBeCloseTo(elapsed, 9);
        expect(elapsedHours(start, end, pauses, tz, office)).toBeLessThanOrEqual(elapsed + 1e-9);
        expect(elapsed).toBeLessThanOrEqual(len / 60 + 1e-9);
        expect(elapsed).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('is additive: splitting a span at any instant gives the same total (property)', () => {
    const base = Date.UTC(2026, 2, 20);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q).map((m) => base + m * 60_000);
        const whole = elapsedHours(x, z, [], MAD, office);
        expect(elapsedHours(x, y, [], MAD, office) + elapsedHours(y, z, [], MAD, office)).toBeCloseTo(whole, 9);
      }),
    );
  });
});
