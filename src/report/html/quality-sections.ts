// Causes, satisfaction and products: the Pareto of 6M cause categories (per service and overall)
// with the most frequent cause details, the Pareto of the causes the deviations name, CSAT and
// NPS trends per service, and product deficiencies (failure causes, repeat visits).
import type { Translate } from '../../i18n/index.js';
import { SIX_M } from '../../ledger/schema.js';
import { formatValue } from '../format.js';
import type { SatisfactionSeries } from '../../acting/review.js';
import type { CauseBreakdown } from '../../acting/report-data.js';
import { html, type Html } from './escape.js';
import { lineChart, type RefLine } from './line-chart.js';
import type { ReportModel } from '../../acting/report-model.js';
import { categoryName, causeValue, dataDetails, dimensionName, Ids, table } from './parts.js';
import { cumulative, paretoChart, type ParetoItem } from './pareto-chart.js';
import { unitBounds } from './xmr-chart.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;

interface CardOptions {
  firstColumn: string;
  countColumn?: string;
  extra?: Html;
  format?: (value: number) => string;
}

function paretoCard(heading: string, items: ParetoItem[], data: Record<string, string>, ids: Ids, t: Translate, o: CardOptions): Html {
  const fmt = o.format ?? ((v: number) => String(v));
  const total = items.reduce((s, i) => s + i.count, 0);
  const cum = cumulative(items);
  const desc = t('report.pareto.desc', {
    count: items.length,
    total: fmt(total),
    top: items[0] ? `${items[0].label} (${fmt(items[0].count)})` : '—',
    share: items[0] && total > 0 ? pct(items[0].count / total) : '—',
  });
  const chart = paretoChart({ id: ids.next('pareto'), title: heading, desc, data: { ...data, bars: items.length }, items, cumulativeLabel: t('report.pareto.cumulative'), format: o.format });
  const rows = items.map((it, i) => [it.label, { text: fmt(it.count), num: true }, { text: total > 0 ? pct(it.count / total) : '—', num: true }, { text: pct(cum[i]), num: true }]);
  const head = [o.firstColumn, { text: o.countColumn ?? t('report.col.count'), num: true }, { text: '%', num: true }, { text: t('report.pareto.cumulative'), num: true }];
  return html`<div class="card"><h4>${heading}</h4>${chart}${o.extra ?? ''}${dataDetails(t, head, rows)}</div>`;
}

/** The 6M Pareto of a scope's closed records, and the most frequent cause details beside it. */
export function causesBlock(b: CauseBreakdown, scope: string, name: string, model: ReportModel, ids: Ids, t: Translate): Html {
  const period = model.result.period.label;
  const heading = scope === '*' ? t('report.causes.title-all', { period }) : t('report.causes.title', { period, name });
  const note = html`<p class="muted">${t('report.causes.note', { closed: b.closed, without: b.withoutCause })}</p>`;
  if (b.categories.length === 0) return html`<div class="grid"><div class="card"><h4>${heading}</h4>${note}<p>${t('report.causes.none')}</p></div></div>`;
  const items = b.categories.map((c) => ({ label: categoryName(c.key, t), count: c.count }));
  const chart = paretoCard(heading, items, { kind: 'pareto-categories', service: scope }, ids, t, { firstColumn: t('report.col.category'), extra: note });
  const details = b.details.length === 0 ? html`` : html`<div class="card"><h4>${t('report.causes.details', { period })}</h4>${table(
    [t('report.col.category'), t('report.col.detail'), { text: t('report.col.count'), num: true }],
    b.details.map((d) => [categoryName(d.category, t), d.detail, { text: d.count, num: true }]),
  )}</div>`;
  return html`<div class="grid">${chart}${details}</div>`;
}

export function causesSection(model: ReportModel, ids: Ids, t: Translate): Html {
  const devCauses = model.data.deviationCauses.slice(0, 10);
  const devItems = devCauses.map((c) => ({ label: `${dimensionName(c.dimension, t)} = ${causeValue(c.dimension, c.value, t)}`, count: c.weight }));
  const weight = (v: number) => String(Number(v.toFixed(2)));
  const devCard = devItems.length === 0
    ? html`<div class="grid"><div class="card"><h4>${t('report.causes.deviations')}</h4><p>${t('report.causes.no-deviation-causes')}</p></div></div>`
    : html`<div class="grid">${paretoCard(t('report.causes.deviations'), devItems, { kind: 'pareto-deviations', service: '*' }, ids, t, { firstColumn: t('report.col.cause'), countColumn: t('report.col.weight'), format: weight, extra: html`<p class="muted">${t('report.causes.deviations-note')}</p>` })}<div class="card"><h4>${t('report.causes.named-by')}</h4>${table(
      [t('report.col.cause'), { text: t('report.col.weight'), num: true }, { text: 'n', num: true }, t('report.col.requirements')],
      devCauses.map((c, i) => [devItems[i].label, { text: weight(c.weight), num: true }, { text: c.n, num: true }, html`<span class="keys">${c.requirements.join(', ')}</span>`]),
    )}</div></div>`;
  return html`<section id="causes" class="page"><h2>${t('report.section.causes')}</h2>${causesBlock(model.data.causesOverall, '*', '*', model, ids, t)}${devCard}</section>`;
}

function satisfactionCard(model: ReportModel, s: SatisfactionSeries, ids: Ids, t: Translate): Html {
  const name = s.service === '*' ? t('report.dev.all-services') : s.name;
  const periods = s.csat.map((p) => p.period);
  const targetRefs = (target: SatisfactionSeries['csatTarget'], unit: string): RefLine[] => {
    const bound = target?.min ?? target?.max;
    return bound === undefined ? [] : [{ value: bound, kind: 'target', label: `${t('report.target')} ${formatValue(bound, unit)}` }];
  };
  const chart = (kind: 'csat' | 'nps', points: SatisfactionSeries['csat'], unit: string, refs: RefLine[]) => {
    const values = points.map((p) => p.value);
    const real = values.filter((v) => v !== null).length;
    const last = [...points].reverse().find((p) => p.value !== null);
    return lineChart({
      id: ids.next(kind),
      title: t(`report.satisfaction.${kind}-title`, { name }),
      desc: t('report.satisfaction.desc', { count: real, from: periods[0] ?? '', to: periods[periods.length - 1] ?? '', last: last ? `${last.period} ${formatValue(last.value, unit)}` : '—' }),
      data: { kind, service: s.service, points: real },
      periods,
      values,
      unit,
      refs,
      bounds: unitBounds(unit),
      height: 210,
    });
  };
  const rows = periods.map((p, i) => [p, { text: formatValue(s.csat[i].value, 'ratio'), num: true }, { text: s.csat[i].n, num: true }, { text: formatValue(s.nps[i].value, 'score'), num: true }, { text: s.nps[i].n, num: true }]);
  return html`<div class="card"><h3>${name}</h3><h4>${t('report.satisfaction.csat')}</h4>${chart('csat', s.csat, 'ratio', targetRefs(s.csatTarget, 'ratio'))}<h4>${t('report.satisfaction.nps')}</h4>${chart('nps', s.nps, 'score', targetRefs(s.npsTarget, 'score'))}${dataDetails(t, [t('report.col.period'), { text: t('report.satisfaction.csat-short'), num: true }, { text: 'n', num: true }, { text: 'NPS', num: true }, { text: 'n', num: true }], rows)}</div>`;
}

export function satisfactionSection(model: ReportModel, ids: Ids, t: Translate): Html {
  const cards = model.review.satisfaction;
  const body = cards.length === 0 ? html`<p>${t('report.no-services')}</p>` : html`<div class="grid">${cards.map((s) => satisfactionCard(model, s, ids, t))}</div>`;
  return html`<section id="satisfaction"><h2>${t('report.section.satisfaction')}</h2><p class="muted">${t('report.satisfaction.note')}</p>${body}</section>`;
}

export function productsSection(model: ReportModel, ids: Ids, t: Translate): Html {
  const { products, productWindow } = model.data;
  const heading = html`<h2>${t('report.section.products', { from: productWindow.from, to: productWindow.to })}</h2>`;
  if (products.length === 0) return html`<section id="products">${heading}<p>${t('report.products.none')}</p></section>`;
  const label = (p: (typeof products)[number]) => (p.name ? `${p.name} (${p.product})` : p.product);
  const failing = products.filter((p) => p.failures > 0).sort((a, b) => b.failures - a.failures || (a.product < b.product ? -1 : 1));
  const chart = failing.length === 0 ? html`` : html`<div class="grid">${paretoCard(t('report.products.pareto'), failing.map((p) => ({ label: p.name ?? p.product, count: p.failures })), { kind: 'pareto-products', service: '*' }, ids, t, { firstColumn: t('report.col.product') })}</div>`;
  const head = [t('report.col.product'), { text: t('report.col.closed'), num: true }, { text: t('report.col.failures'), num: true }, ...SIX_M.map((c) => ({ text: categoryName(c, t), num: true })), { text: t('report.col.repeats'), num: true }, { text: t('report.col.repeat-share'), num: true }];
  const rows = products.map((p) => [label(p), { text: p.closed, num: true }, { text: p.failures, num: true }, ...SIX_M.map((c) => ({ text: p.categories[c], num: true })), { text: p.repeats, num: true }, { text: p.closed ? formatValue(p.repeats / p.closed, 'ratio') : '—', num: true }]);
  return html`<section id="products">${heading}<p class="muted">${t('report.products.note')}</p>${table(head, rows)}${chart}</section>`;
}
