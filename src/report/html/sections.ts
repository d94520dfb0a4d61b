// The report's overview sections: summary of every requirement, strategic objectives, the
// deviations (responsible, causes, suggestions, linked actions, records), the register of
// actions and the improvement opportunities. Every user-written string goes through `html`.
import type { Translate } from '../../i18n/index.js';
import type { Deviation } from '../../quality/control.js';
import { formatTarget, formatValue, indicatorName } from '../format.js';
import { html, type Html } from './escape.js';
import { requirementKey, type ReportModel } from '../../acting/report-model.js';
import { causeValue, dimensionName, list, statusBadge, table, translated } from './parts.js';
import { deviationHeadline, rulesLine } from '../deviation-text.js';
import { labelOf } from '../../i18n/labels.js';

export function indicatorLabel(indicator: unknown, stat: string | undefined): string {
  return indicatorName(indicator) + (stat && stat !== 'mean' && stat !== 'median' ? ` ${stat}` : '');
}

export function deviationAnchor(model: ReportModel, key: string): string {
  return `dev-${model.result.deviations.findIndex((d) => d.key === key) + 1}`;
}

export function summarySection(model: ReportModel, t: Translate): Html {
  const s = model.result.summary;
  const items: [number, string][] = [
    [s.requirements, t('report.summary.requirements')],
    [s.ok, t('status.ok')],
    [s.warning, t('status.warning')],
    [s.critical, t('status.critical')],
    [s.no_data, t('status.no-data')],
    [s.deviations, t('report.summary.deviations')],
    [s.acknowledged, t('report.summary.acknowledged')],
  ];
  const rows = model.result.services.flatMap((svc) =>
    svc.requirements.map((r, i) => [
      ...(i === 0 ? [{ text: html`<a href="#svc-${svc.id}">${svc.name}</a>`, rowspan: svc.requirements.length, header: true }] : []),
      html`<a href="#req-${svc.id}-${r.id}" class="key">${r.id}</a>`,
      labelOf(t, 'kind', r.kind),
      indicatorLabel(r.indicator, r.stat),
      { text: formatValue(r.value, r.unit), num: true },
      formatTarget(r.target, r.unit, t('status.critical')),
      statusBadge(r.status, t),
      { text: r.n, num: true },
    ]),
  );
  const head = [t('report.col.service'), t('control.col.requirement'), t('control.col.kind'), t('control.col.indicator'), { text: t('control.col.value'), num: true }, t('control.col.target'), t('control.col.status'), { text: 'n', num: true }];
  const body = rows.length > 0 ? table(head, rows) : html`<p>${t('report.no-services')}</p>`;
  return html`<section id="summary"><h2>${t('report.section.summary')}</h2><ul class="summary">${items.map(([n, label]) => html`<li><b>${n}</b>${label}</li>`)}</ul>${body}</section>`;
}

export function objectivesSection(model: ReportModel, t: Translate): Html {
  if (model.result.objectives.length === 0) return html``;
  const rows = model.result.objectives.map((o) => [
    html`<span class="key">${o.id}</span>`,
    model.descriptions.objectives.get(o.id) ?? '',
    indicatorLabel(o.indicator, undefined),
    { text: formatValue(o.value, o.unit), num: true },
    formatTarget(o.target, o.unit, t('status.critical')),
    statusBadge(o.status, t),
    { text: o.n, num: true },
  ]);
  const head = [t('report.col.objective'), t('report.col.description'), t('control.col.indicator'), { text: t('control.col.value'), num: true }, t('control.col.target'), t('control.col.status'), { text: 'n', num: true }];
  return html`<section id="objectives"><h2>${t('report.section.objectives')}</h2>${table(head, rows)}</section>`;
}

function personName(model: ReportModel, id: string | undefined): string {
  if (id === undefined) return '—';
  const name = model.people.get(id) ?? model.roles.get(id);
  return name && name !== id ? `${name} (${id})` : id;
}

function actionLine(model: ReportModel, id: string, t: Translate): Html {
  const a = model.actions.get(id);
  if (!a) return html`<span class="key">${id}</span>`;
  const due = a.due ? t('report.action.due', { date: a.due }) : '';
  return html`<span class="key">${id}</span> — ${a.title} <span class="muted">(${labelOf(t, 'action-status', a.status)}${due ? `, ${due}` : ''})</span>`;
}

function deviationWhat(d: Deviation, t: Translate): string {
  return d.kind === 'trend' ? `${deviationHeadline(d, t)}; ${rulesLine(d, t)}` : deviationHeadline(d, t);
}

export function deviationArticle(model: ReportModel, d: Deviation, t: Translate): Html {
  const m = d.kind === 'target' || d.kind === 'trend' ? d : undefined; // a measured requirement
  const svc = model.result.services.find((s) => s.id === d.service);
  const description = m === undefined ? undefined
    : d.service === '*' ? model.descriptions.objectives.get(m.requirement) : model.descriptions.requirements.get(requirementKey(d.service, m.requirement));
  const parts: Html[] = [];
  parts.push(html`<p>${deviationWhat(d, t)}</p>`);
  if (description) parts.push(html`<p class="muted">${description}</p>`);
  if (m?.responsible) {
    const people = m.responsible.people.map((p) => personName(model, p)).join(', ') || '—';
    parts.push(html`<p><b>${t('report.dev.responsible')}:</b> ${personName(model, m.responsible.role)} — ${people}</p>`);
  } else if (m && m.responsible === null) {
    parts.push(html`<p><b>${t('report.dev.responsible')}:</b> ${t('report.dev.organisation')}</p>`);
  }
  const unit = m?.unit ?? 'number';
  if (m && m.causes.length > 0) {
    const rows = m.causes.map((c) => [dimensionName(c.dimension, t), causeValue(c.dimension, c.value, t), { text: c.n, num: true }, { text: formatValue(c.value_in_group, unit), num: true }, { text: formatValue(c.value_without_group, unit), num: true }]);
    parts.push(table([t('report.col.dimension'), t('report.col.group'), { text: 'n', num: true }, { text: t('report.col.in-group'), num: true }, { text: t('report.col.without-group'), num: true }], rows, t('report.dev.causes')));
  } else if (m) {
    parts.push(html`<p class="muted">${t('report.dev.no-causes')}</p>`);
  }
  if (m && m.suggestionEntries.length > 0) {
    parts.push(html`<h4>${t('report.dev.suggestions')}</h4>${list(m.suggestionEntries.map((e) => html`${e.title}<br><span class="muted note">${e.plan}</span>`))}`);
  } else if (m && m.suggestions.length > 0) {
    parts.push(html`<h4>${t('report.dev.suggestions')}</h4>${list(m.suggestions)}`);
  }
  if (d.kind === 'compliance' && d.records.length > 0) {
    const withNotes = d.records.some((r) => model.data.records.get(r.id)?.notes);
    const rows = d.records.map((r) => {
      const rec = model.data.records.get(r.id);
      const row = [html`<span class="key">${r.id}</span>`, r.problems.map((p) => labelOf(t, 'compliance', p)).join(', '), personName(model, rec?.assignee)];
      return withNotes ? [...row, html`<span class="note">${rec?.notes ?? ''}</span>`] : row;
    });
    const head = [t('report.col.record'), t('report.col.problems'), t('report.col.assignee'), ...(withNotes ? [t('report.col.notes')] : [])];
    parts.push(html`<details${d.records.length <= 6 ? html` open` : ''}><summary>${t('report.dev.records', { count: d.records.length })}</summary>${table(head, rows)}</details>`);
  }
  if (d.kind === 'training' && d.people.length > 0) {
    const rows = d.people.map((p) => [personName(model, p.id), html`<span class="key">${p.course}</span>`, labelOf(t, 'training', p.problem)]);
    parts.push(table([t('report.col.person'), t('report.col.course'), t('report.col.problem')], rows));
  }
  if (d.actions.length > 0) {
    parts.push(html`<p><b>${d.kind === 'action' ? t('report.dev.actions-overdue') : t('report.dev.actions')}:</b></p>${list(d.actions.map((id) => actionLine(model, id, t)))}`);
  } else {
    parts.push(html`<p class="muted">${t('report.dev.no-action')} <code>aftersales action open --deviation ${d.key}</code></p>`);
  }
  const ack = d.acknowledged ? html` <span class="status status-ok">${t('report.dev.acknowledged')}</span>` : '';
  const where = svc ? html` — ${svc.name}` : d.service === '*' ? html` — ${t('report.dev.all-services')}` : '';
  return html`<article class="deviation sev-${d.severity}" id="${deviationAnchor(model, d.key)}"><h3>${statusBadge(d.severity, t)} ${translated('report.dev-kind', d.kind, t)}${where}${ack}</h3><p><code>${d.key}</code></p>${parts}</article>`;
}

export function deviationsSection(model: ReportModel, t: Translate): Html {
  const devs = model.result.deviations;
  const body = devs.length === 0 ? html`<p>${t('control.no-deviations')}</p>` : devs.map((d) => deviationArticle(model, d, t));
  return html`<section id="deviations"><h2>${t('report.section.deviations', { count: devs.length })}</h2>${body}</section>`;
}

export function actionsSection(model: ReportModel, t: Translate): Html {
  const actions = model.review.actions;
  if (actions.length === 0) return html`<section id="actions"><h2>${t('report.section.actions')}</h2><p>${t('report.actions.none')}</p></section>`;
  const rows = actions.map(({ action: a, overdue, verifyDue }) => {
    const v = a.verification;
    const verification = v?.result
      ? t('report.action.verified', { result: labelOf(t, 'verification', v.result), period: v.period ?? '—', value: v.value === undefined || v.value === null ? '—' : String(Number(v.value.toFixed(4))) })
      : verifyDue ? t('report.action.verify-due', { date: v?.after ?? a.due ?? '' })
        : v?.after ? t('report.action.verify-after', { date: v.after }) : '—';
    return [
      html`<span class="key">${a.id}</span>`,
      labelOf(t, 'action-type', a.type),
      a.title,
      a.service && a.requirement ? html`<span class="key">${a.service}/${a.requirement}</span>` : html`<span class="key">${a.service ?? '—'}</span>`,
      personName(model, a.owner),
      html`${labelOf(t, 'action-status', a.status)}${overdue ? html` <span class="status status-critical">${t('report.action.overdue')}</span>` : ''}`,
      html`<span class="key">${a.due ?? '—'}</span>`,
      verification,
    ];
  });
  const head = [t('report.col.action'), t('report.col.type'), t('report.col.title'), t('control.col.requirement'), t('report.col.owner'), t('control.col.status'), t('report.col.due'), t('report.col.verification')];
  return html`<section id="actions"><h2>${t('report.section.actions')}</h2>${table(head, rows)}</section>`;
}

export function opportunitiesSection(model: ReportModel, t: Translate): Html {
  const ops = model.review.opportunities;
  const body = ops.length === 0
    ? html`<p>${t('report.improve.none')}</p>`
    : html`<p>${t('report.improve.intro', { periods: model.history.length })}</p>${table(
      [t('report.col.service'), t('control.col.requirement'), t('control.col.target'), { text: t('report.col.worst'), num: true }],
      ops.map((o) => [o.service, html`<span class="key">${o.requirement}</span>`, formatTarget(o.target, o.unit, t('status.critical')), { text: formatValue(o.worst, o.unit), num: true }]),
    )}<p>${t('report.improve.hint')} <code>aftersales improve</code></p>`;
  return html`<section id="improve"><h2>${t('report.section.improve')}</h2>${body}</section>`;
}
