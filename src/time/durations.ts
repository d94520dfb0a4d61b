// Durations as written in a ledger (SPEC §1): `<number><unit>` with m, h, d, w — `90m`, `48h`,
// `5d`. In JSON output and in the engine they are numbers of hours. (Measuring the time between
// two instants, in business hours and without pauses, is calendar.ts `elapsedHours`.)

export const DURATION_RE = /^(\d+(?:\.\d+)?)\s*([mhdw])$/;

export const HOURS_PER_UNIT: Readonly<Record<string, number>> = { m: 1 / 60, h: 1, d: 24, w: 168 };

/** `90m` → 1.5, `48h` → 48, `5d` → 120, `2w` → 336 (hours). NaN when not a duration. */
export function parseDurationHours(text: string): number {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * HOURS_PER_UNIT[m[2]];
}

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && DURATION_RE.test(value.trim());
}
