// A requirement's target typed as one answer: `5d` or `5d / 7d` (the bound, then the critical
// level), on the side (min or max) the template chose. The same unit rules as `check`: ratios
// take "92%" or 0.92, durations 90m/48h/5d (or hours as a number), counts and scores numbers.
import type { Translate } from '../i18n/index.js';
import type { Indicator, Target } from '../ledger/schema.js';
import { quantity } from '../ledger/values.js';
import { indicatorUnit } from '../ledger/indicator-catalogue.js';

export type Side = 'min' | 'max';

export function targetSide(target: Target): Side {
  return target.min !== undefined ? 'min' : 'max';
}

/** The target as the answer's default: `5d / 7d`. */
export function formatTargetAnswer(target: Target): string {
  const bound = target[targetSide(target)];
  const text = bound === undefined ? '' : String(bound);
  return target.critical === undefined ? text : `${text} / ${String(target.critical)}`;
}

function typed(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function fits(value: string | number, indicator: Indicator): boolean {
  const q = quantity(value);
  if (!q) return false;
  const unit = indicatorUnit(indicator);
  if (unit === 'hours') return q.kind === 'duration' || q.kind === 'number';
  if (unit === 'ratio') return (q.kind === 'ratio' || q.kind === 'number') && q.value >= 0 && q.value <= 1;
  return q.kind === 'number';
}

/** The answer → the bound and critical level, or a message saying what is wrong. */
export function parseTargetAnswer(
  answer: string,
  side: Side,
  indicator: Indicator,
  t: Translate,
): { bound: string | number; critical: string | number | undefined } | string {
  const parts = answer.split('/').map((s) => s.trim());
  if (parts.length > 2 || parts[0] === '') return t('plan.ask.target-format');
  const bound = typed(parts[0]);
  const critical = parts[1] === undefined || parts[1] === '' ? undefined : typed(parts[1]);
  const unit = indicatorUnit(indicator);
  for (const v of [bound, critical]) {
    if (v !== undefined && !fits(v, indicator)) return t('plan.ask.target-unit', { value: String(v), unit });
  }
  if (critical !== undefined) {
    const b = quantity(bound)!.value;
    const c = quantity(critical)!.value;
    if ((side === 'min' && c > b) || (side === 'max' && c < b)) return t('plan.ask.target-critical', { side, critical: String(critical), bound: String(bound) });
  }
  return { bound, critical };
}
