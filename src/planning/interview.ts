// The questions `plan` asks on a terminal, in this order: the template (unless --template),
// the service id (unless ID) and name, the owner role, the intake channels (with a description
// for a new one, and `every` for a scheduled one), each requirement's target, each resource's
// quantity (and capacity for people), the courses each role needs, and a last confirmation.
// Every answer is an edit of the draft, so what was not changed keeps the template's comments.
import type { Translate } from '../i18n/index.js';
import type { Choice, Prompter } from '../io/prompt.js';
import { CHANNELS, type Requirement, type Role } from '../ledger/schema.js';
import { SLUG_RE } from '../ledger/values.js';
import { DURATION_RE } from '../time/index.js';
import type { Draft } from './draft.js';
import { formatTargetAnswer, parseTargetAnswer, targetSide } from './target-answer.js';
import type { TemplateInfo } from './templates.js';

export const NEW_ROLE = '\u0000new-role';

export interface InterviewContext {
  prompter: Prompter;
  t: Translate;
  /** Roles already in team.yaml, then the template's. */
  roles: Role[];
  /** Ask for the service id (no ID argument was given). */
  askId: boolean;
  /** Why an id cannot be used (a service file exists and no --force), or undefined. */
  idProblem: (id: string) => string | undefined;
  /** The files that will be written, for the confirmation. */
  files: (id: string, procedure: string) => string[];
}

export interface InterviewResult {
  confirmed: boolean;
  /** Roles created while answering, to add to team.yaml. */
  newRoles: Role[];
}

export async function askTemplate(prompter: Prompter, t: Translate, templates: (TemplateInfo & { title: string; summary: string })[]): Promise<string> {
  return prompter.select<string>({
    message: t('plan.ask.template'),
    choices: templates.map((x) => ({ name: `${x.title} (${x.id})`, value: x.id, description: x.summary })),
  });
}

function slugCheck(t: Translate, value: string): true | string {
  return SLUG_RE.test(value) ? true : t('plan.ask.bad-slug', { value });
}

function numberOrEmpty(t: Translate, value: string): true | string {
  return value.trim() === '' || (/^\d+(\.\d+)?$/.test(value.trim())) ? true : t('plan.ask.bad-number', { value });
}

async function askIdentity(draft: Draft, ctx: InterviewContext): Promise<void> {
  const { prompter, t } = ctx;
  if (ctx.askId) {
    const id = await prompter.input({
      message: t('plan.ask.id'),
      default: String(draft.get('service', ['id'])),
      validate: (v) => {
        const ok = slugCheck(t, v);
        return ok !== true ? ok : ctx.idProblem(v) ?? true;
      },
    });
    const before = draft.get('service', ['id']);
    if (id !== before) {
      // The procedure follows the service id unless it was set apart (--set procedure=…).
      if (draft.get('service', ['procedure']) === before) draft.set('service', ['procedure'], id);
      draft.set('service', ['id'], id);
    }
  }
  const name = await prompter.input({ message: t('plan.ask.name'), default: String(draft.get('service', ['name'])) });
  if (name.trim() !== '') draft.set('service', ['name'], name.trim());
}

async function askOwner(draft: Draft, ctx: InterviewContext, newRoles: Role[]): Promise<void> {
  const { prompter, t } = ctx;
  const current = String(draft.get('service', ['owner']));
  const choices: Choice<string>[] = ctx.roles.map((r) => ({ name: `${r.name} (${r.id})`, value: r.id }));
  choices.push({ name: t('plan.ask.new-role'), value: NEW_ROLE });
  let owner = await prompter.select<string>({ message: t('plan.ask.owner'), choices, default: current });
  if (owner === NEW_ROLE) {
    const known = new Set(ctx.roles.map((r) => r.id));
    owner = await prompter.input({
      message: t('plan.ask.role-id'),
      validate: (v) => {
        const ok = slugCheck(t, v);
        return ok !== true ? ok : known.has(v) ? t('plan.ask.role-exists', { value: v }) : true;
      },
    });
    const name = await prompter.input({ message: t('plan.ask.role-name', { role: owner }), default: owner });
    newRoles.push({ id: owner, name: name.trim() || owner });
  }
  draft.set('service', ['owner'], owner);
}

async function askChannels(draft: Draft, ctx: InterviewContext): Promise<void> {
  const { prompter, t } = ctx;
  const need = (draft.data('service').need ?? []) as { channel: string; description?: string; every?: string }[];
  const present = new Set(need.map((n) => n.channel));
  const chosen = await prompter.checkbox<string>({
    message: t('plan.ask.channels'),
    choices: CHANNELS.map((c) => {
      const mine = need.filter((n) => n.channel === c).map((n) => n.description).filter(Boolean);
      return { name: mine.length > 0 ? `${c}: ${mine.join('; ')}` : c, value: c, checked: present.has(c) };
    }),
  });
  for (let i = need.length - 1; i >= 0; i--) if (!chosen.includes(need[i].channel)) draft.delete('service', ['need', i]);
  for (const channel of CHANNELS.filter((c) => chosen.includes(c) && !present.has(c))) {
    const description = await prompter.input({ message: t('plan.ask.channel-description', { channel }), default: '' });
    const item: Record<string, string> = { channel };
    if (description.trim() !== '') item.description = description.trim();
    if (channel === 'scheduled') {
      item.every = await prompter.input({
        message: t('plan.ask.every'),
        default: '365d',
        validate: (v) => (DURATION_RE.test(v.trim()) ? true : t('plan.ask.bad-duration', { value: v })),
      });
    }
    draft.append('service', ['need'], item);
  }
  if (chosen.length === 0) draft.delete('service', ['need']);
}

async function askTargets(draft: Draft, ctx: InterviewContext): Promise<void> {
  const { prompter, t } = ctx;
  const requirements = (draft.data('service').requirements ?? []) as Requirement[];
  for (const [i, r] of requirements.entries()) {
    const side = targetSide(r.target);
    const current = formatTargetAnswer(r.target);
    const answer = await prompter.input({
      message: t('plan.ask.target', { id: r.id, kind: t(`plan.kind.${r.kind}`), description: r.description ?? '', side }),
      default: current,
      validate: (v) => {
        const parsed = parseTargetAnswer(v, side, r.indicator, t);
        return typeof parsed === 'string' ? parsed : true;
      },
    });
    if (answer.trim() === current) continue;
    const parsed = parseTargetAnswer(answer, side, r.indicator, t);
    if (typeof parsed === 'string') continue; // validated above; a prompter without validation keeps the default
    draft.set('service', ['requirements', i, 'target', side], parsed.bound);
    if (parsed.critical === undefined) draft.delete('service', ['requirements', i, 'target', 'critical']);
    else draft.set('service', ['requirements', i, 'target', 'critical'], parsed.critical);
  }
}

async function askResources(draft: Draft, ctx: InterviewContext): Promise<void> {
  const { prompter, t } = ctx;
  const resources = (draft.data('service').resources ?? []) as { name: string; kind: string; quantity?: number; capacity?: number }[];
  for (const [i, r] of resources.entries()) {
    const ask = async (field: 'quantity' | 'capacity', message: string) => {
      const current = r[field] === undefined ? '' : String(r[field]);
      const answer = (await prompter.input({ message, default: current, validate: (v) => numberOrEmpty(t, v) })).trim();
      if (answer === current) return;
      if (answer === '') draft.delete('service', ['resources', i, field]);
      else draft.set('service', ['resources', i, field], Number(answer));
    };
    await ask('quantity', t('plan.ask.quantity', { name: r.name, kind: r.kind }));
    if (r.kind === 'people' || r.capacity !== undefined) await ask('capacity', t('plan.ask.capacity', { name: r.name }));
  }
}

async function askTraining(draft: Draft, ctx: InterviewContext): Promise<void> {
  const { prompter, t } = ctx;
  const training = (draft.data('service').training ?? []) as { role: string; courses: string[] }[];
  const drop: number[] = [];
  for (const [i, need] of training.entries()) {
    const current = need.courses.join(', ');
    const answer = await prompter.input({
      message: t('plan.ask.courses', { role: need.role }),
      default: current,
      validate: (v) => {
        const bad = v.split(',').map((s) => s.trim()).filter((s) => s !== '' && !SLUG_RE.test(s));
        return bad.length === 0 ? true : t('plan.ask.bad-slug', { value: bad.join(', ') });
      },
    });
    const courses = answer.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (courses.join(', ') === current) continue;
    if (courses.length === 0) drop.push(i);
    else draft.set('service', ['training', i, 'courses'], courses);
  }
  for (const i of drop.reverse()) draft.delete('service', ['training', i]);
  if (training.length > 0 && drop.length === training.length) draft.delete('service', ['training']);
}

/** Ask everything the template leaves to the user; the draft is edited in place. */
export async function interview(draft: Draft, ctx: InterviewContext): Promise<InterviewResult> {
  const newRoles: Role[] = [];
  await askIdentity(draft, ctx);
  await askOwner(draft, ctx, newRoles);
  await askChannels(draft, ctx);
  await askTargets(draft, ctx);
  await askResources(draft, ctx);
  await askTraining(draft, ctx);
  const files = ctx.files(String(draft.get('service', ['id'])), String(draft.get('service', ['procedure'])));
  const confirmed = await ctx.prompter.confirm({ message: ctx.t('plan.ask.confirm', { files: files.join(', ') }), default: true });
  return { confirmed, newRoles };
}
