// control --format markdown: a pull-request comment or a management-review section.
import type { Translate } from '../i18n/index.js';
import type { ControlResult } from '../quality/control.js';
import { formatTarget, formatValue, indicatorName } from './format.js';

const ICON: Record<string, string> = { ok: '✅', warning: '⚠️', critical: '❌', 'no-data': '⚪' };

/** Markdown-escape text that users wrote (names, values). */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+\-.!|])/g, '\\$1');
}

export function formatControlMarkdown(result: ControlResult, t: Translate): string {
  const out: string[] = [`## ${md(t('md.title', { ledger: result.ledger, period: result.period.label }))}`, ''];
  out.push(`${t('control.summary', result.summary)}`, '');
  out.push(`### ${t('md.requirements')}`, '');
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
  out.push('', `### ${t('md.deviations')}`, '');
  if (result.deviations.length === 0) out.push(t('control.no-deviations'));
  for (const d of result.deviations) {
    const ack = d.acknowledged ? ` — ${t('control.acknowledged', { actions: d.actions.join(', ') })}` : '';
    out.push(`- ${ICON[d.severity]} **\`${d.key}\`** (${d.kind})${ack}`);
    if (d.responsible) out.push(`  - ${md(t('control.responsible', { role: d.responsible.role, people: d.responsible.people.join(', ') || '—' }))}`);
    const unit = d.service === '*' ? result.objectives.find((o) => o.id === d.requirement)?.unit ?? 'number'
      : result.services.find((s) => s.id === d.service)?.requirements.find((r) => r.id === d.requirement)?.unit ?? 'number';
    if (d.kind === 'target') out.push(`  - ${md(t('control.kind.target', { value: formatValue(d.value, unit), target: formatTarget(d.target!, unit, t('status.critical')) }))}`);
    if (d.rules) out.push(`  - ${md(t('control.rules', { rules: d.rules.join(', '), count: d.series?.length ?? 0 }))}`);
    for (const c of d.causes ?? []) {
      out.push(`  - ${md(t('control.cause', { dimension: c.dimension, value: c.value, n: c.n, inGroup: formatValue(c.value_in_group, unit), without: formatValue(c.value_without_group, unit) }))}`);
    }
    for (const s of d.suggestions ?? []) out.push(`  - ${md(t('control.suggestion', { title: s }))}`);
    if (d.records && d.records.length > 0) out.push(`  - ${d.records.map((r) => `\`${r.id}\` ${r.problems.join(', ')}`).join('; ')}`);
    for (const p of d.people ?? []) out.push(`  - ${md(t('control.person', { id: p.id, course: p.course, problem: p.problem }))}`);
    if (d.kind === 'action') out.push(`  - ${md(t('control.kind.action', { actions: d.actions.join(', ') }))}`);
    if (d.kind === 'capacity') out.push(`  - ${md(t('control.kind.capacity', { value: formatValue(d.value, 'ratio'), capacity: d.capacity ?? '' }))}`);
  }
  return `${out.join('\n')}\n`;
}
