// `aftersales due [--within D] [--as-of T] [--format table|json]`: assets (serials) whose
// scheduled service is overdue or due within D (default 30d), from the services' scheduled needs
// (`need` entries with `every`), the products' maintenance intervals, sale dates and the last
// intervention of each asset (acting/due.ts). Detect the need before the customer calls.
// JSON: {schemaVersion: 1, asOf, assets: [{serial, product, customer, service, last, due,
// status}]}, sorted by due then serial. The table: one row per asset in that order, the customer
// a column (--group-by customer: a table per customer).
import { codeOption } from './code-option.js';
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { buildLookup } from '../ledger/lookup.js';
import { isDuration, parseDurationHours } from '../time/index.js';
import { formatInstant, localDate, parseTimestamp } from '../time/index.js';
import { dueAssets, type AssetRecord, type DueAsset } from '../acting/due.js';
import { resolveAsOf } from './control-options.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { formatDueTable } from '../report/due.js';

export const DUE_FORMATS = ['table', 'json'] as const;
export const DUE_GROUPINGS = ['none', 'customer'] as const;

export interface DueOptions {
  within?: string;
  asOf?: string;
  format?: string;
  groupBy?: string;
}

/** --within: a duration (30d, 6w, 72h) or a bare number of days. */
function withinDays(value: string | undefined, t: CommandContext['io']['t']): number {
  if (value === undefined) return 30;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (isDuration(text)) return Math.floor(parseDurationHours(text) / 24);
  throw new UsageError(t('due.bad-within', { value }), t('hint.bad-duration'));
}

export async function runDue(ctx: CommandContext & DueOptions): Promise<{ exitCode: number; assets: DueAsset[] }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, DUE_FORMATS, 'table');
  const within = withinDays(ctx.within, t);
  const ledger = openLedger(ctx, { validate: 'all' });
  const lookup = buildLookup(ledger);
  const tz = ledger.config.timezone;
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const today = localDate(asOf, tz);

  const records: AssetRecord[] = [];
  for (const f of ledger.records) {
    const r = f.data;
    if (!r || r.serial === undefined) continue;
    const opened = parseTimestamp(r.opened, tz);
    if (opened > asOf) continue; // not yet happened at the as-of instant
    records.push({
      id: r.id, serial: String(r.serial), service: r.service, date: localDate(opened, tz),
      product: r.product, customer: r.customer === undefined ? undefined : String(r.customer), sold: r.sold, outcome: r.outcome,
    });
  }
  const assets = dueAssets(records, [...lookup.services.values()], [...lookup.products.values()], today, within);

  if (format === 'json') {
    io.out(`${JSON.stringify({ schemaVersion: 1, asOf: formatInstant(asOf, tz), assets }, null, 2)}\n`);
    return { exitCode: 0, assets };
  }
  if (assets.length === 0) {
    io.out(`${t('due.none', { days: within, date: today })}\n`);
    return { exitCode: 0, assets };
  }
  const groupBy = codeOption(io, '--group-by', ctx.groupBy ?? 'none', DUE_GROUPINGS, 'grouping');
  io.out(formatDueTable(assets, today, within, t, io.color, groupBy));
  return { exitCode: 0, assets };
}
