// control --format table (default): per service its requirements with value, target, coloured
// status and a sparkline of the last periods; then the deviations with causes, responsible
// and suggestions.
import Table from 'cli-table3';
import type { Translate } from '../i18n/index.js';
import type { ControlResult, Deviation } from '../quality/control.js';
import type { Status } from '../quality/targets.js';
import { palette } from './colors.js';
import { formatTarget, formatValue, indicatorName, sparkline } from './format.js';
import { causeLine, deviationHeadline, responsibleLine, rulesLine } from './deviation-text.js';
import { safeDeep } from '../io/safe-text.js';

function statusText(status: Status, t: Translate, color: boolean): string {
  const c = palette(color);
  const text = t(`status.${status}`);
  return status === 'ok' ? c.green(text) : status === 'warning' ? c.yellow(text) : status === 'critical' ? c.red.bold(text) : c.dim(text);
}

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, wordWrap: true });
}

function deviationLines(d: Deviation, t: Translate, color: boolean): string[] {
  const c = palette(color);
  const sev = d.severity === 'critical' ? c.red.bold(t('status.critical')) : c.yellow(t('status.warning'));
  const lines = [`${sev} ${c.bold(d.key)}  ${deviationHeadline(d, t)}${d.acknowledged ? c.dim(`  [${t('control.acknowledged', { actions: d.actions.join(', ') })}]`) : ''}`];
  if (d.kind === 'trend') lines.push(`    ${rulesLine(d, t)}`);
  const responsible = responsibleLine(d, t);
  if (responsible) lines.push(`    ${responsible}`);
  if (d.kind === 'target' || d.kind === 'trend') {
    for (const cause of d.causes) lines.push(`    ${causeLine(cause, d.unit, t)}`);
    for (const s of d.suggestions) lines.push(`    ${t('control.suggestion', { title: s })}`);
  }
  if (d.kind === 'compliance') {
    const shown = 20;
    for (const r of d.records.slice(0, shown)) lines.push(`    ${t('control.record', { id: r.id, problems: r.problems.join(', ') })}`);
    if (d.records.length > shown) lines.push(`    … (+${d.records.length - shown})`);
  }
  if (d.kind === 'training') for (const p of d.people) lines.push(`    ${t('control.person', { id: p.id, course: p.course, problem: p.problem })}`);
  return lines;
}

export function formatControlTable(unsafe: ControlResult, t: Translate, color: boolean): string {
  const result = safeDeep(unsafe); // ledger values: no control character reaches the terminal
  const c = palette(color);
  const out: string[] = [c.bold(t('control.title', { ledger: result.ledger, period: result.period.label, asOf: result.asOf })), ''];
  const head = ['control.col.requirement', 'control.col.kind', 'control.col.indicator', 'control.col.value', 'control.col.target', 'control.col.status', 'control.col.n', 'control.col.trend'].map((k) => t(k));
  for (const s of result.services) {
    out.push(c.bold(t('control.service', { id: s.id, name: s.name, owner: s.owner })));
    const tb = table(head);
    for (const r of s.requirements) {
      tb.push([r.id, r.kind, indicatorName(r.indicator) + (r.stat && r.stat !== 'mean' && r.stat !== 'median' ? ` ${r.stat}` : ''), formatValue(r.value, r.unit), formatTarget(r.target, r.unit, t('status.critical')), statusText(r.status, t, color), String(r.n), sparkline(r.series.map((x) => x.value))]);
    }
    out.push(tb.toString(), '');
  }
  if (result.objectives.length > 0) {
    out.push(c.bold(t('control.objectives')));
    const tb = table(head.slice(0, 1).concat(head.slice(2, 7)));
    for (const o of result.objectives) tb.push([o.id, indicatorName(o.indicator), formatValue(o.value, o.unit), formatTarget(o.target, o.unit, t('status.critical')), statusText(o.status, t, color), String(o.n)]);
    out.push(tb.toString(), '');
  }
  out.push(c.bold(t('control.deviations', { count: result.deviations.length })));
  if (result.deviations.length === 0) out.push(t('control.no-deviations'));
  for (const d of result.deviations) out.push(...deviationLines(d, t, color), '');
  out.push(t('control.summary', result.summary));
  return `${out.join('\n')}\n`;
}
