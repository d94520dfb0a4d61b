// Small pieces of the page: status badges (symbol + word + tint), tables, the data table that is
// each chart's text alternative, legends, and the chart id counter (ids are ours, never user text).
import { causeValueLabel, labelOf } from '../../i18n/labels.js';
import type { Translate } from '../../i18n/index.js';
import { Html, html, type Interpolation } from './escape.js';
import { COLORS, refLineStyle, type RefKind } from './line-chart.js';
import { legendSymbol, marker, type MarkerShape } from './svg.js';

const SYMBOL: Record<string, string> = { ok: '✔', warning: '▲', critical: '✖', 'no-data': '○' };

export function statusBadge(status: string, t: Translate): Html {
  return html`<span class="status status-${status}">${SYMBOL[status] ?? ''} ${t(`status.${status}`)}</span>`;
}

export interface Cell {
  text: Interpolation;
  num?: boolean;
  /** Rows this cell spans (the following rows leave the column out). */
  rowspan?: number;
  /** A row header (th scope="row"). */
  header?: boolean;
}

type CellLike = Cell | Interpolation;

function isCell(c: CellLike): c is Cell {
  return typeof c === 'object' && c !== null && !Array.isArray(c) && !(c instanceof Html) && 'text' in c;
}

function cell(tag: 'td' | 'th', c: CellLike): Html {
  const { text, num, rowspan, header } = isCell(c) ? c : { text: c, num: false, rowspan: undefined, header: false };
  const attrs = html`${num ? html` class="num"` : ''}${rowspan && rowspan > 1 ? html` rowspan="${rowspan}"` : ''}`;
  if (tag === 'th') return html`<th scope="col"${attrs}>${text}</th>`;
  return header ? html`<th scope="row"${attrs}>${text}</th>` : html`<td${attrs}>${text}</td>`;
}

export function table(headers: readonly CellLike[], rows: readonly (readonly CellLike[])[], caption?: Interpolation): Html {
  const head = html`<thead><tr>${headers.map((h) => cell('th', h))}</tr></thead>`;
  const body = html`<tbody>${rows.map((r) => html`<tr>${r.map((c) => cell('td', c))}</tr>`)}</tbody>`;
  return html`<table>${caption !== undefined ? html`<caption>${caption}</caption>` : ''}${head}${body}</table>`;
}

/** A chart's text alternative: its data as a table, folded away on screen. */
export function dataDetails(t: Translate, headers: readonly CellLike[], rows: readonly (readonly CellLike[])[], note?: Interpolation): Html {
  return html`<details class="data"><summary>${t('report.data')}</summary>${note ? html`<p class="muted">${note}</p>` : ''}${table(headers, rows)}</details>`;
}

export class Ids {
  private n = 0;
  next(prefix = 'chart'): string {
    this.n++;
    return `${prefix}-${this.n}`;
  }
}

export function lineSymbol(kind: RefKind): Html {
  const s = refLineStyle(kind);
  return legendSymbol(html`<line x1="1" x2="25" y1="7" y2="7" stroke="${s.stroke}" stroke-width="${s.width + 0.4}"${s.dash ? html` stroke-dasharray="${s.dash}"` : ''}/>`);
}

export function markerSymbol(shape: MarkerShape, fill: string): Html {
  return legendSymbol(html`<line x1="1" x2="25" y1="7" y2="7" stroke="${COLORS.series}" stroke-width="2"/><g fill="${fill}" stroke="#ffffff">${marker(shape, 13, 7, shape === 'circle' ? 3.5 : 4, 'legend-pt')}</g>`);
}

/** The legend of the control charts: shapes and line styles, each named. */
export function xmrLegend(t: Translate): Html {
  const items: [Html, string][] = [
    [markerSymbol('circle', COLORS.series), t('report.legend.value')],
    [markerSymbol('triangle-up', COLORS.signal), t('report.legend.beyond')],
    [markerSymbol('diamond', COLORS.signal), t('report.legend.rule')],
    [lineSymbol('centre'), t('report.legend.centre')],
    [lineSymbol('limit'), t('report.legend.limits')],
    [lineSymbol('target'), t('report.legend.target')],
    [lineSymbol('critical'), t('report.legend.critical')],
  ];
  return html`<ul class="legend">${items.map(([icon, text]) => html`<li>${icon}<span>${text}</span></li>`)}</ul>`;
}

export function list(items: readonly Interpolation[]): Html {
  return items.length === 0 ? html`` : html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}


/** A cause dimension for people ("cause.category" → "cause category"). */
export function dimensionName(dimension: string, t: Translate): string {
  return labelOf(t, 'dimension', dimension);
}

/** A 6M category for people, or the value as written when it is not one. */
export function categoryName(category: string, t: Translate): string {
  return labelOf(t, 'six-m', category);
}

/** A cause value: codes (channels, priorities, 6M categories) in words, ids as written. */
export function causeValue(dimension: string, value: string, t: Translate): string {
  return causeValueLabel(t, dimension, value);
}

export function translated(prefix: string, value: string, t: Translate): string {
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}
