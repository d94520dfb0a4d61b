// The SVG charts: scales and ticks, label spreading, XmR signals (hand-computed limits), one
// marker per value with data, accessible frames, Pareto bars and cumulative line.
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import type { RequirementResult } from '../../../src/quality/control.js';
import { lineChart, periodTicks, valueAxis } from '../../../src/report/html/line-chart.js';
import { cumulative, paretoChart } from '../../../src/report/html/pareto-chart.js';
import { niceTicks, padDomain, shorten, spreadLabels } from '../../../src/report/html/svg.js';
import { analyseXmr, xmrChart } from '../../../src/report/html/xmr-chart.js';

const t = translator('en');
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

function accessible(svg: string): void {
  const id = /<svg class="chart" role="img" aria-labelledby="([^" ]+)-t \1-d" id="\1"/.exec(svg);
  expect(id, svg.slice(0, 200)).not.toBeNull();
  expect(svg).toContain(`<title id="${id![1]}-t">`);
  expect(svg).toContain(`<desc id="${id![1]}-d">`);
}

describe('axis helpers', () => {
  it('nice ticks cover the range with round steps', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.62, 1, 5)).toEqual([0.7, 0.8, 0.9, 1]);
    expect(niceTicks(-43, 76, 5)).toEqual([-25, 0, 25, 50, 75]); // 119 / 5 = 23.8 → step 25
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it('a flat range gets room around it', () => {
    expect(padDomain(1, 1)).toEqual([0.9, 1.1]);
    expect(padDomain(0, 0)).toEqual([-1, 1]);
    expect(padDomain(0, 10)).toEqual([-0.8, 10.8]);
  });

  it('labels are spread at least `gap` apart, in their order, inside the frame', () => {
    const ys = [100, 101, 99, 150, 40];
    const out = spreadLabels(ys, 12, 20, 200);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(12);
    expect(out[4]).toBe(40); // far from the others: untouched
    expect(out[2]).toBeLessThan(out[0]); // 99 stays above 100
    expect(Math.max(...out)).toBeLessThanOrEqual(200);
    // Crowded at the bottom: pushed up, still spread.
    const low = spreadLabels([198, 199, 200], 12, 0, 200);
    expect(low).toEqual([176, 188, 200]);
  });

  it('shortens long labels with an ellipsis, counting characters not UTF-16 units', () => {
    expect(shorten('Electrodomésticos', 8)).toBe('Electro…');
    expect(shorten('abc', 8)).toBe('abc');
  });

  it('period labels: the part after the year, and the year when it changes', () => {
    expect(periodTicks(['2025-11', '2025-12', '2026-01', '2026-02'])).toEqual([
      { main: '11', year: '2025' }, { main: '12', year: undefined }, { main: '01', year: '2026' }, { main: '02', year: undefined },
    ]);
    expect(periodTicks(['2026-W47'])[0]).toEqual({ main: 'W47', year: '2026' });
  });
});

describe('XmR analysis', () => {
  // 10, 10, 10, 10, 10, 40: centre = 90/6 = 15; moving ranges 0,0,0,0,30 → mean 6;
  // σ̂ = 6 / 1.128 = 5.3191; UCL = 15 + 15.957 = 30.957; LCL = 15 − 15.957 = −0.957.
  it('limits from the values with data; a point beyond a limit; the latest when rules fired', () => {
    const a = analyseXmr([10, null, 10, 10, 10, 10, 40], []);
    expect(a.limits!.centre).toBe(15);
    expect(a.limits!.ucl).toBeCloseTo(30.957, 3);
    expect(a.limits!.lcl).toBeCloseTo(-0.957, 3);
    expect(a.signals).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 'above']);
    expect(analyseXmr([10, null, 10, 10, 10, 10, 40], ['nelson-1']).signals[6]).toBe('rule');
    // The rule marks the latest value with data even when the last period is empty.
    expect(analyseXmr([1, 2, 3, null], ['nelson-3']).signals).toEqual([undefined, undefined, 'rule', undefined]);
  });

  it('one value: no limits, no signals', () => {
    expect(analyseXmr([null, 5], [])).toEqual({ limits: null, signals: [undefined, undefined] });
  });
});

function requirement(values: (number | null)[], over: Partial<RequirementResult> = {}): RequirementResult {
  const periods = values.map((_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  return {
    id: 'resolution-time', kind: 'quantitative', indicator: 'resolution_time', stat: 'p90', unit: 'hours',
    value: values[values.length - 1], n: 10, target: { max: 28, critical: 40 }, status: 'ok', index: 0,
    series: periods.map((period, i) => ({ period, value: values[i] })), ...over,
  };
}

describe('charts', () => {
  it('line chart: one marker per value with data, the line broken at gaps, accessible', () => {
    const svg = lineChart({ id: 'c1', title: 'T <x>', desc: 'D', periods: ['2026-01', '2026-02', '2026-03', '2026-04'], values: [1, null, 3, 4], unit: 'count', refs: [] }).value;
    accessible(svg);
    expect(count(svg, /class="pt[ "]/g)).toBe(3);
    const d = /class="series" d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(2); // 1 | 3 — 4
    expect(svg).toContain('<title id="c1-t">T &lt;x&gt;</title>');
  });

  it('line chart: reference lines outside the natural bounds of the unit are not drawn', () => {
    const svg = lineChart({ id: 'c2', title: 't', desc: 'd', periods: ['a-1', 'a-2'], values: [0.5, 0.6], unit: 'ratio', refs: [{ value: 1.4, kind: 'limit', label: 'UCL 140%' }, { value: 0.8, kind: 'target', label: 'target' }], bounds: { min: 0, max: 1 } }).value;
    expect(svg).not.toContain('UCL 140%');
    expect(svg).toContain('ref-target');
  });

  it('XmR chart: limits, target and critical lines; signal points are triangles and diamonds, not only red', () => {
    const r = requirement([20, 22, 21, 23, 22, 21, 60]);
    const analysis = analyseXmr(r.series.map((p) => p.value), ['nelson-1']);
    const svg = xmrChart({ id: 'x1', service: 'svc', requirement: r, name: 'resolution-time', rules: ['nelson-1'], analysis, t }).value;
    accessible(svg);
    expect(count(svg, /class="pt[ "]/g)).toBe(7);
    expect(count(svg, /class="pt pt-signal"/g)).toBe(1);
    expect(svg).toMatch(/<path class="pt pt-signal" d="M[^"]+Z"><title>2026-07: 60 h — signal: nelson-1<\/title>/);
    for (const cls of ['ref-limit', 'ref-centre', 'ref-target', 'ref-critical']) expect(svg).toContain(cls);
    expect(svg).toContain('data-points="7"');
    expect(svg).toContain('Latest value 60 h (ok).');
  });

  it('Pareto: one bar per item, cumulative share ends at 100%, user labels escaped', () => {
    const items = [{ label: '<script>', count: 6 }, { label: 'b', count: 3 }, { label: 'c', count: 1 }];
    expect(cumulative(items)).toEqual([0.6, 0.9, 1]);
    const svg = paretoChart({ id: 'p1', title: 'P', desc: 'D', items, cumulativeLabel: 'cumulative' }).value;
    accessible(svg);
    expect(count(svg, /<rect class="bar"/g)).toBe(3);
    expect(count(svg, /class="cum"/g)).toBe(3);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;: 6 (60%)');
  });

  it('Pareto: long labels are slanted and cut, and the first one stays inside the picture', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ label: `producto = lavavajillas-lv${i} de lujo`, count: 10 - i }));
    const svg = paretoChart({ id: 'p2', title: 'P', desc: 'D', items, cumulativeLabel: 'c' }).value;
    expect(svg).toContain('rotate(-45');
    expect(svg).toContain('…');
    const x0 = Number(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end" transform="rotate/.exec(svg)![1]);
    expect(x0 - 26 * 6.4 * Math.SQRT1_2).toBeGreaterThanOrEqual(0);
  });
});

describe('value axis', () => {
  it('one display unit per axis: hours past three days in days, with round steps', () => {
    const days = valueAxis(30, 100, 'hours');
    expect(days.ticks.map(days.label)).toEqual(['2 d', '3 d', '4 d']); // 1.25 d to 4.17 d
    const hours = valueAxis(10, 60, 'hours');
    expect(hours.ticks.map(hours.label)).toEqual(['10 h', '20 h', '30 h', '40 h', '50 h', '60 h']);
    const ratio = valueAxis(0.5, 1, 'ratio');
    expect(ratio.ticks.map(ratio.label)).toEqual(['50%', '60%', '70%', '80%', '90%', '100%']);
  });
});
