// parseTimestamp reads the canonical forms with a hand-written fast path and everything else
// with the regex (parseTimestampSlow). The two must agree on every input: same number, same NaN,
// same RangeError for an unknown zone (only when the zone is needed).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTimestamp, parseTimestampSlow } from '../../../src/time/index.js';

const ZONES = ['Europe/Madrid', 'America/New_York', 'UTC', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];

/** The outcome of a parse, comparable with toEqual (NaN and thrown errors included). */
function outcome(parse: (text: string, tz: string) => number, text: string, tz: string): { value: number } | { error: string } {
  try {
    return { value: parse(text, tz) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

function agree(text: string, tz: string): void {
  expect(outcome(parseTimestamp, text, tz), `${JSON.stringify(text)} in ${tz}`).toEqual(outcome(parseTimestampSlow, text, tz));
}

/** Each text is NaN in Europe/Madrid, as the regex path says too. */
function refused(texts: readonly string[]): void {
  for (const text of texts) {
    expect(parseTimestamp(text, 'Europe/Madrid'), text).toBeNaN();
    agree(text, 'Europe/Madrid');
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// Field values around and beyond their limits: 00, 13th month, 29–31 Feb, 24h, 60 min…
const year = fc.oneof(fc.integer({ min: 1965, max: 2040 }), fc.constantFrom(0, 1, 1900, 2000, 2024, 2100, 9999));
const month = fc.integer({ min: 0, max: 13 });
const day = fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 }));
const hour = fc.integer({ min: 0, max: 25 });
const minute = fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60, 61, 99));
const second = fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60, 99)), { nil: undefined });
const zoneDesignator = fc.oneof(
  fc.constant(''),
  fc.constantFrom('Z', 'z'),
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.oneof(fc.constantFrom(0, 30, 45), fc.integer({ min: 0, max: 61 })), fc.constantFrom(':', ''))
    .map(([s, h, m, colon]) => `${s}${pad(h)}${colon}${pad(m)}`),
);
const fraction = fc.option(fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{1,9}$/)).map(([sep, d]) => sep + d), { nil: undefined });

/** Well-formed timestamps, mostly canonical, with (possibly impossible) field values. */
const wellFormed = fc
  .record({ year, month, day, hour, minute, second, fraction, zone: zoneDesignator, sep: fc.constantFrom('T', 'T', 'T', 't', ' ') })
  .map((p) => {
    const time = `${pad(p.hour)}:${pad(p.minute)}${p.second === undefined ? '' : `:${pad(p.second)}${p.fraction ?? ''}`}`;
    return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.sep}${time}${p.zone}`;
  });

/** Near misses: a well-formed timestamp with one character replaced, inserted or removed. */
const CHARS = ['0', '9', '-', ':', 'T', 'Z', '+', '.', ' ', 'a', '/', '\u0660', '\u{1d7ce}', '\0'];
const nearMiss = fc
  .tuple(wellFormed, fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...CHARS))
  .map(([text, at, how, ch]) => {
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

/** Any text of the lengths the fast path reads, from the characters timestamps are made of. */
const canonicalLength = fc
  .constantFrom(16, 17, 19, 20, 22, 25)
  .chain((n) => fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', '+'), { minLength: n, maxLength: n }))
  .map((cs) => cs.join(''));

describe('parseTimestamp fast path', () => {
  it('agrees with the regex path on well-formed timestamps, valid or not', () => {
    fc.assert(fc.property(wellFormed, fc.constantFrom(...ZONES), (text, tz) => agree(text, tz)), { numRuns: 5000 });
  });

  it('agrees with the regex path on near misses', () => {
    fc.assert(fc.property(nearMiss, fc.constantFrom(...ZONES), (text, tz) => agree(text, tz)), { numRuns: 5000 });
  });

  it('agrees with the regex path on arbitrary text of the canonical lengths', () => {
    fc.assert(fc.property(canonicalLength, fc.constantFrom(...ZONES), (text, tz) => agree(text, tz)), { numRuns: 3000 });
  });

  it('agrees with the regex path on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => agree(text, 'Europe/Madrid')), { numRuns: 2000 });
  });

  it('reads the canonical forms to the right instant', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(parseTimestamp('2026-11-02T09:14', 'UTC')).toBe(at('2026-11-02T09:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14Z', 'Europe/Madrid')).toBe(at('2026-11-02T09:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:07', 'Europe/Madrid')).toBe(at('2026-11-02T09:14:07+01:00'));
    expect(parseTimestamp('2026-11-02T09:14:07Z', 'Europe/Madrid')).toBe(at('2026-11-02T09:14:07Z'));
    expect(parseTimestamp('2026-11-02T09:14+05:30', 'Europe/Madrid')).toBe(at('2026-11-02T03:44:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:07-03:00', 'Europe/Madrid')).toBe(at('2026-11-02T12:14:07Z'));
    expect(parseTimestamp('2026-07-02T09:14:00', 'America/New_York')).toBe(at('2026-07-02T09:14:00-04:00'));
    // DST gap moves forward, an ambiguous time takes the earlier instant
    expect(parseTimestamp('2026-03-29T02:30:00', 'Europe/Madrid')).toBe(at('2026-03-29T03:30:00+02:00'));
    expect(parseTimestamp('2026-10-25T02:30', 'Europe/Madrid')).toBe(at('2026-10-25T02:30:00+02:00'));
    expect(parseTimestamp('2024-02-29T23:59:59+00:00', 'UTC')).toBe(at('2024-02-29T23:59:59Z'));
    expect(parseTimestamp('0000-01-01T00:00Z', 'UTC')).toBe(parseTimestampSlow('0000-01-01T00:00Z', 'UTC'));
  });

  it('gives NaN for impossible dates, times and offsets in canonical form', () => {
    refused([
      '2026-02-30T10:00', '2025-02-29T10:00:00Z', '2026-04-31T10:00+02:00', '2026-00-10T10:00', '2026-13-10T10:00Z',
      '2026-01-00T10:00', '2026-01-32T10:00:00', '2026-01-10T24:00', '2026-01-10T12:60Z', '2026-01-10T12:00:60',
      '2026-01-10T12:00+24:00', '2026-01-10T12:00:00-00:60', '2026-01-10T12:00+99:99',
    ]);
  });

  it('leaves the other accepted forms to the regex path, with the same results', () => {
    for (const text of [
      '2026-11-02', '2026-11-02t09:14', '2026-11-02 09:14:00Z', '2026-11-02T09:14z', '2026-11-02T09:14:00+0530',
      '2026-11-02T09:14:00.5Z', '2026-11-02T09:14:00,123456789+01:00', '2026-11-02T09:14+0100',
    ]) {
      expect(parseTimestamp(text, 'Europe/Madrid'), text).not.toBeNaN();
      agree(text, 'Europe/Madrid');
    }
  });

  it('rejects malformed canonical-length text like the regex', () => {
    refused([
      '2026-11-02X09:14', '2026/11/02T09:14', '2026-11-02T09-14', '2026-11-02T09:14Y', '2026-11-02T09:14+01-00',
      '2026-11-02T09:14:00*01:00', '2026-11-02T09:14:0000', '2026-11-02T09:14+01:0Z', '２026-11-02T09:14', '2026-1a-02T09:14',
      '2026-11-02T09:14:00Z ', ' 2026-11-02T09:14', '2026-11-02T09:1\u0664',
    ]);
  });

  it('needs the zone only for local times, like the regex path', () => {
    expect(parseTimestamp('2026-11-02T09:14+01:00', 'Nowhere/Land')).toBe(Date.parse('2026-11-02T08:14:00Z'));
    expect(parseTimestamp('2026-11-02T09:14:00Z', 'Nowhere/Land')).toBe(Date.parse('2026-11-02T09:14:00Z'));
    expect(() => parseTimestamp('2026-11-02T09:14', 'Nowhere/Land')).toThrow(RangeError);
    // an impossible date is NaN before the zone is looked at
    expect(parseTimestamp('2026-02-30T09:14', 'Nowhere/Land')).toBeNaN();
    for (const text of ['2026-11-02T09:14', '2026-11-02T09:14:00', '2026-11-02T24:00', '2026-11-02T09:14+25:00']) agree(text, 'Nowhere/Land');
  });

  it('gives NaN for non-strings', () => {
    expect(parseTimestamp(undefined as unknown as string, 'UTC')).toBeNaN();
    expect(parseTimestamp(20261102 as unknown as string, 'UTC')).toBeNaN();
  });
});
