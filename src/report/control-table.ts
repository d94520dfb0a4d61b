// control --format table (default): per service its requirements with value, target, coloured
// status and a sparkline of the last periods; then the deviations with causes, responsible
// and suggestions.
import Table from 'cli-table3';
import type { Translate } from '../i18n/index.js';
import type { ControlResult, Deviation } from '../quality/control.js';
import type { Status } from '../quality/targets.js';
import { palette } from './colors.js';
import { formatTarget, formatValue, indicatorName, sparkline } from './format.js';
import { causeLine, causeShort, complianceLine, deviationHeadline, responsibleLine, rulesLine, trainingLine } from './deviation-text.js';
import { labelOf } from '../i18n/labels.js';
import { compactTable, type Row } from './compact-table.js';
import type { SinceReport } from './control-formats.js';
import { safeDeep } from '../io/safe-text.js';

function statusText(status: Status, t: Translate, color: boolean): string {
  const c = palette(color);
  const text = t(`status.${status}`);
  return status === 'ok' ? c.green(text) : status === 'warning' ? c.yellow(text) : status === 'critical' ? c.red.bold(text) : c.dim(text);
}

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, wordWrap: true });
}

function severityText(d: Deviation, t: Translate, color: boolean): string {
  const c = palette(color);
  return d.severity === 'critical' ? c.red.bold(t('status.critical')) : c.yellow(t('status.warning'));
}

function headline(d: Deviation, t: Translate, color: boolean): string {
  const c = palette(color);
  return `${severityText(d, t, color)} ${c.bold(d.key)}  ${deviationHeadline(d, t)}${d.acknowledged ? c.dim(`  [${t('control.acknowledged', { actions: d.actions.join(', ') })}]`) : ''}`;
}

/** Every line of a deviation: all causes, suggestions, records (--verbose). */
function deviationLines(d: Deviation, t: Translate, color: boolean): string[] {
  const lines = [headline(d, t, color)];
  if (d.kind === 'trend') lines.push(`    ${rulesLine(d, t)}`);
  const responsible = responsibleLine(d, t);
  if (responsible) lines.push(`    ${responsible}`);
  if (d.kind === 'target' || d.kind === 'trend') {
    for (const cause of d.causes) lines.push(`    ${causeLine(cause, d.unit, t)}`);
    for (const s of d.suggestions) lines.push(`    ${t('control.suggestion', { title: s })}`);
  }
  if (d.kind === 'compliance') {
    const shown = 20;
    for (const r of d.records.slice(0, shown)) lines.push(`    ${complianceLine(r, t)}`);
    if (d.records.length > shown) lines.push(`    … (+${d.records.length - shown})`);
  }
  if (d.kind === 'training') for (const p of d.people) lines.push(`    ${trainingLine(p, t)}`);
  return lines;
}

/**
 * A deviation at a glance: its headline, then (for a target or trend) the responsible, the top
 * cause and the first suggestion on one line; for a few records or people, who they are.
 */
function deviationGlance(d: Deviation, t: Translate, color: boolean): string[] {
  const lines = [d.kind === 'trend' ? `${headline(d, t, color)} (${rulesLine(d, t)})` : headline(d, t, color)];
  const more: string[] = [];
  if (d.kind === 'target' || d.kind === 'trend') {
    const responsible = responsibleLine(d, t);
    if (responsible) more.push(responsible);
    if (d.causes[0]) more.push(causeShort(d.causes[0], d.unit, t));
    if (d.suggestions[0]) more.push(t('control.suggestion', { title: d.suggestions[0] }));
  }
  if (d.kind === 'training') more.push(d.people.map((p) => trainingLine(p, t)).join('; '));
  if (more.length > 0) lines.push(`    ${more.join(' · ')}`);
  return lines;
}

function indicatorText(indicator: ControlResult['services'][number]['requirements'][number]['indicator'], stat: string | undefined): string {
  return indicatorName(indicator) + (stat && stat !== 'mean' && stat !== 'median' ? ` ${stat}` : '');
}

/** Every requirement with its indicator, one bordered table per service (--verbose). */
function verboseTables(result: ControlResult, t: Translate, color: boolean): string[] {
  const c = palette(color);
  const out: string[] = [];
  const head = ['control.col.requirement', 'control.col.kind', 'control.col.indicator', 'control.col.value', 'control.col.target', 'control.col.status', 'control.col.n', 'control.col.trend'].map((k) => t(k));
  for (const s of result.services) {
    out.push(c.bold(t('control.service', { id: s.id, name: s.name, owner: s.owner })));
    const tb = table(head);
    for (const r of s.requirements) {
      tb.push([r.id, labelOf(t, 'kind', r.kind), indicatorText(r.indicator, r.stat), formatValue(r.value, r.unit), formatTarget(r.target, r.unit, t('status.critical')), statusText(r.status, t, color), String(r.n), sparkline(r.series.map((x) => x.value))]);
    }
    out.push(tb.toString(), '');
  }
  if (result.objectives.length > 0) {
    out.push(c.bold(t('control.objectives')));
    const tb = table(head.slice(0, 1).concat(head.slice(2, 7)));
    for (const o of result.objectives) tb.push([o.id, indicatorName(o.indicator), formatValue(o.value, o.unit), formatTarget(o.target, o.unit, t('status.critical')), statusText(o.status, t, color), String(o.n)]);
    out.push(tb.toString(), '');
  }
  return out;
}

/** One table for every service: a heading row per service, one line per requirement. */
function compactTables(result: ControlResult, t: Translate, color: boolean): string[] {
  const c = palette(color);
  const head = ['control.col.requirement', 'control.col.kind', 'control.col.value', 'control.col.target', 'control.col.status', 'control.col.n', 'control.col.trend'].map((k) => c.bold(t(k)));
  const rows: Row[] = [];
  const group = (text: string) => rows.push([{ colSpan: head.length, content: c.bold(text) }]);
  for (const s of result.services) {
    group(t('control.service', { id: s.id, name: s.name, owner: s.owner }));
    for (const r of s.requirements) {
      rows.push([`  ${r.id}`, labelOf(t, 'kind', r.kind), formatValue(r.value, r.unit), formatTarget(r.target, r.unit, t('status.critical')), statusText(r.status, t, color), String(r.n), sparkline(r.series.map((x) => x.value))]);
    }
  }
  if (result.objectives.length > 0) {
    group(t('control.objectives'));
    for (const o of result.objectives) rows.push([`  ${o.id}`, '', formatValue(o.value, o.unit), formatTarget(o.target, o.unit, t('status.critical')), statusText(o.status, t, color), String(o.n), '']);
  }
  return [compactTable(head, rows), ''];
}

export function formatControlTable(unsafe: ControlResult, t: Translate, color: boolean, verbose = false, since?: SinceReport): string {
  const result = safeDeep(unsafe); // ledger values: no control character reaches the terminal
  const c = palette(color);
  const out: string[] = [c.bold(t('control.title', { ledger: result.ledger, period: result.period.label, asOf: result.asOf })), ''];
  out.push(...(verbose ? verboseTables(result, t, color) : compactTables(result, t, color)));
  out.push(c.bold(t('control.deviations', { count: result.deviations.length })));
  if (result.deviations.length === 0) out.push(t('control.no-deviations'));
  const shown = since ? [...result.deviations, ...safeDeep([...since.fixed])].sort((a, b) => (a.key < b.key ? -1 : 1)) : result.deviations;
  for (const d of shown) {
    const lines = verbose ? [...deviationLines(d, t, color), ''] : deviationGlance(d, t, color);
    const change = since?.changes.get(d.key);
    if (change) lines[0] = `${c.bold(`[${t(`since.state.${change}`)}]`)} ${lines[0]}`;
    out.push(...lines);
  }
  if (since) out.push(t('since.summary', { ref: since.ref, commit: since.commit.slice(0, 12), ...since.counts }));
  if (!verbose && result.deviations.length > 0) out.push(c.dim(t('control.verbose-hint')), '');
  out.push(t('control.summary', result.summary));
  return `${out.join('\n')}\n`;
}
