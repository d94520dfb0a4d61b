// control --format markdown: a management review pack (ISO 9001 9.3.2 inputs) to paste into a
// pull request or a meeting record — status of previous actions, customer satisfaction, quality
// objectives, process performance, deviations and corrective actions, improvement
// opportunities. Everything users wrote is Markdown-escaped.
import type { Translate } from '../i18n/index.js';
import type { ControlResult } from '../quality/control.js';
import { formatTarget, formatValue, indicatorName, sparkline } from './format.js';
import type { Point, ReviewInputs } from '../acting/review.js';
import { safeDeep } from '../io/safe-text.js';
import { labelOf, labelsOf } from '../i18n/labels.js';
import { causeLine, deviationHeadline, responsibleLine, rulesLine, trainingLine } from './deviation-text.js';

const ICON: Record<string, string> = { ok: '✅', warning: '⚠️', critical: '❌', 'no-data': '⚪' };

/**
 * Markdown-escape text that users wrote (names, values), escaping only what GitHub-flavoured
 * Markdown reads as syntax where it stands: anywhere, the characters that open emphasis, code,
 * links, HTML, tables, strikethrough and entities; at the start of a line, what opens a heading,
 * list, quote or ordered item. "2026-11" and "(ISO 9001 9.3.2)" stay as they are.
 */
export function md(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+(?=\s*$)|-+(?=\s*$))/gm, (_, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`);
}

/** A table cell: escaped, on one line. */
function cell(text: string): string {
  return md(text.replace(/\s*[\r\n]+\s*/g, ' '));
}


function actionsSection(review: ReviewInputs, t: Translate): string[] {
  const out = [`### ${t('report.md.actions')}`, ''];
  if (review.actions.length === 0) return [...out, t('report.actions.none'), ''];
  out.push(`| ${t('report.col.action')} | ${t('report.col.type')} | ${t('report.col.title')} | ${t('control.col.requirement')} | ${t('report.col.owner')} | ${t('control.col.status')} | ${t('report.col.due')} | ${t('report.col.verification')} |`);
  out.push('|---|---|---|---|---|---|---|---|');
  for (const { action: a, overdue, verifyDue } of review.actions) {
    const status = `${labelOf(t, 'action-status', a.status)}${overdue ? ` ❌ ${t('report.action.overdue')}` : ''}`;
    const v = a.verification;
    const verification = v?.result
      ? t('report.action.verified', { result: labelOf(t, 'verification', v.result), period: v.period ?? '—', value: v.value === undefined || v.value === null ? '—' : String(Number(v.value.toFixed(4))) })
      : verifyDue ? t('report.action.verify-due', { date: v?.after ?? a.due ?? '' })
        : v?.after ? t('report.action.verify-after', { date: v.after }) : '—';
    const about = a.service ? `${a.service}${a.requirement ? `/${a.requirement}` : ''}` : '—';
    out.push(`| \`${a.id}\` | ${cell(labelOf(t, 'action-type', a.type))} | ${cell(a.title)} | ${cell(about)} | ${cell(a.owner)} | ${cell(status)} | ${a.due ?? '—'} | ${cell(verification)} |`);
  }
  return [...out, ''];
}

/** "▂▅▇ 85% → 92%": the sparkline, then the previous value with data and the current one. */
function trend(points: readonly Point[], unit: string): string {
  const values = points.map((p) => p.value);
  const current = values[values.length - 1];
  const previous = [...values.slice(0, -1)].reverse().find((v) => v !== null);
  const line = sparkline(values).replace(/ /g, '·');
  if (current === null || current === undefined) return line;
  return previous === undefined || previous === null ? `${line} ${formatValue(current, unit)}` : `${line} ${formatValue(previous, unit)} → ${formatValue(current, unit)}`;
}

function satisfactionSection(review: ReviewInputs, t: Translate): string[] {
  const out = [`### ${t('report.md.satisfaction')}`, ''];
  out.push(`| ${t('md.service')} | CSAT | n | ${t('report.md.trend')} | NPS | n | ${t('report.md.trend')} |`);
  out.push('|---|---:|---:|---|---:|---:|---|');
  for (const s of review.satisfaction) {
    const c = s.csat[s.csat.length - 1];
    const n = s.nps[s.nps.length - 1];
    const name = s.service === '*' ? `*${md(t('report.md.all-services'))}*` : md(s.service);
    const csat = c && c.value !== null ? formatValue(c.value, 'ratio') : t('report.md.no-surveys');
    const nps = n && n.value !== null ? formatValue(n.value, 'score') : t('report.md.no-surveys');
    out.push(`| ${name} | ${md(csat)} | ${c?.n ?? 0} | ${trend(s.csat, 'ratio')} | ${md(nps)} | ${n?.n ?? 0} | ${trend(s.nps, 'score')} |`);
  }
  return [...out, ''];
}

function objectivesSection(result: ControlResult, t: Translate): string[] {
  const out = [`### ${t('report.md.objectives')}`, ''];
  if (result.objectives.length === 0) return [...out, t('report.md.objectives.none'), ''];
  out.push(`| ${t('report.col.objective')} | ${t('control.col.indicator')} | ${t('control.col.value')} | ${t('control.col.target')} | ${t('control.col.status')} | n |`);
  out.push('|---|---|---:|---|---|---:|');
  for (const o of result.objectives) {
    const met = o.status === 'ok' ? t('report.md.met') : o.status === 'no-data' ? t('status.no-data') : t('report.md.not-met');
    out.push(`| ${md(o.id)} | ${md(indicatorName(o.indicator))} | ${formatValue(o.value, o.unit)} | ${md(formatTarget(o.target, o.unit, t('status.critical')))} | ${ICON[o.status]} ${met} | ${o.n} |`);
  }
  return [...out, ''];
}

function performanceSection(result: ControlResult, t: Translate): string[] {
  const out = [`### ${t('report.md.performance')}`, ''];
  out.push(`| ${t('md.service')} | ${t('control.col.requirement')} | ${t('control.col.indicator')} | ${t('control.col.value')} | ${t('control.col.target')} | ${t('control.col.status')} | n |`);
  out.push('|---|---|---|---|---|---|---:|');
  for (const s of result.services) {
    for (const r of s.requirements) {
      out.push(`| ${md(s.id)} | ${md(r.id)} | ${md(indicatorName(r.indicator))} | ${formatValue(r.value, r.unit)} | ${md(formatTarget(r.target, r.unit, t('status.critical')))} | ${ICON[r.status]} ${t(`status.${r.status}`)} | ${r.n} |`);
    }
  }
  for (const o of result.objectives) {
    out.push(`| * | ${md(o.id)} | ${md(indicatorName(o.indicator))} | ${formatValue(o.value, o.unit)} | ${md(formatTarget(o.target, o.unit, t('status.critical')))} | ${ICON[o.status]} ${t(`status.${o.status}`)} | ${o.n} |`);
  }
  return [...out, ''];
}

function deviationsSection(result: ControlResult, review: ReviewInputs | undefined, t: Translate): string[] {
  const out = [`### ${t('report.md.deviations')}`, ''];
  if (result.deviations.length === 0) out.push(t('control.no-deviations'));
  const actions = new Map((review?.actions ?? []).map((a) => [a.action.id, a]));
  for (const d of result.deviations) {
    const ack = d.acknowledged ? ` — ${t('control.acknowledged', { actions: d.actions.join(', ') })}` : '';
    out.push(`- ${ICON[d.severity]} **\`${d.key}\`** (${md(labelOf(t, 'deviation', d.kind))})${ack}`);
    const responsible = responsibleLine(d, t);
    if (responsible) out.push(`  - ${md(responsible)}`);
    // Every kind but these three says what happened in its headline (they have lines of their own).
    if (d.kind !== 'trend' && d.kind !== 'compliance' && d.kind !== 'training') out.push(`  - ${md(deviationHeadline(d, t))}`);
    if (d.kind === 'trend') out.push(`  - ${md(rulesLine(d, t))}`);
    if (d.kind === 'target' || d.kind === 'trend') {
      for (const c of d.causes) out.push(`  - ${md(causeLine(c, d.unit, t))}`);
      for (const s of d.suggestions) out.push(`  - ${md(t('control.suggestion', { title: s }))}`);
    }
    if (d.kind === 'compliance' && d.records.length > 0) out.push(`  - ${d.records.map((r) => `\`${r.id}\` ${md(labelsOf(t, 'compliance', r.problems))}`).join('; ')}`);
    if (d.kind === 'training') for (const p of d.people) out.push(`  - ${md(trainingLine(p, t))}`);
    // Corrective actions: the ones that name the deviation (or, for `action`, the late ones).
    for (const id of d.actions) {
      const a = actions.get(id);
      if (!a) continue;
      const status = `${labelOf(t, 'action-status', a.action.status)}${a.action.due ? `, ${t('report.action.due', { date: a.action.due })}` : ''}${a.overdue ? `, ${t('report.action.overdue')}` : ''}`;
      out.push(`  - ${t('report.col.action')} \`${id}\`: ${cell(a.action.title)} (${cell(status)})`);
    }
    if (d.actions.length === 0) out.push(`  - ${md(t('report.dev.no-action'))} \`aftersales action open --deviation ${d.key}\``);
  }
  return [...out, ''];
}

function improvementSection(review: ReviewInputs, periods: number, t: Translate): string[] {
  const out = [`### ${t('report.md.improve')}`, ''];
  if (review.opportunities.length === 0) return [...out, t('report.improve.none'), ''];
  out.push(md(t('report.improve.intro', { periods })), '');
  out.push(`| ${t('md.service')} | ${t('control.col.requirement')} | ${t('control.col.target')} | ${t('report.col.worst')} |`);
  out.push('|---|---|---|---:|');
  for (const o of review.opportunities) {
    out.push(`| ${md(o.service)} | ${md(o.requirement)} | ${md(formatTarget(o.target, o.unit, t('status.critical')))} | ${md(formatValue(o.worst, o.unit))} |`);
  }
  return [...out, '', `${md(t('report.improve.hint'))} \`aftersales improve\``, ''];
}

/**
 * The review pack. Without `review` (actions, satisfaction and opportunities gathered from the
 * ledger), only the sections the control result holds are written.
 */
export function formatControlMarkdown(unsafeResult: ControlResult, t: Translate, unsafeReview?: ReviewInputs): string {
  // ledger values: no control character reaches a pull-request comment or a CI log
  const result = safeDeep(unsafeResult);
  const review = safeDeep(unsafeReview);
  const out: string[] = [`## ${md(t('md.title', { ledger: result.ledger, period: result.period.label }))}`, ''];
  out.push(md(t('report.md.intro', { asOf: result.asOf })), '');
  out.push(`${t('control.summary', result.summary)}`, '');
  if (review) out.push(...actionsSection(review, t), ...satisfactionSection(review, t));
  out.push(...objectivesSection(result, t), ...performanceSection(result, t), ...deviationsSection(result, review, t));
  if (review) out.push(...improvementSection(review, result.services[0]?.requirements[0]?.series.length ?? 0, t));
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
