// SVG building blocks shared by the charts: scales, "nice" axis ticks, point markers that differ
// by shape (readable without colour), and the accessible chart frame (role="img", <title>,
// <desc>, aria-labelledby). Coordinates are rounded to 0.1 px so the output is deterministic.
import { html, type Html, type Interpolation } from './escape.js';

/** A coordinate for an attribute: one decimal, no "-0". */
export function px(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  f.domain = domain;
  return f;
}

/** About `count` round tick values covering [lo, hi] (1, 2, 2.5 or 5 × 10ⁿ steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Widen [lo, hi] by a margin so that points do not sit on the frame; a flat range gets room. */
export function padDomain(lo: number, hi: number, fraction = 0.08): [number, number] {
  if (hi > lo) {
    const pad = (hi - lo) * fraction;
    return [lo - pad, hi + pad];
  }
  const pad = Math.abs(lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

export type MarkerShape = 'circle' | 'triangle-up' | 'triangle-down' | 'diamond' | 'square';

/** A data point's marker; `cls` lets tests and CSS find the points (`pt`). */
export function marker(shape: MarkerShape, x: number, y: number, size: number, cls: string, label?: string): Html {
  const s = size;
  const tip = label === undefined ? '' : html`<title>${label}</title>`;
  switch (shape) {
    case 'circle':
      return html`<circle class="${cls}" cx="${px(x)}" cy="${px(y)}" r="${px(s)}">${tip}</circle>`;
    case 'square':
      return html`<rect class="${cls}" x="${px(x - s)}" y="${px(y - s)}" width="${px(2 * s)}" height="${px(2 * s)}">${tip}</rect>`;
    case 'diamond': {
      const d = s * 1.5;
      return html`<path class="${cls}" d="M${px(x)} ${px(y - d)}L${px(x + d)} ${px(y)}L${px(x)} ${px(y + d)}L${px(x - d)} ${px(y)}Z">${tip}</path>`;
    }
    case 'triangle-up': {
      const d = s * 1.5;
      return html`<path class="${cls}" d="M${px(x)} ${px(y - d)}L${px(x + d)} ${px(y + d * 0.8)}L${px(x - d)} ${px(y + d * 0.8)}Z">${tip}</path>`;
    }
    case 'triangle-down': {
      const d = s * 1.5;
      return html`<path class="${cls}" d="M${px(x)} ${px(y + d)}L${px(x + d)} ${px(y - d * 0.8)}L${px(x - d)} ${px(y - d * 0.8)}Z">${tip}</path>`;
    }
  }
}

/** A small stand-alone symbol for legends (decorative: the legend text says what it is). */
export function legendSymbol(body: Html): Html {
  return html`<svg class="icon" aria-hidden="true" focusable="false" width="26" height="14" viewBox="0 0 26 14">${body}</svg>`;
}

/** Spread labels vertically so that none is closer than `gap` to the next (keeps their order). */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => o.y);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  // Pushed past the bottom: shift the stack up, then keep the top in the frame.
  const overflow = placed.length > 0 ? placed[placed.length - 1] - bottom : 0;
  if (overflow > 0) {
    for (let k = placed.length - 1; k >= 0; k--) {
      placed[k] = Math.min(placed[k], k === placed.length - 1 ? bottom : placed[k + 1] - gap);
    }
  }
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k], top + k * gap);
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k]));
  return out;
}

/** Cut a label to `max` characters with an ellipsis (the full text goes in a <title>). */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface ChartFrame {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  /** data-* attributes (already safe names; values are escaped). */
  data?: Record<string, string | number>;
  body: Interpolation;
}

/** The accessible chart element: an image named by its <title> and described by its <desc>. */
export function chartSvg(f: ChartFrame): Html {
  const data = Object.entries(f.data ?? {}).map(([k, v]) => html` data-${k}="${String(v)}"`);
  return html`<svg class="chart" role="img" aria-labelledby="${f.id}-t ${f.id}-d" id="${f.id}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"${data}><title id="${f.id}-t">${f.title}</title><desc id="${f.id}-d">${f.desc}</desc>${f.body}</svg>`;
}
