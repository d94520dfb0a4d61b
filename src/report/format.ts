// Numbers for people: ratios as percentages, hours as hours (or days past 72 h), scores with one
// decimal, money with two. JSON never goes through here (numbers are unrounded there).
import type { NumericTarget } from '../quality/targets.js';
import type { Unit } from '../ledger/indicator-catalogue.js';

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

export function formatValue(value: number | null | undefined, unit: Unit | string): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'ratio':
      return `${trim(value * 100, 1)}%`;
    case 'hours':
      return Math.abs(value) >= 72 ? `${trim(value / 24, 1)} d` : `${trim(value, 1)} h`;
    case 'count':
      return trim(value, 0);
    case 'currency':
      return value.toFixed(2);
    case 'per 1000 units':
      return `${trim(value, 2)}‰`;
    default:
      return trim(value, 2);
  }
}

export function formatTarget(t: NumericTarget, unit: Unit | string, criticalWord = 'critical'): string {
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`≥ ${formatValue(t.min, unit)}`);
  if (t.max !== undefined) parts.push(`≤ ${formatValue(t.max, unit)}`);
  if (t.critical !== undefined) parts.push(`(${t.min !== undefined ? '<' : '>'} ${formatValue(t.critical, unit)} ${criticalWord})`);
  return parts.join(' ');
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of a series; gaps (no data) as spaces. */
export function sparkline(values: readonly (number | null)[]): string {
  const real = values.filter((v): v is number => v !== null);
  if (real.length === 0) return '';
  const lo = Math.min(...real);
  const hi = Math.max(...real);
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (hi === lo) return BARS[3];
      return BARS[Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))];
    })
    .join('');
}

export function indicatorName(indicator: unknown): string {
  if (typeof indicator === 'string') return indicator;
  const i = indicator as { type?: string; field?: string };
  return `${i.type ?? 'inline'}${i.field ? `(${i.field})` : ''}`;
}
