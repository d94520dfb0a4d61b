// A values-over-periods chart: the points joined by a line (broken where a period has no data),
// horizontal reference lines (centre, control limits, target, critical) labelled in the right
// margin, a value axis formatted in the indicator's unit and a period axis. The XmR chart and
// the satisfaction trends are both this chart with different reference lines and markers.
import { formatValue } from '../format.js';
import { html, joinHtml, type Html } from './escape.js';
import { chartSvg, linearScale, marker, niceTicks, padDomain, px, shorten, spreadLabels, type MarkerShape } from './svg.js';

export type RefKind = 'centre' | 'limit' | 'target' | 'critical';

export interface RefLine {
  value: number;
  kind: RefKind;
  /** Short label drawn in the margin, e.g. "UCL 45 h". */
  label: string;
}

export interface LineChartInput {
  id: string;
  title: string;
  desc: string;
  data?: Record<string, string | number>;
  periods: readonly string[];
  values: readonly (number | null)[];
  unit: string;
  refs: readonly RefLine[];
  /** Marker of each point (default circle). */
  shapes?: readonly (MarkerShape | undefined)[];
  /** Tooltip of each point (default "period: value"). */
  tips?: readonly (string | undefined)[];
  /** Natural bounds of the unit (a share lies in [0, 1]); the axis never goes beyond them. */
  bounds?: { min?: number; max?: number };
  width?: number;
  height?: number;
}

export const COLORS = {
  ink: '#1a1a1a',
  grid: '#e3e3e3',
  axis: '#6b6b6b',
  series: '#1f4e79',
  centre: '#4d4d4d',
  limit: '#b3261e',
  target: '#1b7a3a',
  critical: '#8a4b00',
  signal: '#b3261e',
};

const REF_STYLE: Record<RefKind, { stroke: string; dash: string; width: number }> = {
  centre: { stroke: COLORS.centre, dash: '', width: 1.2 },
  limit: { stroke: COLORS.limit, dash: '6 4', width: 1.4 },
  target: { stroke: COLORS.target, dash: '12 4 3 4', width: 2 },
  critical: { stroke: COLORS.critical, dash: '2 3', width: 1.6 },
};

/** The stroke of a reference line (also used for the legend symbols). */
export function refLineStyle(kind: RefKind): { stroke: string; dash: string; width: number } {
  return REF_STYLE[kind];
}

/** Two-line period labels: the part after the year ("11", "W47", "Q4"), and the year when it changes. */
export function periodTicks(periods: readonly string[]): { main: string; year?: string }[] {
  let last = '';
  return periods.map((p) => {
    const [year, ...rest] = p.split('-');
    const main = rest.join('-') || p;
    const out = { main, year: year !== last ? year : undefined };
    last = year;
    return out;
  });
}

/**
 * Ticks of the value axis and their labels, in one display unit for the whole axis: hours past
 * three days are shown in days (as `formatValue` does for single values), with round day steps.
 */
export function valueAxis(lo: number, hi: number, unit: string): { ticks: number[]; label: (v: number) => string } {
  if (unit === 'hours' && Math.max(Math.abs(lo), Math.abs(hi)) >= 72) {
    return { ticks: niceTicks(lo / 24, hi / 24, 5).map((d) => d * 24), label: (v) => `${Number((v / 24).toFixed(2))} d` };
  }
  if (unit === 'hours') return { ticks: niceTicks(lo, hi, 5), label: (v) => `${Number(v.toFixed(2))} h` };
  return { ticks: niceTicks(lo, hi, 5), label: (v) => formatValue(v, unit) };
}

export function lineChart(input: LineChartInput): Html {
  const width = input.width ?? 560;
  const height = input.height ?? 250;
  const m = { left: 60, right: 118, top: 14, bottom: 40 };
  const plot = { x0: m.left, x1: width - m.right, y0: m.top, y1: height - m.bottom };
  const real = input.values.filter((v): v is number => v !== null);

  // Value axis: the data and the reference lines, within the unit's natural bounds.
  const candidates = [...real, ...input.refs.map((r) => r.value)];
  let lo = candidates.length ? Math.min(...candidates) : 0;
  let hi = candidates.length ? Math.max(...candidates) : 1;
  [lo, hi] = padDomain(lo, hi);
  if (input.bounds?.min !== undefined) lo = Math.max(lo, Math.min(input.bounds.min, ...real));
  if (input.bounds?.max !== undefined) hi = Math.min(hi, Math.max(input.bounds.max, ...real));
  if (!(hi > lo)) hi = lo + 1;
  const axis = valueAxis(lo, hi, input.unit);
  const ticks = axis.ticks;
  const y = linearScale([lo, hi], [plot.y1, plot.y0]);
  const n = input.periods.length;
  const step = n > 1 ? (plot.x1 - plot.x0 - 16) / (n - 1) : 0;
  const x = (i: number) => (n > 1 ? plot.x0 + 8 + i * step : (plot.x0 + plot.x1) / 2);

  const grid = ticks.map((v) => html`<line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="${COLORS.grid}" stroke-width="1"/><text x="${px(plot.x0 - 6)}" y="${px(y(v) + 3.5)}" text-anchor="end" class="tick">${axis.label(v)}</text>`);
  const xLabels = periodTicks(input.periods).map((t, i) => html`<text x="${px(x(i))}" y="${px(plot.y1 + 14)}" text-anchor="middle" class="tick">${t.main}</text>${t.year ? html`<text x="${px(x(i))}" y="${px(plot.y1 + 27)}" text-anchor="middle" class="tick year">${t.year}</text>` : ''}`);

  // Reference lines inside the axis; their labels spread so that none overlaps another.
  const shown = input.refs.filter((r) => r.value >= lo && r.value <= hi);
  const labelY = spreadLabels(shown.map((r) => y(r.value) + 3.5), 12, plot.y0 + 4, plot.y1 + 4);
  const refs = shown.map((r, i) => {
    const s = REF_STYLE[r.kind];
    const ry = y(r.value);
    return html`<g class="ref ref-${r.kind}"><line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(ry)}" y2="${px(ry)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? html` stroke-dasharray="${s.dash}"` : ''}/><text x="${px(plot.x1 + 6)}" y="${px(labelY[i])}" class="ref-label" fill="${s.stroke}">${shorten(r.label, 20)}</text></g>`;
  });

  // The series: a path broken at periods without data.
  let d = '';
  let pen = false;
  input.values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${px(x(i))} ${px(y(v))}`;
    pen = true;
  });
  const points = input.values.map((v, i) => {
    if (v === null) return '';
    const shape = input.shapes?.[i] ?? 'circle';
    const tip = input.tips?.[i] ?? `${input.periods[i]}: ${formatValue(v, input.unit)}`;
    const cls = shape === 'circle' ? 'pt' : 'pt pt-signal';
    const fill = shape === 'circle' ? COLORS.series : COLORS.signal;
    return html`<g fill="${fill}" stroke="#ffffff" stroke-width="1">${marker(shape, x(i), y(v), shape === 'circle' ? 3.5 : 5, cls, tip)}</g>`;
  });

  const body = html`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${grid}<line x1="${px(plot.x0)}" x2="${px(plot.x0)}" y1="${px(plot.y0)}" y2="${px(plot.y1)}" stroke="${COLORS.axis}"/><line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(plot.y1)}" y2="${px(plot.y1)}" stroke="${COLORS.axis}"/>${xLabels}${refs}${d ? html`<path class="series" d="${d}" fill="none" stroke="${COLORS.series}" stroke-width="2" stroke-linejoin="round"/>` : ''}${joinHtml(points)}${real.length === 0 ? html`<text x="${px((plot.x0 + plot.x1) / 2)}" y="${px((plot.y0 + plot.y1) / 2)}" text-anchor="middle" class="empty">—</text>` : ''}`;
  return chartSvg({ id: input.id, width, height, title: input.title, desc: input.desc, data: input.data, body });
}
