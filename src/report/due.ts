// `due` as a table: one row per asset overdue or due soon, sorted by date (the order of
// acting/due.ts), with the customer as a column; `--group-by customer`: a table per customer.
import type { Translate } from '../i18n/index.js';
import type { DueAsset } from '../acting/due.js';
import { daysBetween } from '../acting/verify-period.js';
import { safeDeep } from '../io/safe-text.js';
import { palette } from './colors.js';
import { compactTable, type Row } from './compact-table.js';

export type DueGrouping = 'none' | 'customer';

export function formatDueTable(unsafe: DueAsset[], today: string, within: number, t: Translate, color: boolean, groupBy: DueGrouping): string {
  const assets = safeDeep(unsafe); // serials, customers: ledger values printed for people
  const c = palette(color);
  const status = (a: DueAsset) => {
    const days = daysBetween(today, a.due);
    return a.status === 'overdue' ? c.red(t('due.overdue', { days: -days })) : c.yellow(days === 0 ? t('due.today') : t('due.soon', { days }));
  };
  const customerOf = (a: DueAsset) => (a.customer === null ? t('due.unknown') : a.customer);
  const out: string[] = [c.bold(t('due.title', { date: today, days: within })), ''];
  if (groupBy === 'customer') {
    const head = ['due', 'status', 'serial', 'product', 'service', 'last'].map((h) => c.bold(t(`due.col.${h}`)));
    const customers = [...new Set(assets.map((a) => a.customer))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
    for (const customer of customers) {
      out.push(c.bold(customer === null ? t('due.no-customer') : t('due.customer', { customer })));
      const rows: Row[] = assets.filter((a) => a.customer === customer).map((a) => [a.due, status(a), a.serial, a.product ?? '—', a.service ?? '—', a.last ?? t('due.never')]);
      out.push(compactTable(head, rows), '');
    }
  } else {
    const head = ['due', 'status', 'customer', 'serial', 'product', 'service', 'last'].map((h) => c.bold(t(`due.col.${h}`)));
    const rows: Row[] = assets.map((a) => [a.due, status(a), customerOf(a), a.serial, a.product ?? '—', a.service ?? '—', a.last ?? t('due.never')]);
    out.push(compactTable(head, rows), '');
  }
  const overdue = assets.filter((a) => a.status === 'overdue').length;
  out.push(t('due.summary', { count: assets.length, overdue, soon: assets.length - overdue }));
  return `${out.join('\n')}\n`;
}
