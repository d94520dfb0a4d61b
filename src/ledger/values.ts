// Value conventions of SPEC §1: slugs, ids, durations, ratios, dates and timestamps.
// Pure parsing helpers shared by the schemas (validation) and the engine (conversion).

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const RECORD_ID_RE = /^\d{8}-[0-9a-hjkmnp-tv-z]{8}$/;
export const DURATION_RE = /^(\d+(?:\.\d+)?)\s*([mhdw])$/;
export const PERCENT_RE = /^(-?\d+(?:\.\d+)?)\s*%$/;
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
export const PROCEDURE_REF_RE = /^([a-z0-9][a-z0-9-]{0,63})@(\d+)$/;

/** Crockford base32, lowercase, without i l o u: the alphabet of generated ids. */
export const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

const HOURS_PER_UNIT: Record<string, number> = { m: 1 / 60, h: 1, d: 24, w: 168 };

/** `90m` → 1.5, `48h` → 48, `5d` → 120, `2w` → 336 (hours). NaN when not a duration. */
export function durationHours(text: string): number {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * HOURS_PER_UNIT[m[2]];
}

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && DURATION_RE.test(value.trim());
}

/** A ratio: a number in [0,1] or a percentage string; returns the fraction or NaN. */
export function ratioValue(value: unknown): number {
  if (typeof value === 'number') return value >= 0 && value <= 1 ? value : Number.NaN;
  if (typeof value === 'string') {
    const m = PERCENT_RE.exec(value.trim());
    if (m) {
      const v = Number(m[1]) / 100;
      return v >= 0 && v <= 1 ? v : Number.NaN;
    }
  }
  return Number.NaN;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is not). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** An ISO 8601 timestamp with or without offset, or a bare date (local midnight). */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isDate(value)) return true;
  const m = TIMESTAMP_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (m[7] && m[7] !== 'Z' && m[7] !== 'z') {
    const off = m[7].replace(':', '');
    if (Number(off.slice(1, 3)) > 23 || Number(off.slice(3, 5)) > 59) return false;
  }
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month) &&
    hour <= 23 && minute <= 59 && second <= 59
  );
}

/** Does the timestamp carry its own offset (so no time zone is needed to place it)? */
export function hasOffset(text: string): boolean {
  const m = TIMESTAMP_RE.exec(text);
  return !!m && !!m[7];
}

export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A target bound as written: a number, a percentage (→ fraction) or a duration (→ hours).
 * The kind lets checks refuse a duration on a ratio indicator and the like.
 */
export type Quantity = { value: number; kind: 'number' | 'ratio' | 'duration' };

export function quantity(value: unknown): Quantity | null {
  if (typeof value === 'number' && Number.isFinite(value)) return { value, kind: 'number' };
  if (typeof value === 'string') {
    const s = value.trim();
    const p = PERCENT_RE.exec(s);
    if (p) return { value: Number(p[1]) / 100, kind: 'ratio' };
    const d = DURATION_RE.exec(s);
    if (d) return { value: Number(d[1]) * HOURS_PER_UNIT[d[2]], kind: 'duration' };
  }
  return null;
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys and enum values. */
export function editDistance(a: string, b: string): number {
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a small edit distance, or undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
