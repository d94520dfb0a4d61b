/**
 * Business calendars and durations (SPEC §1.1, §2).
 *
 * A calendar definition, as written in aftersales.yaml:
 *
 *   hours: { mon-fri: "09:00-14:00,15:00-18:00", sat: "10:00-13:00" }
 *   holidays: [2026-12-25, 2027-01-01]
 *
 * Rules (decided here where the SPEC is silent):
 * - A key names days: a day `mon`…`sun`, a range `mon-fri` (ranges may wrap round the week:
 *   `sun-thu` is Sunday to Thursday), or a comma-separated list of both (`sat,sun`, `mon,wed-fri`).
 *   Day names are case-insensitive.
 * - Each day may be given by one key only: a day named by two keys (`mon-fri` and `fri`) is an
 *   error rather than a silent override, so the calendar always reads the same whatever the key
 *   order. Days not named by any key are closed.
 * - A value is a comma-separated list of `HH:MM-HH:MM` intervals (`H:MM` accepted, `24:00`
 *   allowed as an end; start < end, so an interval never crosses midnight), or a list of such
 *   strings, or `closed`/an empty string for an explicitly closed day. Intervals may be written
 *   in any order; overlapping intervals are an error, touching ones (`09:00-14:00,14:00-18:00`)
 *   are fine.
 * - Holidays are `YYYY-MM-DD` local dates (a Date from a YAML parser is read by its UTC date).
 * - A calendar must have some working time in the week.
 *
 * Working hours are local wall-clock times in the ledger zone turned into real instants day by
 * day, so on a DST-change day 09:00-18:00 is still 9 hours unless the change falls inside it
 * (01:00-04:00 on 2026-03-29 in Europe/Madrid is 2 hours; on 2026-10-25 it is 4 hours). A
 * working-hour boundary that falls in a DST gap moves forward by the gap; an ambiguous one
 * takes the earlier instant (as in zones.ts).
 */

import { formatDayNumber, isoWeekday, parseDateToDayNumber } from './civil.js';
import { assertTimeZone, localDayNumber, startOfLocalDay, wallTimeToInstant } from './zones.js';

export interface CalendarDef {
  hours: Readonly<Record<string, string | readonly string[]>>;
  holidays?: ReadonlyArray<string | Date>;
}

export interface Pause {
  from: number;
  to: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_CACHE_LIMIT = 50_000;

/** A validated business calendar. Build it with {@link compileCalendar}. */
export class Calendar {
  /** weekly[isoWeekday 1..7] = sorted, disjoint [startMinute, endMinute) pairs; index 0 unused */
  readonly weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** holiday dates `YYYY-MM-DD` */
  readonly holidays: ReadonlySet<string>;
  /** working minutes in a week without holidays or DST changes */
  readonly weeklyMinutes: number;
  private readonly holidayDays: ReadonlySet<number>;
  /** tz → local day number → flat [start, end, start, end, …] instants of working time */
  private readonly cache = new Map<string, Map<number, readonly number[]>>();

  /** @internal use compileCalendar */
  constructor(weekly: Array<Array<[number, number]>>, holidayDays: Set<number>) {
    this.weekly = weekly;
    this.holidayDays = holidayDays;
    this.holidays = new Set([...holidayDays].sort((a, b) => a - b).map(formatDayNumber));
    let total = 0;
    for (const day of weekly) for (const [s, e] of day) total += e - s;
    this.weeklyMinutes = total;
  }

  /** True when the local date `YYYY-MM-DD` is a holiday. */
  isHoliday(date: string): boolean {
    return this.holidays.has(date);
  }

  /**
   * Working time of local day number `day` in `tz` as a flat list of instants
   * [start0, end0, start1, end1, …], ascending; empty on holidays and closed days.
   */
  workingInstants(day: number, tz: string): readonly number[] {
    let perZone = this.cache.get(tz);
    if (perZone === undefined) {
      perZone = new Map();
      this.cache.set(tz, perZone);
    }
    let out = perZone.get(day);
    if (out !== undefined) return out;
    const list: number[] = [];
    const intervals = this.holidayDays.has(day) ? [] : this.weekly[isoWeekday(day)];
    if (intervals.length > 0) {
      const midnight = startOfLocalDay(day, tz);
      const nextMidnight = startOfLocalDay(day + 1, tz);
      for (const [s, e] of intervals) {
        const a = s === 0 ? midnight : localTime(day, s, tz);
        const b = e === 1440 ? nextMidnight : localTime(day, e, tz);
        if (b <= a) continue; // wiped out by a DST gap
        if (list.length > 0 && a <= list[list.length - 1]) {
          // can only happen when a DST change makes adjacent intervals touch or overlap
          list[list.length - 1] = Math.max(list[list.length - 1], b);
        } else {
          list.push(a, b);
        }
      }
    }
    if (perZone.size >= DAY_CACHE_LIMIT) perZone.clear();
    perZone.set(day, list);
    out = list;
    return out;
  }
}

function localTime(day: number, minuteOfDay: number, tz: string): number {
  return wallTimeToInstant(day * DAY + minuteOfDay * MINUTE, tz);
}

const INTERVAL_RE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

function parseDaySpec(key: string, where: string): number[] {
  const days: number[] = [];
  const parts = key.split(',').map((s) => s.trim().toLowerCase());
  for (const part of parts) {
    if (part === '') throw new Error(`${where}: empty day name in "${key}"`);
    const range = part.split('-').map((s) => s.trim());
    if (range.length > 2) throw new Error(`${where}: "${part}" is not a day or a range of days like mon-fri`);
    const idx = range.map((name) => {
      const i = (DAY_NAMES as readonly string[]).indexOf(name);
      if (i < 0) {
        throw new Error(`${where}: unknown day "${name}" (use ${DAY_NAMES.join(', ')} or a range like mon-fri)`);
      }
      return i + 1;
    });
    if (idx.length === 1) {
      days.push(idx[0]);
    } else {
      // forward from the first day to the second, wrapping round the week (sun-thu)
      let d = idx[0];
      for (;;) {
        days.push(d);
        if (d === idx[1]) break;
        d = (d % 7) + 1;
      }
    }
  }
  return days;
}

function parseIntervals(value: string | readonly string[], where: string): Array<[number, number]> {
  const items: string[] = [];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (values === null) {
    throw new Error(`${where}: expected intervals like "09:00-14:00,15:00-18:00", got ${JSON.stringify(value)}`);
  }
  for (const v of values) {
    if (typeof v !== 'string') {
      throw new Error(`${where}: expected intervals like "09:00-14:00,15:00-18:00", got ${JSON.stringify(v)}`);
    }
    const t = v.trim();
    if (t === '' || t.toLowerCase() === 'closed') continue;
    for (const piece of t.split(',')) items.push(piece.trim());
  }
  const out: Array<[number, number]> = [];
  for (const item of items) {
    const m = INTERVAL_RE.exec(item);
    if (!m) throw new Error(`${where}: "${item}" is not an interval HH:MM-HH:MM (e.g. 09:00-14:00)`);
    const sh = +m[1];
    const sm = +m[2];
    const eh = +m[3];
    const em = +m[4];
    if (sh > 23 || sm > 59) throw new Error(`${where}: "${item}" starts at an impossible time`);
    if (eh > 24 || em > 59 || (eh === 24 && em !== 0)) {
      throw new Error(`${where}: "${item}" ends at an impossible time (24:00 is the latest end)`);
    }
    const s = sh * 60 + sm;
    const e = eh * 60 + em;
    if (e <= s) {
      throw new Error(`${where}: "${item}" ends before it starts (an interval cannot cross midnight; split it at 24:00)`);
    }
    out.push([s, e]);
  }
  out.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < out.length; i++) {
    if (out[i][0] < out[i - 1][1]) {
      throw new Error(`${where}: intervals ${fmtInterval(out[i - 1])} and ${fmtInterval(out[i])} overlap`);
    }
  }
  // merge touching intervals
  const merged: Array<[number, number]> = [];
  for (const iv of out) {
    const last = merged[merged.length - 1];
    if (last !== undefined && iv[0] === last[1]) last[1] = iv[1];
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

function fmtInterval([s, e]: readonly [number, number]): string {
  const f = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${f(s)}-${f(e)}`;
}

/**
 * Validates a calendar definition and compiles it. Throws an Error whose message names the
 * calendar (when `name` is given), the key and the problem.
 */
export function compileCalendar(def: CalendarDef, name?: string): Calendar {
  const label = name === undefined ? 'calendar' : `calendar "${name}"`;
  if (def === null || typeof def !== 'object') throw new Error(`${label}: expected an object with "hours"`);
  const hours = def.hours;
  if (hours === null || typeof hours !== 'object' || Array.isArray(hours)) {
    throw new Error(`${label}: "hours" must map days to intervals, e.g. { mon-fri: "09:00-18:00" }`);
  }
  const weekly: Array<Array<[number, number]>> = [[], [], [], [], [], [], [], []];
  const givenBy: Array<string | undefined> = new Array(8).fill(undefined);
  for (const [key, value] of Object.entries(hours)) {
    const where = `${label}: hours "${key}"`;
    const days = parseDaySpec(key, where);
    const intervals = parseIntervals(value, where);
    for (const d of days) {
      const prev = givenBy[d];
      if (prev !== undefined) {
        throw new Error(
          `${label}: ${DAY_NAMES[d - 1]} is given by both "${prev}" and "${key}" (name each day in one key only)`,
        );
      }
      givenBy[d] = key;
      weekly[d] = intervals.map(([s, e]) => [s, e]);
    }
  }
  if (weekly.every((d) => d.length === 0)) {
    throw new Error(`${label}: no working hours at all (every duration would be 0)`);
  }
  const holidayDays = new Set<number>();
  const holidays = def.holidays ?? [];
  if (!Array.isArray(holidays)) throw new Error(`${label}: "holidays" must be a list of dates YYYY-MM-DD`);
  for (const h of holidays as ReadonlyArray<unknown>) {
    let text: string;
    if (typeof h === 'string') text = h.trim();
    else if (h instanceof Date && !Number.isNaN(h.getTime())) text = h.toISOString().slice(0, 10);
    else throw new Error(`${label}: holiday ${JSON.stringify(h)} is not a date YYYY-MM-DD`);
    const day = parseDateToDayNumber(text);
    if (Number.isNaN(day)) throw new Error(`${label}: holiday "${text}" is not a date YYYY-MM-DD`);
    holidayDays.add(day);
  }
  return new Calendar(weekly, holidayDays);
}

/**
 * Clips pauses to [start, end], drops empty or inverted ones and merges overlapping or touching
 * ones: the result is sorted and disjoint, so nothing is subtracted twice.
 */
export function mergePauses(start: number, end: number, pauses: readonly Pause[] | undefined): Pause[] {
  if (pauses === undefined || pauses.length === 0) return [];
  const clipped: Pause[] = [];
  for (const p of pauses) {
    const from = Math.max(p.from, start);
    const to = Math.min(p.to, end);
    if (to > from) clipped.push({ from, to }); // NaN compares false: dropped
  }
  clipped.sort((a, b) => a.from - b.from);
  const out: Pause[] = [];
  for (const p of clipped) {
    const last = out[out.length - 1];
    if (last !== undefined && p.from <= last.to) {
      if (p.to > last.to) last.to = p.to;
    } else {
      out.push({ from: p.from, to: p.to });
    }
  }
  return out;
}

/**
 * Duration in hours between two instants (SPEC §2): elapsed time minus the pauses (clipped to
 * the span, merged so overlaps count once) and, with a calendar, only the time inside working
 * hours on non-holiday local days in `tz`.
 *
 * - end ≤ start → 0 (a negative duration is a data error reported by `check`, not a number to
 *   average). A NaN start or end → NaN.
 * - Cost: O(days spanned + pauses), never per minute; working hours per (zone, day) are cached
 *   on the Calendar.
 */
export function elapsedHours(
  startMs: number,
  endMs: number,
  pauses: readonly Pause[] | undefined,
  tz: string,
  calendar?: Calendar,
): number {
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) return NaN;
  if (!(endMs > startMs)) return 0;
  const merged = mergePauses(startMs, endMs, pauses);
  // active = [start, end] minus pauses, as a sorted disjoint list
  const active: number[] = [];
  let cursor = startMs;
  for (const p of merged) {
    if (p.from > cursor) active.push(cursor, p.from);
    cursor = p.to;
  }
  if (endMs > cursor) active.push(cursor, endMs);

  if (calendar === undefined) {
    assertTimeZone(tz);
    let total = 0;
    for (let i = 0; i < active.length; i += 2) total += active[i + 1] - active[i];
    return total / HOUR;
  }

  if (active.length === 0) return 0;
  const firstDay = localDayNumber(active[0], tz);
  const lastDay = localDayNumber(active[active.length - 1], tz);
  let total = 0;
  let i = 0; // index into active (pairs)
  for (let day = firstDay; day <= lastDay && i < active.length; day++) {
    const work = calendar.workingInstants(day, tz);
    for (let k = 0; k < work.length; k += 2) {
      const ws = work[k];
      const we = work[k + 1];
      while (i < active.length && active[i + 1] <= ws) i += 2;
      for (let j = i; j < active.length && active[j] < we; j += 2) {
        const a = Math.max(ws, active[j]);
        const b = Math.min(we, active[j + 1]);
        if (b > a) total += b - a;
      }
    }
  }
  return total / HOUR;
}

/** Working hours of a calendar between two instants (no pauses): elapsedHours with a calendar. */
export function businessHours(startMs: number, endMs: number, tz: string, calendar: Calendar): number {
  return elapsedHours(startMs, endMs, undefined, tz, calendar);
}
