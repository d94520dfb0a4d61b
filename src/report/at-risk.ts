// `record list --at-risk` for people (one compact table, soonest breach first) and for programs.
import type { Translate } from '../i18n/index.js';
import type { AtRisk } from '../quality/at-risk.js';
import type { RecordData } from '../ledger/schema.js';
import { labelOf } from '../i18n/labels.js';
import { safeDeep } from '../io/safe-text.js';
import { palette } from './colors.js';
import { compactTable } from './compact-table.js';
import { formatValue } from './format.js';

export interface AtRiskRow extends AtRisk {
  record: RecordData;
}

export function atRiskJson(asOf: string, withinHours: number, rows: AtRiskRow[]): string {
  const records = rows.map((r) => ({
    id: r.record.id, service: r.service, customer: r.record.customer ?? null, assignee: r.record.assignee ?? null, priority: r.record.priority ?? 'normal',
    requirement: r.requirement, clock: r.clock, limit_hours: r.limitHours, elapsed_hours: r.elapsedHours, left_hours: r.leftHours, breached: r.leftHours < 0,
  }));
  return `${JSON.stringify({ schemaVersion: 1, asOf, within_hours: withinHours, records }, null, 2)}\n`;
}

export function atRiskTable(asOf: string, withinHours: number, unsafe: AtRiskRow[], t: Translate, color: boolean): string {
  const rows = safeDeep(unsafe);
  const c = palette(color);
  const title = c.bold(t('risk.title', { date: asOf, within: formatValue(withinHours, 'hours') }));
  if (rows.length === 0) return `${title}\n${t('risk.none')}\n`;
  const head = ['left', 'id', 'service', 'requirement', 'customer', 'assignee', 'priority', 'limit', 'elapsed'].map((h) => c.bold(t(`risk.col.${h}`)));
  const body = rows.map((r) => [
    r.leftHours < 0 ? c.red.bold(t('risk.breached', { by: formatValue(-r.leftHours, 'hours') })) : c.yellow(formatValue(r.leftHours, 'hours')),
    r.record.id, r.service, `${r.requirement} (${t(`risk.clock.${r.clock}`)})`, String(r.record.customer ?? '—'), r.record.assignee ?? '—',
    labelOf(t, 'priority', r.record.priority ?? 'normal'), formatValue(r.limitHours, 'hours'), formatValue(r.elapsedHours, 'hours'),
  ]);
  const breached = rows.filter((r) => r.leftHours < 0).length;
  return `${title}\n\n${compactTable(head, body)}\n\n${t('risk.summary', { count: rows.length, breached })}\n`;
}
