// `aftersales action close ID [--date DATE]`: the action was carried out — status done and the
// closed date (default today in the ledger time zone). Its effect is judged later by
// `action verify`. Only an open action can be closed.
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { isDate } from '../ledger/values.js';
import { localDate } from '../time/index.js';
import { editActionFile, readActionFile, setTopLevelAfter } from '../acting/action-file.js';
import { listActionIds, resolveActionId } from '../acting/ids.js';
import { ledgerRoot, openLedger } from '../ledger/open.js';
import { yearInRange } from './control-options.js';

export interface ActionCloseOptions {
  id?: string;
  date?: string;
}

export async function runActionClose(ctx: CommandContext & ActionCloseOptions): Promise<{ exitCode: number; id: string }> {
  const { io } = ctx;
  const t = io.t;
  if (ctx.date !== undefined && !isDate(ctx.date)) throw new UsageError(t('act.bad-date', { flag: '--date', value: ctx.date }), t('hint.bad-date'));
  if (ctx.date !== undefined) yearInRange(t, '--date', ctx.date);
  const root = ledgerRoot(ctx);
  const id = resolveActionId(listActionIds(root), ctx.id ?? '', t);
  const file = readActionFile(root, id, t);
  const a = file.data;
  if (a.status !== 'open') {
    const hint = a.status === 'done' ? t('act.hint.verify', { id }) : undefined;
    throw new UsageError(t('act.not-open', { id, status: t(`act.status.${a.status}`), closed: a.closed ?? '—' }), hint);
  }
  const tz = openLedger(ctx, { need: 'plan' }).config.timezone;
  const date = ctx.date ?? localDate(io.now(), tz);
  if (date < a.opened) throw new UsageError(t('act.closed-before-opened', { date, opened: a.opened }));
  editActionFile(file, (e) => e.set(['status'], 'done'), t, (text) => setTopLevelAfter(text, 'status', 'closed', date));
  io.out(`${t('act.closed', { id, file: file.rel, date })}\n`);
  return { exitCode: 0, id };
}
