// `aftersales action list [--open] [--overdue] [--service S] [--as-of T] [--format table|json]`:
// the actions, sorted by opened then id. `--open`: status open; `--overdue`: open with a due
// date before the as-of date (what control reports). JSON: {schemaVersion: 1, actions: [data…]}.
// Action files with errors are not listed; their count is said on stderr.
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { ActionData } from '../ledger/schema.js';
import { closest } from '../ledger/values.js';
import { isOverdue } from '../quality/control.js';
import { localDate } from '../time/index.js';
import { palette } from '../report/colors.js';
import { resolveAsOf } from './control-options.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { safeDeep } from '../io/safe-text.js';

export const ACTION_LIST_FORMATS = ['table', 'json'] as const;

export interface ActionListOptions {
  open?: boolean;
  overdue?: boolean;
  service?: string;
  asOf?: string;
  format?: string;
}

export async function runActionList(ctx: CommandContext & ActionListOptions): Promise<{ exitCode: number; actions: ActionData[] }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, ACTION_LIST_FORMATS, 'table');
  const ledger = openLedger(ctx, { need: 'no-records' });
  const asOfDate = localDate(resolveAsOf(io, ledger, ctx.asOf), ledger.config.timezone);
  if (ctx.service !== undefined) {
    const known = ledger.services.flatMap((s) => (s.data ? [s.data.id] : [])).sort();
    if (!known.includes(ctx.service)) {
      const near = closest(ctx.service, known);
      throw new UsageError(t('problem.unknown-service', { value: ctx.service }), `${near ? `${t('hint.didYouMean', { suggestion: near })} ` : ''}${t('hint.unknown-service', { value: ctx.service, known: known.join(', ') })}`);
    }
  }
  const broken = ledger.actions.filter((f) => f.data === undefined).length;
  const actions = ledger.actions
    .flatMap((f) => (f.data ? [f.data] : []))
    .filter((a) => !ctx.open || a.status === 'open')
    .filter((a) => !ctx.overdue || isOverdue(a, asOfDate))
    .filter((a) => ctx.service === undefined || a.service === ctx.service)
    .sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (broken > 0) io.err(`${t('act.list-broken', { count: broken })}\n`);

  if (format === 'json') {
    io.out(`${JSON.stringify({ schemaVersion: 1, actions }, null, 2)}\n`);
    return { exitCode: 0, actions };
  }
  if (actions.length === 0) {
    io.out(`${t('act.list-empty')}\n`);
    return { exitCode: 0, actions };
  }
  const { default: Table } = await import('cli-table3');
  const c = palette(io.color);
  const head = ['id', 'type', 'status', 'service', 'owner', 'opened', 'due', 'title'].map((h) => c.bold(t(`act.col.${h}`)));
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const a of safeDeep(actions)) {
    const overdue = isOverdue(a, asOfDate);
    const status = overdue ? c.red(t('act.status.overdue')) : a.status === 'ineffective' ? c.red(t(`act.status.${a.status}`)) : a.status === 'verified' ? c.green(t(`act.status.${a.status}`)) : t(`act.status.${a.status}`);
    const where = [a.service, a.requirement].filter(Boolean).join('/');
    table.push([a.id, t(`act.type.${a.type}`), status, where, a.owner, a.opened, a.due ?? '', a.title]);
  }
  io.out(`${table.toString()}\n${t('act.list-count', { count: actions.length })}\n`);
  return { exitCode: 0, actions };
}
