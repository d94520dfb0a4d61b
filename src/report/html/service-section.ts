// One section (one printed page or more) per service: its description and owner, then per
// requirement a card with the current value against the target, the XmR control chart and its
// data table (the chart's text alternative); then the service's own Pareto of cause categories.
import type { Translate } from '../../i18n/index.js';
import type { RequirementResult, ServiceResult } from '../../quality/control.js';
import { formatTarget, formatValue } from '../format.js';
import { html, type Html } from './escape.js';
import { requirementKey, type ReportModel } from '../../acting/report-model.js';
import { dataDetails, Ids, statusBadge, xmrLegend } from './parts.js';
import { causesBlock } from './quality-sections.js';
import { deviationAnchor, indicatorLabel } from './sections.js';
import { analyseXmr, signalWord, xmrChart } from './xmr-chart.js';
import type { TrendDeviation } from '../../quality/deviations/types.js';

function requirementCard(model: ReportModel, svc: ServiceResult, r: RequirementResult, ids: Ids, t: Translate): Html {
  const trend = model.result.deviations.find((d): d is TrendDeviation => d.kind === 'trend' && d.service === svc.id && d.requirement === r.id);
  const rules = trend?.rules ?? [];
  const analysis = analyseXmr(r.series.map((p) => p.value), rules);
  const name = `${r.id} — ${indicatorLabel(r.indicator, r.stat)}`;
  const chart = xmrChart({ id: ids.next('xmr'), service: svc.id, requirement: r, name, rules, analysis, t });
  const rows = r.series.map((p, i) => [p.period, { text: formatValue(p.value, r.unit), num: true }, signalWord(analysis.signals[i], rules, t)]);
  const l = analysis.limits;
  const note = l ? t('report.xmr.limits', { centre: formatValue(l.centre, r.unit), ucl: formatValue(l.ucl, r.unit), lcl: formatValue(l.lcl, r.unit) }) : t('report.xmr.no-limits');
  const devs = model.result.deviations.filter((d) => (d.kind === 'target' || d.kind === 'trend') && d.service === svc.id && d.requirement === r.id);
  const links = devs.map((d) => html` <a href="#${deviationAnchor(model, d.key)}">${d.key}</a>`);
  const description = model.descriptions.requirements.get(requirementKey(svc.id, r.id));
  return html`<article class="card" id="req-${svc.id}-${r.id}"><h3><span class="key">${r.id}</span> <span class="muted">(${indicatorLabel(r.indicator, r.stat)})</span></h3>${description ? html`<p class="desc">${description}</p>` : ''}<p class="value-line">${t('report.current', { period: model.result.period.label })} <b>${formatValue(r.value, r.unit)}</b> ${t('report.against')} ${formatTarget(r.target, r.unit, t('status.critical'))} ${statusBadge(r.status, t)} <span class="muted">n = ${r.n}</span></p>${chart}${devs.length > 0 ? html`<p>${t('report.see-deviation')}${links}</p>` : ''}${dataDetails(t, [t('report.col.period'), { text: t('control.col.value'), num: true }, t('report.col.signal')], rows, note)}</article>`;
}

export function serviceSection(model: ReportModel, svc: ServiceResult, ids: Ids, t: Translate): Html {
  const description = model.descriptions.services.get(svc.id);
  const owner = model.roles.get(svc.owner);
  const people = model.peopleByRole.get(svc.owner) ?? [];
  const names = people.map((p) => model.people.get(p) ?? p).join(', ');
  const breakdown = model.data.causesByService.get(svc.id);
  return html`<section class="service" id="svc-${svc.id}"><h2>${svc.name} <span class="muted key">${svc.id}</span></h2>${description ? html`<p>${description}</p>` : ''}<p class="meta">${t('report.owner', { role: owner ? `${owner} (${svc.owner})` : svc.owner })}${names ? ` — ${names}` : ''}</p><h3>${t('report.control-charts')}</h3>${xmrLegend(t)}<div class="grid">${svc.requirements.map((r) => requirementCard(model, svc, r, ids, t))}</div>${breakdown ? causesBlock(breakdown, svc.id, svc.name, model, ids, t) : ''}</section>`;
}
