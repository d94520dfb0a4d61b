// Targets and status (SPEC §3.4). Bounds are inclusive; `critical` lies beyond the target;
// without `critical` every miss is critical. The target's side gives the better direction.
import type { Target } from '../ledger/schema.js';
import { quantity } from '../ledger/values.js';

export type Status = 'ok' | 'warning' | 'critical' | 'no-data';
export type Direction = 'higher' | 'lower';

/** A target in the indicator's unit: ratios as fractions, durations as hours. */
export interface NumericTarget {
  min?: number;
  max?: number;
  critical?: number;
}

export function numericTarget(t: Target): NumericTarget {
  const out: NumericTarget = {};
  if (t.min !== undefined) out.min = quantity(t.min)!.value;
  if (t.max !== undefined) out.max = quantity(t.max)!.value;
  if (t.critical !== undefined) out.critical = quantity(t.critical)!.value;
  return out;
}

export function direction(t: NumericTarget): Direction {
  return t.min !== undefined ? 'higher' : 'lower';
}

export function meets(value: number, t: NumericTarget): boolean {
  if (t.min !== undefined && value < t.min) return false;
  if (t.max !== undefined && value > t.max) return false;
  return true;
}

export function statusOf(value: number | null, t: NumericTarget): Status {
  if (value === null) return 'no-data';
  if (meets(value, t)) return 'ok';
  if (t.critical === undefined) return 'critical';
  const beyond = t.min !== undefined ? value < t.critical : value > t.critical;
  return beyond ? 'critical' : 'warning';
}

export const SEVERITY_RANK: Record<string, number> = { ok: 0, 'no-data': 0, warning: 1, critical: 2 };
