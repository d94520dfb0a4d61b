// `aftersales record list [--open] [--service S] [--period P] [--format table|json]`: records,
// sorted by opened then id. JSON: {schemaVersion: 1, records: [data…]}. Record files with
// errors are not listed; their count is said on stderr (run `check` to see them).
import { labelOf } from '../i18n/labels.js';
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { RecordData } from '../ledger/schema.js';
import { closest } from '../ledger/values.js';
import { formatInstant, isDuration, parseDurationHours, parseTimestamp } from '../time/index.js';
import { buildLookup } from '../ledger/lookup.js';
import { prepareRecords } from '../quality/prepare.js';
import { atRisk } from '../quality/at-risk.js';
import { atRiskJson, atRiskTable } from '../report/at-risk.js';
import { resolveAsOf } from './control-options.js';
import { palette } from '../report/colors.js';
import { periodFilter } from '../recording/period.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { safeDeep } from '../io/safe-text.js';

export const LIST_FORMATS = ['table', 'json'] as const;

export interface RecordListOptions {
  atRisk?: boolean;
  within?: string;
  asOf?: string;
  open?: boolean;
  service?: string;
  period?: string;
  format?: string;
}

export async function runRecordList(ctx: CommandContext & RecordListOptions): Promise<{ exitCode: number; records: RecordData[] }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, LIST_FORMATS, 'table');
  if (ctx.atRisk) return runAtRisk(ctx, format);
  const ledger = openLedger(ctx);
  const tz = ledger.config.timezone;
  const period = periodFilter(ctx.period, ledger.config, io.now(), t);
  if (ctx.service !== undefined) {
    const known = ledger.services.map((s) => s.data?.id ?? s.path.replace(/^services\/|\.yaml$/g, ''));
    if (!known.includes(ctx.service)) {
      const suggestion = closest(ctx.service, known);
      throw new UsageError(t('problem.unknown-service', { value: ctx.service }), `${suggestion ? `${t('hint.didYouMean', { suggestion })} ` : ''}${t('hint.unknown-service', { value: ctx.service, known: known.join(', ') })}`);
    }
  }
  const broken = ledger.records.filter((f) => f.data === undefined).length;
  const rows = ledger.records
    .filter((f) => f.data !== undefined)
    .map((f) => ({ data: f.data!, opened: parseTimestamp(f.data!.opened, tz) }))
    .filter((r) => !ctx.open || r.data.closed === undefined)
    .filter((r) => ctx.service === undefined || r.data.service === ctx.service)
    .filter((r) => !period || (r.opened >= period.start && r.opened < period.end))
    .sort((a, b) => a.opened - b.opened || (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0));
  const records = rows.map((r) => r.data);
  if (broken > 0) io.err(`${t('record.list-broken', { count: broken })}\n`);

  if (format === 'json') {
    io.out(`${JSON.stringify({ schemaVersion: 1, records }, null, 2)}\n`);
    return { exitCode: 0, records };
  }
  if (records.length === 0) {
    io.out(`${t('record.list-empty')}\n`);
    return { exitCode: 0, records };
  }
  const { default: Table } = await import('cli-table3');
  const c = palette(io.color);
  const head = ['id', 'opened', 'service', 'status', 'priority', 'assignee', 'customer', 'product'].map((h) => c.bold(t(`record.col.${h}`)));
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) {
    const d = safeDeep(r.data);
    const paused = d.closed === undefined && d.paused?.some((x) => x.to === undefined);
    const status = paused ? c.yellow(labelOf(t, 'record-status', 'paused')) : d.closed === undefined ? c.yellow(t('record.status.open')) : d.outcome === undefined ? '' : labelOf(t, 'outcome', d.outcome);
    table.push([d.id, formatInstant(r.opened, tz).slice(0, 16).replace('T', ' '), d.service, status, labelOf(t, 'priority', d.priority ?? 'normal'), d.assignee ?? '', String(d.customer ?? ''), d.product ?? '']);
  }
  io.out(`${table.toString()}\n${t('record.list-count', { count: records.length })}\n`);
  return { exitCode: 0, records };
}

/**
 * `--at-risk`: the SLA clocks of open records breached or running out within --within (default
 * 4h) at --as-of (default now). Exit 1 when one is breached, so that an hourly job can notify.
 */
async function runAtRisk(ctx: CommandContext & RecordListOptions, format: (typeof LIST_FORMATS)[number]): Promise<{ exitCode: number; records: RecordData[] }> {
  const { io } = ctx;
  const t = io.t;
  const within = ctx.within ?? '4h';
  if (!isDuration(within)) throw new UsageError(t('risk.bad-within', { value: within }), t('hint.bad-duration'));
  const ledger = openLedger(ctx, { validate: 'all' });
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const lookup = buildLookup(ledger);
  const cols = prepareRecords(ledger, lookup);
  const withinHours = parseDurationHours(within);
  const rows = atRisk(cols, lookup, asOf, withinHours)
    .filter((r) => ctx.service === undefined || r.service === ctx.service)
    .map((r) => ({ ...r, record: cols.dataOf(r.row) }));
  const stamp = formatInstant(asOf, ledger.config.timezone);
  io.out(format === 'json' ? atRiskJson(stamp, withinHours, rows) : atRiskTable(stamp, withinHours, rows, t, io.color));
  return { exitCode: rows.some((r) => r.leftHours < 0) ? 1 : 0, records: rows.map((r) => r.record) };
}
