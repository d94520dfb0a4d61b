// The team.yaml edits: `team add PERSON`, `team role add ROLE`, `team train PERSON`. Each checks
// every flag and reference first (exit 2 with a hint, nothing written), appends one item keeping
// the file's comments and layout, verifies the result as `check` would, and writes it atomically
// (team.yaml is created, with its modeline, when the ledger has none).
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { Ledger } from '../ledger/load.js';
import { SLUG_RE, closest } from '../ledger/values.js';
import { localDate } from '../time/index.js';
import { addSpan, dateOption, spanOption } from '../team/dates.js';
import { appendPerson, appendRole, appendTraining } from '../team/edits.js';
import { editTeam, type TeamText } from '../team/file.js';
import { openPlanLedger, unknownIdError } from '../team/open.js';
import { requiredCourseIds } from '../team/status.js';

type Ctx = CommandContext;

function slugArg(ctx: Ctx, what: 'person' | 'role' | 'course', value: string): string {
  const t = ctx.io.t;
  if (!SLUG_RE.test(value)) throw new UsageError(t('team.error.bad-id', { what: t(`team.what.${what}`), value }), t('hint.bad-slug'));
  return value;
}

function required(ctx: Ctx, flag: string, value: string | undefined, usage: string): string {
  if (value === undefined) throw new UsageError(ctx.io.t('team.error.missing-option', { flag }), ctx.io.t(usage));
  if (value.trim() === '') throw new UsageError(ctx.io.t('team.error.empty-option', { flag }), ctx.io.t(usage));
  return value.trim();
}

function optionalText(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Load the plan files, then edit team.yaml under its lock: `build` reads the file as it is now
 * (refused when it has errors), checks the flags against it and returns the new text.
 */
function edit(ctx: Ctx, build: (file: TeamText, ledger: Ledger) => string): { ledger: Ledger; file: TeamText } {
  const ledger = openPlanLedger(ctx);
  const file = editTeam(ledger, ctx.io.t, (f) => build(f, ledger));
  if (!file.exists) ctx.io.out(`${ctx.io.t('team.created-file')}\n`);
  return { ledger, file };
}

// ---------------------------------------------------------------------------------------------

export interface TeamRoleAddOptions {
  role: string;
  name?: string;
  reportsTo?: string;
  description?: string;
}

export async function runTeamRoleAdd(ctx: Ctx & TeamRoleAddOptions): Promise<{ exitCode: number }> {
  const t = ctx.io.t;
  const id = slugArg(ctx, 'role', ctx.role);
  const name = required(ctx, '--name', ctx.name, 'team.usage.role');
  if (ctx.reportsTo !== undefined) slugArg(ctx, 'role', ctx.reportsTo);
  if (ctx.reportsTo === id) throw new UsageError(t('team.error.reports-to-self', { id }), t('team.hint.reports-to-self'));
  edit(ctx, (file) => {
    const existing = file.team.roles.find((r) => r.id === id);
    if (existing) throw new UsageError(t('team.error.duplicate-role', { id, name: existing.name }), t('team.hint.duplicate-role'));
    const roles = file.team.roles.map((r) => r.id);
    if (ctx.reportsTo !== undefined && !roles.includes(ctx.reportsTo)) throw unknownIdError(ctx, 'role', ctx.reportsTo, roles);
    return appendRole(file.text, { id, name, reports_to: ctx.reportsTo, description: optionalText(ctx.description) });
  });
  ctx.io.out(`${t('team.added-role', { id, name })}\n`);
  return { exitCode: 0 };
}

// ---------------------------------------------------------------------------------------------

export interface TeamAddOptions {
  person: string;
  name?: string;
  role?: string[];
  email?: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function runTeamAdd(ctx: Ctx & TeamAddOptions): Promise<{ exitCode: number }> {
  const t = ctx.io.t;
  const id = slugArg(ctx, 'person', ctx.person);
  const name = required(ctx, '--name', ctx.name, 'team.usage.add');
  const wanted = [...new Set(ctx.role ?? [])];
  if (wanted.length === 0) throw new UsageError(t('team.error.missing-option', { flag: '--role' }), t('team.usage.add'));
  for (const r of wanted) slugArg(ctx, 'role', r);
  const email = optionalText(ctx.email);
  if (email !== undefined && !EMAIL_RE.test(email)) throw new UsageError(t('team.error.bad-email', { value: email }), t('team.hint.bad-email'));
  edit(ctx, (file) => {
    const existing = file.team.people.find((p) => p.id === id);
    if (existing) throw new UsageError(t('team.error.duplicate-person', { id, name: existing.name }), t('team.hint.duplicate-person', { id }));
    const roles = file.team.roles.map((r) => r.id);
    for (const r of wanted) if (!roles.includes(r)) throw unknownIdError(ctx, 'role', r, roles);
    return appendPerson(file.text, { id, name, email, roles: wanted }, file.team.people.length);
  });
  ctx.io.out(`${t('team.added-person', { id, name, roles: wanted.join(', ') })}\n`);
  return { exitCode: 0 };
}

// ---------------------------------------------------------------------------------------------

export interface TeamTrainOptions {
  person: string;
  course?: string;
  completed?: string;
  expires?: string;
  validFor?: string;
  evidence?: string;
}

export async function runTeamTrain(ctx: Ctx & TeamTrainOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const t = io.t;
  const personId = slugArg(ctx, 'person', ctx.person);
  const course = slugArg(ctx, 'course', required(ctx, '--course', ctx.course, 'team.usage.train'));
  const completed = dateOption('--completed', required(ctx, '--completed', ctx.completed, 'team.usage.train'), t);
  if (ctx.expires !== undefined && ctx.validFor !== undefined) {
    throw new UsageError(t('team.error.expires-and-valid-for'), t('team.hint.expires-and-valid-for'));
  }
  let expires: string | undefined;
  if (ctx.expires !== undefined) expires = dateOption('--expires', ctx.expires.trim(), t);
  if (ctx.validFor !== undefined) expires = addSpan(completed, spanOption('--valid-for', ctx.validFor, t));
  if (expires !== undefined && expires <= completed) {
    throw new UsageError(t('team.error.expiry-order', { expires, completed }), t('team.hint.expiry-order'));
  }

  const { ledger } = edit(ctx, (file) => {
    const index = file.team.people.findIndex((p) => p.id === personId);
    if (index < 0) throw unknownIdError(ctx, 'person', personId, file.team.people.map((p) => p.id));
    const person = file.team.people[index];
    if ((person.training ?? []).some((h) => h.course === course && h.completed === completed)) {
      throw new UsageError(t('team.error.duplicate-training', { person: personId, course, completed }), t('team.hint.duplicate-training'));
    }
    return appendTraining(file.text, index, { course, completed, expires, evidence: optionalText(ctx.evidence) });
  });
  io.out(`${expires ? t('team.trained', { course, person: personId, completed, expires }) : t('team.trained-no-expiry', { course, person: personId, completed })}\n`);
  const services = ledger.services.flatMap((f) => (f.data ? [f.data] : []));

  // Recorded either way (a course may be kept for other reasons); a typo is the usual cause.
  const known = requiredCourseIds(services);
  if (!known.includes(course)) {
    const suggestion = closest(course, known);
    const hint = [suggestion ? t('hint.didYouMean', { suggestion }) : '', known.length > 0 ? t('team.warn.required-courses', { known: known.join(', ') }) : '']
      .filter(Boolean)
      .join(' ');
    io.err(`${t('team.warn.course-not-required', { course })}\n${hint ? `  ${t('label.hint')}: ${hint}\n` : ''}`);
  }
  const today = localDate(io.now(), ledger.config.timezone);
  if (completed > today) io.err(`${t('team.warn.future-completion', { completed, today })}\n`);
  return { exitCode: 0 };
}
