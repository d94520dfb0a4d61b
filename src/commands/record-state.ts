// `aftersales record pause ID --reason R [--at T]`, `record resume ID [--at T]`,
// `record cancel ID --reason R [--at T]`: the routine changes of an open record's state without
// a text editor (SPEC §5). A pause is an entry of `paused` without `to` until it is resumed (the
// time in between does not count in response and resolution times); cancelling closes the
// record with outcome `cancelled` (it then counts only in `volume`), ends an open pause and keeps
// the reason in `notes`. Same safety as every edit: the file's lock, validation, atomic replace.
import { UsageError } from '../errors.js';
import type { CommandContext, IO } from '../io/io.js';
import { isTimestamp } from '../ledger/values.js';
import { commitEdits, type Edit } from '../recording/edit-record.js';
import { nowStamp } from '../recording/new-record.js';
import { openPlan, type Plan } from '../recording/plan.js';
import { openRecord, type OpenedRecord } from '../recording/read-record.js';
import { resolveRecord } from '../recording/resolve.js';
import { parseTimestamp } from '../time/index.js';
import { yearInRange } from './control-options.js';

export interface RecordStateOptions {
  id: string;
  reason?: string;
  at?: string;
}

type Pause = { from: string; to?: string; reason?: string };

/** --at (default now) as ledger text, checked. */
function atFlag(io: IO, value: string | undefined, plan: Plan): string {
  if (value === undefined) return nowStamp(io.now(), plan.tz);
  if (!isTimestamp(value)) throw new UsageError(io.t('problem.bad-timestamp', { value }), io.t('hint.bad-timestamp'));
  yearInRange(io.t, '--at', value);
  return value;
}

function reasonFlag(io: IO, value: string | undefined, command: string): string {
  const reason = value?.trim() ?? '';
  if (reason === '') throw new UsageError(io.t('record.state.no-reason', { command }), io.t('record.state.hint.no-reason', { command }));
  return reason;
}

/** The record, open (not closed), with its pauses; `at` not before it was opened nor before its last pause. */
async function openOpenRecord(ctx: CommandContext & RecordStateOptions, plan: Plan, at: string): Promise<{ record: OpenedRecord; pauses: Pause[] }> {
  const { io } = ctx;
  const ref = resolveRecord(plan.root, ctx.id, io.t);
  const record = await openRecord(plan.root, ref, io);
  const data = record.data;
  if (data.closed !== undefined) throw new UsageError(io.t('record.state.closed', { id: ref.id, closed: String(data.closed) }), io.t('record.state.hint.closed', { id: ref.id }));
  const instant = parseTimestamp(at, plan.tz);
  if (typeof data.opened === 'string' && isTimestamp(data.opened) && instant < parseTimestamp(data.opened, plan.tz)) {
    throw new UsageError(io.t('record.state.before-opened', { at, opened: data.opened }));
  }
  const pauses = Array.isArray(data.paused) ? (data.paused as Pause[]).map((p) => ({ ...p })) : [];
  return { record, pauses };
}

function commit(ctx: CommandContext, plan: Plan, record: OpenedRecord, edits: Edit[], message: string): { exitCode: number } {
  const { warnings } = commitEdits(plan, record, edits, ctx.io);
  for (const w of warnings) ctx.io.err(`${ctx.io.t('severity.warning')}: ${w}\n`);
  ctx.io.out(`${message}\n`);
  return { exitCode: 0 };
}

const openPause = (pauses: Pause[]) => pauses.find((p) => p.to === undefined);

export async function runRecordPause(ctx: CommandContext & RecordStateOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const reason = reasonFlag(io, ctx.reason, 'pause');
  const plan = openPlan(ctx);
  const at = atFlag(io, ctx.at, plan);
  const { record, pauses } = await openOpenRecord(ctx, plan, at);
  const id = record.ref.id;
  const current = openPause(pauses);
  if (current) throw new UsageError(io.t('record.state.already-paused', { id, from: current.from }), io.t('record.state.hint.already-paused', { id }));
  const instant = parseTimestamp(at, plan.tz);
  const overlapped = pauses.find((p) => p.to !== undefined && instant < parseTimestamp(p.to, plan.tz));
  if (overlapped) throw new UsageError(io.t('record.state.overlap', { at, from: overlapped.from, to: overlapped.to! }));
  return commit(ctx, plan, record, [{ path: ['paused'], value: [...pauses, { from: at, reason }] }], io.t('record.state.paused', { id, at }));
}

export async function runRecordResume(ctx: CommandContext & RecordStateOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const plan = openPlan(ctx);
  const at = atFlag(io, ctx.at, plan);
  const { record, pauses } = await openOpenRecord(ctx, plan, at);
  const id = record.ref.id;
  const current = openPause(pauses);
  if (!current) throw new UsageError(io.t('record.state.not-paused', { id }), io.t('record.state.hint.not-paused', { id }));
  if (parseTimestamp(at, plan.tz) < parseTimestamp(current.from, plan.tz)) throw new UsageError(io.t('record.state.resume-before', { at, from: current.from }));
  current.to = at;
  return commit(ctx, plan, record, [{ path: ['paused'], value: pauses.map(ordered) }], io.t('record.state.resumed', { id, at }));
}

export async function runRecordCancel(ctx: CommandContext & RecordStateOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const reason = reasonFlag(io, ctx.reason, 'cancel');
  const plan = openPlan(ctx);
  const at = atFlag(io, ctx.at, plan);
  const { record, pauses } = await openOpenRecord(ctx, plan, at);
  const id = record.ref.id;
  const edits: Edit[] = [{ path: ['closed'], value: at }, { path: ['outcome'], value: 'cancelled' }];
  const current = openPause(pauses);
  if (current) {
    current.to = at; // a closed record is not paused any more
    edits.push({ path: ['paused'], value: pauses.map(ordered) });
  }
  const note = io.t('record.state.cancel-note', { at, reason });
  const notes = typeof record.data.notes === 'string' && record.data.notes.trim() !== '' ? `${record.data.notes.trimEnd()}\n${note}` : note;
  edits.push({ path: ['notes'], value: notes });
  return commit(ctx, plan, record, edits, io.t('record.state.cancelled', { id, at }));
}

/** A pause's keys in the file's order: from, to, reason. */
function ordered(p: Pause): Pause {
  return { from: p.from, ...(p.to !== undefined ? { to: p.to } : {}), ...(p.reason !== undefined ? { reason: p.reason } : {}) };
}
