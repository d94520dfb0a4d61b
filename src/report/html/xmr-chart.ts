// The XmR (individuals) control chart of one requirement over the history periods: the values,
// the centre line and natural process limits (SPEC §4, from the values with data), the target
// and critical lines, and the signals: a point beyond a limit is a triangle, the latest value a
// diamond when a Nelson rule fired on it. Shapes, not only colour, tell them apart.
import type { Translate } from '../../i18n/index.js';
import type { RequirementResult } from '../../quality/control.js';
import { xmrLimits, type XmrLimits } from '../../quality/spc.js';
import { formatTarget, formatValue } from '../format.js';
import type { Html } from './escape.js';
import { lineChart, type RefLine } from './line-chart.js';
import type { MarkerShape } from './svg.js';

export type PointSignal = 'above' | 'below' | 'rule';

export interface XmrAnalysis {
  limits: XmrLimits | null;
  /** Per period: the signal of its point, if any. */
  signals: (PointSignal | undefined)[];
}

/** Limits from the values with data; points strictly beyond them; the latest point when rules fired. */
export function analyseXmr(values: readonly (number | null)[], rules: readonly string[]): XmrAnalysis {
  const real = values.filter((v): v is number => v !== null);
  const limits = xmrLimits(real);
  const signals = values.map((v): PointSignal | undefined => {
    if (v === null || !limits) return undefined;
    if (v > limits.ucl) return 'above';
    if (v < limits.lcl) return 'below';
    return undefined;
  });
  let last = -1;
  values.forEach((v, i) => {
    if (v !== null) last = i;
  });
  if (rules.length > 0 && last >= 0) signals[last] = 'rule';
  return { limits, signals };
}

const SHAPE: Record<PointSignal, MarkerShape> = { above: 'triangle-up', below: 'triangle-down', rule: 'diamond' };

/** Natural bounds of a unit for the value axis. */
export function unitBounds(unit: string): { min?: number; max?: number } {
  if (unit === 'ratio') return { min: 0, max: 1 };
  if (unit === 'count' || unit === 'hours' || unit === 'currency' || unit === 'per 1000 units') return { min: 0 };
  if (unit === 'score') return { min: -100, max: 100 };
  return {};
}

export function signalWord(signal: PointSignal | undefined, rules: readonly string[], t: Translate): string {
  if (signal === 'above') return t('report.signal.above');
  if (signal === 'below') return t('report.signal.below');
  if (signal === 'rule') return t('report.signal.rule', { rules: rules.join(', ') });
  return '';
}

export interface XmrChartInput {
  id: string;
  service: string;
  requirement: RequirementResult;
  /** Short name of the requirement for the title (its id and indicator). */
  name: string;
  rules: readonly string[];
  analysis: XmrAnalysis;
  t: Translate;
}

export function xmrChart(input: XmrChartInput): Html {
  const { requirement: r, t, analysis } = input;
  const unit = r.unit;
  const { limits, signals } = analysis;
  const refs: RefLine[] = [];
  if (limits) {
    refs.push({ value: limits.ucl, kind: 'limit', label: `${t('report.ucl')} ${formatValue(limits.ucl, unit)}` });
    refs.push({ value: limits.centre, kind: 'centre', label: `${t('report.centre')} ${formatValue(limits.centre, unit)}` });
    refs.push({ value: limits.lcl, kind: 'limit', label: `${t('report.lcl')} ${formatValue(limits.lcl, unit)}` });
  }
  const bound = r.target.min ?? r.target.max;
  if (bound !== undefined) refs.push({ value: bound, kind: 'target', label: `${t('report.target')} ${formatTarget({ min: r.target.min, max: r.target.max }, unit)}` });
  if (r.target.critical !== undefined) refs.push({ value: r.target.critical, kind: 'critical', label: `${t('status.critical')} ${formatValue(r.target.critical, unit)}` });

  const periods = r.series.map((p) => p.period);
  const values = r.series.map((p) => p.value);
  const tips = values.map((v, i) => {
    if (v === null) return undefined;
    const word = signalWord(signals[i], input.rules, t);
    return `${periods[i]}: ${formatValue(v, unit)}${word ? ` — ${word}` : ''}`;
  });
  const real = values.filter((v) => v !== null).length;
  const signalCount = signals.filter((s) => s !== undefined).length;
  const desc = [
    t('report.xmr.desc', { count: real, periods: periods.length, from: periods[0] ?? '', to: periods[periods.length - 1] ?? '' }),
    limits
      ? t('report.xmr.limits', { centre: formatValue(limits.centre, unit), ucl: formatValue(limits.ucl, unit), lcl: formatValue(limits.lcl, unit) })
      : t('report.xmr.no-limits'),
    t('report.xmr.target', { target: formatTarget(r.target, unit, t('status.critical')) }),
    t('report.xmr.latest', { value: formatValue(r.value, unit), status: t(`status.${r.status}`) }),
    signalCount > 0 ? t('report.xmr.signals', { count: signalCount, rules: input.rules.join(', ') || '—' }) : t('report.xmr.no-signals'),
  ].join(' ');
  return lineChart({
    id: input.id,
    title: t('report.xmr.title', { name: input.name }),
    desc,
    data: { kind: 'xmr', service: input.service, requirement: r.id, points: real },
    periods,
    values,
    unit,
    refs,
    shapes: signals.map((s) => (s ? SHAPE[s] : undefined)),
    tips,
    bounds: unitBounds(unit),
  });
}
