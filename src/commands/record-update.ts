// `aftersales record update ID --set path=value…`: change fields of a record, keeping the
// file's comments and layout; validated like `check` before an atomic replace.
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { parseSet } from '../ledger/set-values.js';
import { commitEdits } from '../recording/edit-record.js';
import { openRecord } from '../recording/read-record.js';
import { openPlan } from '../recording/plan.js';
import { resolveRecord } from '../recording/resolve.js';

export interface RecordUpdateOptions {
  id: string;
  set?: string[];
}

export async function runRecordUpdate(ctx: CommandContext & RecordUpdateOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const t = io.t;
  if (!ctx.set || ctx.set.length === 0) throw new UsageError(t('record.update-nothing'), t('hint.bad-set'));
  const edits = ctx.set.map((s) => parseSet('record', s, t));
  const plan = openPlan(ctx);
  const ref = resolveRecord(plan.root, ctx.id, t);
  const record = await openRecord(plan.root, ref, io);
  const { warnings } = commitEdits(plan, record, edits, io);
  for (const w of warnings) io.err(`${t('severity.warning')}: ${w}\n`);
  io.out(`${t('record.updated', { id: ref.id, file: ref.path })}\n`);
  return { exitCode: 0 };
}
