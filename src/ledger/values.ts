// Value conventions of SPEC §1: slugs, ids, ratios and target quantities (dates, timestamps
// and durations are the time layer's: src/time). Pure parsing helpers shared by the schemas
// (validation) and the engine (conversion).
import { DURATION_RE, HOURS_PER_UNIT } from '../time/index.js';

export { isDate, isDuration, isTimestamp, hasOffset, isValidTimeZone } from '../time/index.js';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const RECORD_ID_RE = /^\d{8}-[0-9a-hjkmnp-tv-z]{8}$/;
export const PERCENT_RE = /^(-?\d+(?:\.\d+)?)\s*%$/;
export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const PROCEDURE_REF_RE = /^([a-z0-9][a-z0-9-]{0,63})@(\d+)$/;

/** Crockford base32, lowercase, without i l o u: the alphabet of generated ids. */
export const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';



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
