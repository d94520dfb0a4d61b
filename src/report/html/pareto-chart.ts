// A Pareto chart: bars sorted from the most frequent down, each with its count written on it,
// and the cumulative share as a line with square markers against a 0–100% axis on the right,
// with the 80% line. Long category names are cut (the full name is in the bar's tooltip and in
// the data table next to the chart) and slanted when they do not fit under their bar.
import { html, joinHtml, type Html } from './escape.js';
import { COLORS } from './line-chart.js';
import { chartSvg, linearScale, marker, niceTicks, px, shorten } from './svg.js';

export interface ParetoItem {
  label: string;
  count: number;
}

export interface ParetoInput {
  id: string;
  title: string;
  desc: string;
  data?: Record<string, string | number>;
  items: readonly ParetoItem[];
  /** Word for the cumulative line, e.g. "cumulative". */
  cumulativeLabel: string;
  /** How to write a count (default: as is); counts may then be fractional. */
  format?: (value: number) => string;
  width?: number;
}

const CHAR = 6.4; // average advance of an 11 px sans-serif character (DejaVu Sans is wide)

/** Cumulative shares (0–1) of sorted counts. */
export function cumulative(items: readonly ParetoItem[]): number[] {
  const total = items.reduce((s, i) => s + i.count, 0);
  let run = 0;
  return items.map((i) => {
    run += i.count;
    return total > 0 ? run / total : 0;
  });
}

export function paretoChart(input: ParetoInput): Html {
  const width = input.width ?? 560;
  const items = input.items;
  const n = Math.max(1, items.length);
  const m = { left: 44, right: 48, top: 18 };
  const longest = Math.max(0, ...items.map((i) => [...i.label].length));
  let band = (width - m.left - m.right) / n;
  const slanted = longest * CHAR > band - 6;
  const maxChars = slanted ? 26 : Math.max(4, Math.floor((band - 6) / CHAR));
  const shownChars = Math.min(longest, maxChars);
  if (slanted) {
    // A slanted label runs down and to the left of its bar: leave room for the first one.
    const reach = shownChars * CHAR * Math.SQRT1_2;
    m.left = Math.max(m.left, Math.ceil(reach - band / 2 + 6));
    band = (width - m.left - m.right) / n;
  }
  const labelDepth = slanted ? Math.ceil(shownChars * CHAR * Math.SQRT1_2) + 18 : 22;
  const height = m.top + 170 + labelDepth;
  const plot = { x0: m.left, x1: width - m.right, y0: m.top, y1: m.top + 170 };

  const fmt = input.format ?? ((v: number) => String(v));
  const max = Math.max(input.format ? 0 : 1, ...items.map((i) => i.count)) || 1;
  const ticks = niceTicks(0, max, 4).filter((v) => input.format !== undefined || Number.isInteger(v));
  const top = Math.max(max, ticks[ticks.length - 1] ?? max);
  const y = linearScale([0, top], [plot.y1, plot.y0]);
  const yc = linearScale([0, 1], [plot.y1, plot.y0]);
  const cx = (i: number) => plot.x0 + band * (i + 0.5);
  const cum = cumulative(items);

  const grid = ticks.map((v) => html`<line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="${COLORS.grid}"/><text x="${px(plot.x0 - 6)}" y="${px(y(v) + 3.5)}" text-anchor="end" class="tick">${fmt(v)}</text>`);
  const right = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => html`<text x="${px(plot.x1 + 6)}" y="${px(yc(v) + 3.5)}" class="tick">${Math.round(v * 100)}%</text>`);
  const barWidth = Math.min(56, band * 0.7);
  const bars = items.map((it, i) => {
    const h = plot.y1 - y(it.count);
    const label = shorten(it.label, maxChars);
    const lx = cx(i);
    const ly = plot.y1 + 14;
    const text = slanted
      ? html`<text x="${px(lx)}" y="${px(ly)}" text-anchor="end" transform="rotate(-45 ${px(lx)} ${px(ly)})" class="tick cat">${label}<title>${it.label}</title></text>`
      : html`<text x="${px(lx)}" y="${px(ly)}" text-anchor="middle" class="tick cat">${label}<title>${it.label}</title></text>`;
    return html`<g class="bar-group"><rect class="bar" x="${px(lx - barWidth / 2)}" y="${px(y(it.count))}" width="${px(barWidth)}" height="${px(h)}" fill="#9db9d5" stroke="${COLORS.series}" stroke-width="1"><title>${it.label}: ${fmt(it.count)} (${Math.round(cum[i] * 100)}%)</title></rect><text x="${px(lx)}" y="${px(h > 18 ? plot.y1 - 6 : y(it.count) - 4)}" text-anchor="middle" class="bar-value">${fmt(it.count)}</text>${text}</g>`;
  });
  let d = '';
  items.forEach((_, i) => (d += `${i === 0 ? 'M' : 'L'}${px(cx(i))} ${px(yc(cum[i]))}`));
  const cumPoints = items.map((it, i) => html`<g fill="${COLORS.ink}" stroke="#ffffff" stroke-width="1">${marker('square', cx(i), yc(cum[i]), 3, 'cum', `${input.cumulativeLabel} ${it.label}: ${Math.round(cum[i] * 100)}%`)}</g>`);
  const eighty = html`<line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(yc(0.8))}" y2="${px(yc(0.8))}" stroke="${COLORS.axis}" stroke-dasharray="3 3"/>`;
  const body = html`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${grid}${eighty}${right}<line x1="${px(plot.x0)}" x2="${px(plot.x0)}" y1="${px(plot.y0)}" y2="${px(plot.y1)}" stroke="${COLORS.axis}"/><line x1="${px(plot.x1)}" x2="${px(plot.x1)}" y1="${px(plot.y0)}" y2="${px(plot.y1)}" stroke="${COLORS.axis}"/><line x1="${px(plot.x0)}" x2="${px(plot.x1)}" y1="${px(plot.y1)}" y2="${px(plot.y1)}" stroke="${COLORS.axis}"/>${joinHtml(bars)}${d ? html`<path class="cum-line" d="${d}" fill="none" stroke="${COLORS.ink}" stroke-width="1.5" stroke-dasharray="5 2"/>` : ''}${joinHtml(cumPoints)}`;
  return chartSvg({ id: input.id, width, height, title: input.title, desc: input.desc, data: input.data, body });
}
