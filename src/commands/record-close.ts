// `aftersales record close ID [--outcome O] [--step s=done]… [--set path=value]… [--closed T]`:
// close an intervention, asking (on a terminal) for what a closed record requires: the
// procedure's step checklist, what done steps capture, outcome, closed time, visits, cause,
// parts, cost and survey answers. Without a terminal a missing --outcome is exit 2.
import { codeOption } from './code-option.js';
import { labelOf } from '../i18n/labels.js';
import { UsageError } from '../errors.js';
import type { CommandContext, IO } from '../io/io.js';
import { needPrompter, type Prompter } from '../io/prompt.js';
import { OUTCOMES, STEP_STATES, type Procedure } from '../ledger/schema.js';
import { parseSet, setIn } from '../ledger/set-values.js';
import { PROCEDURE_REF_RE, isTimestamp } from '../ledger/values.js';
import { askCause, askChoice, askParts, askSurvey, askText, askTimestamp, getIn, surveyQuestions } from '../recording/ask.js';
import { commitEdits, type Edit } from '../recording/edit-record.js';
import { openRecord } from '../recording/read-record.js';
import { nowStamp, type Data } from '../recording/new-record.js';
import { openPlan, type Plan } from '../recording/plan.js';
import { resolveRecord } from '../recording/resolve.js';
import { yearInRange } from './control-options.js';

export interface RecordCloseOptions {
  id: string;
  outcome?: string;
  step?: string[];
  set?: string[];
  closed?: string;
}

/** `--step diagnose=done` → [id, state], the step checked against the procedure. */
function parseStep(io: IO, flag: string, procedure: Procedure | undefined): [string, string] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(io.t('record.bad-step', { value: flag }), io.t('record.hint.bad-step'));
  const id = flag.slice(0, eq).trim();
  const state = codeOption(io, '--step', flag.slice(eq + 1).trim(), STEP_STATES, 'step');
  if (procedure && !procedure.steps.some((s) => s.id === id)) codeOption(io, '--step', id, procedure.steps.map((s) => s.id));
  return [id, state];
}

/** Ask, field by field, what done steps capture and the record still lacks. */
async function askCaptures(p: Prompter, io: IO, procedure: Procedure, view: Data, asked: Set<string>): Promise<Data> {
  const t = io.t;
  const out: Data = {};
  const steps = (view.steps ?? {}) as Record<string, string>;
  for (const step of procedure.steps) {
    if (steps[step.id] !== 'done') continue;
    for (const field of step.captures ?? []) {
      const path = field.split('.');
      if (getIn(view, path) !== undefined || asked.has(field) || path[0] === 'survey') continue; // survey: asked below
      asked.add(field);
      let value: unknown;
      if (field === 'cause') value = await askCause(p, t);
      else if (field === 'parts') value = await askParts(p, t);
      else value = await askText(p, t, path, t('record.ask.capture', { field: capitalised(labelOf(t, 'field', field)), step: step.name }));
      if (value !== undefined) {
        setIn(out, path, value);
        setIn(view, path, value);
      }
    }
  }
  return out;
}

export async function runRecordClose(ctx: CommandContext & RecordCloseOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const t = io.t;
  const outcome = ctx.outcome === undefined ? undefined : codeOption(io, '--outcome', ctx.outcome, OUTCOMES, 'outcome');
  if (ctx.closed !== undefined && !isTimestamp(ctx.closed)) {
    throw new UsageError(t('problem.bad-timestamp', { value: ctx.closed }), t('hint.bad-timestamp'));
  }
  if (ctx.closed !== undefined) yearInRange(t, '--closed', ctx.closed);
  const sets = (ctx.set ?? []).map((s) => parseSet('record', s, t));
  const plan: Plan = openPlan(ctx);
  const ref = resolveRecord(plan.root, ctx.id, t);
  const record = await openRecord(plan.root, ref, io);
  if (record.data.closed !== undefined) {
    throw new UsageError(t('record.already-closed', { id: ref.id, closed: String(record.data.closed) }), t('record.hint.already-closed', { id: ref.id }));
  }
  const procId = PROCEDURE_REF_RE.exec(String(record.data.procedure ?? ''))?.[1];
  const procedure = procId ? plan.lookup.procedures.get(procId) : undefined;
  const service = plan.lookup.services.get(String(record.data.service));

  // `view`: what the record will hold, to know what is still missing; `edits`: what changes.
  const view: Data = structuredClone(record.data);
  const edits: Edit[] = [];
  const edit = (path: string[], value: unknown) => {
    edits.push({ path, value });
    setIn(view, path, value);
  };
  if (ctx.closed !== undefined) edit(['closed'], ctx.closed);
  if (outcome !== undefined) edit(['outcome'], outcome);
  // `--step all=done` marks every step of the procedure; the other --step flags are exceptions.
  const stepFlags = ctx.step ?? [];
  const isAll = (flag: string) => flag.slice(0, flag.indexOf('=')).trim() === 'all';
  for (const flag of [...stepFlags.filter(isAll), ...stepFlags.filter((f) => !isAll(f))]) {
    if (isAll(flag)) {
      const state = codeOption(io, '--step', flag.slice(flag.indexOf('=') + 1).trim(), STEP_STATES, 'step');
      if (!procedure) throw new UsageError(t('record.step-all-no-procedure', { id: ref.id }));
      for (const s of procedure.steps) edit(['steps', s.id], state);
      continue;
    }
    const [id, state] = parseStep(io, flag, procedure);
    edit(['steps', id], state);
  }
  for (const s of sets) edit(s.path, s.value);

  if (view.outcome === undefined && !(io.interactive && io.prompter)) await needPrompter(io, ['--outcome O']);
  if (io.interactive && io.prompter) {
    const p = await io.prompter();
    const steps = (view.steps ?? {}) as Record<string, string>;
    for (const step of procedure?.steps ?? []) {
      if (steps[step.id] !== undefined) continue;
      const name = `${step.name}${step.mandatory ? ` (${t('record.ask.mandatory')})` : ''}`;
      // Nothing pre-answered (SPEC §1.6): the first choice leaves the step unanswered.
      const state = await askChoice(p, t, t('record.ask.step', { step: name }), STEP_STATES.map((s) => ({ value: s, name: labelOf(t, 'step', s) })), undefined, true, t('record.ask.unanswered'));
      if (state !== undefined) edit(['steps', step.id], state);
    }
    const asked = new Set<string>();
    if (procedure) leaves(await askCaptures(p, io, procedure, view, asked), [], edit);
    if (view.outcome === undefined) {
      edit(['outcome'], await askChoice(p, t, t('record.ask.outcome'), OUTCOMES.map((o) => ({ value: o, name: labelOf(t, 'outcome', o) })), 'resolved', false));
    }
    if (view.closed === undefined) edit(['closed'], await askTimestamp(p, t, t('record.ask.closed'), nowStamp(io.now(), plan.tz)));
    const optional: [string, () => Promise<unknown>][] = [
      ['visits', () => askText(p, t, ['visits'], t('record.ask.visits'), '1')],
      ['cause', () => askCause(p, t)],
      ['parts', () => askParts(p, t)],
      ['cost', () => askText(p, t, ['cost'], t('record.ask.cost'))],
      ['survey', () => askSurvey(p, t, surveyQuestions(service, plan.ledger.settings))],
    ];
    for (const [field, ask] of optional) {
      if (view[field] !== undefined || asked.has(field)) continue;
      const v = await ask();
      if (v !== undefined) leaves({ [field]: v }, [], edit);
    }
  }
  if (view.closed === undefined) edit(['closed'], nowStamp(io.now(), plan.tz));
  // A record paused until now is not paused once closed: its pause ends when it closes.
  const pauses = Array.isArray(view.paused) ? (view.paused as { from: string; to?: string; reason?: string }[]) : [];
  if (pauses.some((p) => p.to === undefined)) {
    edit(['paused'], pauses.map((p) => (p.to === undefined ? { from: p.from, to: String(view.closed), ...(p.reason !== undefined ? { reason: p.reason } : {}) } : p)));
  }
  // closed and outcome first: new keys are appended in this order.
  const rank = (e: Edit) => (e.path[0] === 'closed' ? 0 : e.path[0] === 'outcome' ? 1 : 2);
  edits.sort((a, b) => rank(a) - rank(b));

  const { data, warnings } = commitEdits(plan, record, edits, io);
  for (const w of warnings) io.err(`${t('severity.warning')}: ${w}\n`);
  // Closed all the same (the record is measured as not adherent), but said (SPEC §1.6).
  const notDone = (procedure?.steps ?? []).filter((s) => s.mandatory && data.steps?.[s.id] !== 'done').map((s) => s.id);
  if (notDone.length > 0 && data.outcome !== 'cancelled') io.err(`${t('severity.warning')}: ${t('record.warn.steps-not-done', { id: ref.id, steps: notDone.join(', ') })}\n`);
  io.out(`${t('record.closed', { id: ref.id, file: ref.path })}\n`);
  return { exitCode: 0 };
}

/** Plain objects → one edit per leaf (lists are leaves), so that existing sibling keys stay. */
function leaves(value: Data, base: string[], edit: (path: string[], value: unknown) => void): void {
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) leaves(v as Data, [...base, k], edit);
    else edit([...base, k], v);
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
