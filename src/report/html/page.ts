// The whole report as one self-contained HTML document: inline CSS and SVG, no script, no font,
// image or stylesheet to fetch (a Content-Security-Policy forbids any, as a second line of
// defence behind the escaping), so it opens from file:// and prints to PDF.
import type { Translate } from '../../i18n/index.js';
import { localDate, parseTimestamp } from '../../time/index.js';
import { html, trusted } from './escape.js';
import type { ReportModel } from '../../acting/report-model.js';
import { Ids } from './parts.js';
import { causesSection, productsSection, satisfactionSection } from './quality-sections.js';
import { actionsSection, deviationsSection, objectivesSection, opportunitiesSection, summarySection } from './sections.js';
import { serviceSection } from './service-section.js';
import { CSS } from './style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderReport(model: ReportModel, t: Translate): string {
  const r = model.result;
  const ids = new Ids();
  // The period as the dates it covers: its first day and its last (the end is exclusive).
  const first = r.period.start.slice(0, 10);
  const last = localDate(parseTimestamp(r.period.end, model.timezone) - 1, model.timezone);
  const title = t('report.title', { ledger: r.ledger, period: r.period.label });
  const toc: [string, string][] = [
    ['summary', t('report.section.summary')],
    ...(r.objectives.length > 0 ? [['objectives', t('report.section.objectives')] as [string, string]] : []),
    ['deviations', t('report.section.deviations', { count: r.deviations.length })],
    ...r.services.map((s) => [`svc-${s.id}`, t('report.toc.service', { name: s.name })] as [string, string]),
    ['causes', t('report.section.causes')],
    ['satisfaction', t('report.section.satisfaction')],
    ['products', t('report.section.products', { from: model.data.productWindow.from, to: model.data.productWindow.to })],
    ['actions', t('report.section.actions')],
    ['improve', t('report.section.improve')],
  ];
  const doc = html`<!DOCTYPE html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="aftersales">
<title>${title}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<main>
<header><h1>${t('report.heading')}</h1><p class="meta"><b>${r.ledger}</b> — ${t('report.period', { period: r.period.label, start: first, end: last })}</p><p class="meta">${t('report.as-of', { asOf: r.asOf, history: model.history.length })}</p></header>
<nav class="toc" aria-label="${t('report.toc')}"><b>${t('report.toc')}</b><ol>${toc.map(([id, text]) => html`<li><a href="#${id}">${text}</a></li>`)}</ol></nav>
${summarySection(model, t)}
${objectivesSection(model, t)}
${deviationsSection(model, t)}
${r.services.map((s) => serviceSection(model, s, ids, t))}
${causesSection(model, ids, t)}
${satisfactionSection(model, ids, t)}
${productsSection(model, ids, t)}
${actionsSection(model, t)}
${opportunitiesSection(model, t)}
<footer>${t('report.footer', { asOf: r.asOf })}</footer>
</main>
</body>
</html>
`;
  return doc.value;
}
