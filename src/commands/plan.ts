// `aftersales plan [ID] [--template T] [--yes] [--set path=value]… [--force]` and
// `plan --list-templates`: scaffold a service and its procedure from a template (the planning
// phase), adding the roles they need to team.yaml. On a terminal it asks; without one, --yes
// takes the template's defaults and --set changes any of them. Nothing is written unless every
// planned file would pass `aftersales check`; an existing service is replaced only with --force.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import { AftersalesError, LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { CommandContext } from '../io/io.js';
import type { Prompter } from '../io/prompt.js';
import { type Ledger } from '../ledger/load.js';
import type { Procedure, Role, Service } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { SLUG_RE } from '../ledger/values.js';
import { createExclusive, modeline, replaceAtomic, withFileLock } from '../ledger/write.js';
import { localDate } from '../time/index.js';
import { palette } from '../report/colors.js';
import { Draft, templateNotes, wrapComment, type DraftFile } from '../planning/draft.js';
import { gate, type GateProblem, type PlannedFile } from '../planning/gate.js';
import { askTemplate, interview } from '../planning/interview.js';
import { referencedRoles, rolesToAdd, teamText } from '../planning/roles.js';
import { resolveSet, setNotation, splitFlag } from '../planning/set-path.js';
import { describeTemplate, findTemplate, findTemplates, loadTemplate, type LoadedTemplate, type TemplateInfo } from '../planning/templates.js';
import { ledgerRoot, openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { problemHint, problemLine, problemMessage } from '../ledger/problems.js';
import { safeText } from '../io/safe-text.js';

export interface PlanOptions {
  id?: string;
  template?: string;
  yes?: boolean;
  set?: string[];
  force?: boolean;
  listTemplates?: boolean;
  format?: string;
}

export interface PlanResult {
  exitCode: number;
  /** Files written, relative to the ledger root. */
  written?: string[];
}

const FORMATS = ['table', 'json'] as const;

/** A usage error (exit 2) with one line per problem, printed by the CLI under the message. */
class PlanRefused extends UsageError {
  constructor(message: string, hint: string, readonly details: string[]) {
    super(message, hint);
  }
}

// ---------------------------------------------------------------------------------------------
// --list-templates

/** The ledger root when there is one; listing templates works outside a ledger too. */
function optionalRoot(ctx: CommandContext): string | undefined {
  try {
    return ledgerRoot(ctx);
  } catch (e) {
    if (e instanceof LedgerError && !ctx.ledger && !ctx.io.env.AFTERSALES_LEDGER) return undefined;
    throw e;
  }
}

interface Listed extends TemplateInfo {
  title: string;
  summary: string;
  problem?: string;
}

function describeAll(infos: TemplateInfo[], t: Translate): Listed[] {
  return infos.map((info) => {
    try {
      return { ...info, ...describeTemplate(info, t) };
    } catch (e) {
      if (!(e instanceof AftersalesError)) throw e;
      const details = (e as { details?: string[] }).details ?? [];
      return { ...info, title: '', summary: '', problem: [e.message, ...details].join('\n  ') };
    }
  });
}

function listTemplates(ctx: CommandContext & PlanOptions): PlanResult {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, FORMATS, 'table');
  const listed = describeAll(findTemplates(io.lang, optionalRoot(ctx)), t);
  const usable = listed.filter((x) => !x.problem);
  for (const x of listed) if (x.problem) io.err(`${t('plan.list.invalid', { id: x.id })}\n  ${x.problem}\n`);
  if (format === 'json') {
    const templates = usable.map((x) => ({ id: x.id, title: x.title, summary: x.summary, source: x.source, lang: x.lang ?? null }));
    io.out(`${JSON.stringify({ schemaVersion: 1, templates }, null, 2)}\n`);
    return { exitCode: 0 };
  }
  const c = palette(io.color);
  const table = new Table({
    head: [t('plan.list.id'), t('plan.list.title'), t('plan.list.summary')].map((h) => c.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const x of usable) table.push([x.source === 'ledger' ? `${x.id} *` : x.id, safeText(x.title), safeText(x.summary)]);
  io.out(`${table.toString()}\n`);
  if (usable.some((x) => x.source === 'ledger')) io.out(`* ${t('plan.list.ledger-note')}\n`);
  io.out(`${t('plan.list.next')}\n`);
  return { exitCode: 0 };
}

// ---------------------------------------------------------------------------------------------
// planning

/** team.yaml is edited in place: it must be readable and valid first. */
function refuseBrokenTeam(ledger: Ledger, t: Translate): void {
  const team = ledger.files.find((f) => f.kind === 'team');
  if (!team || team.data !== undefined) return;
  const details = team.problems
    .filter((p) => p.severity === 'error')
    .map((p) => problemLine(p, t));
  throw new LedgerError(t('plan.error.team-invalid'), t('hint.invalid-ledger'), details);
}

function applySet(draft: Draft, flag: string, t: Translate): void {
  const op = resolveSet(flag, { service: draft.data('service'), procedure: draft.data('procedure') }, t);
  if (op.op === 'delete') draft.delete(op.which, op.path);
  else if (op.op === 'append') draft.append(op.which, op.path, op.value);
  else draft.set(op.which, op.path, op.value);
  // The template was valid and so was every earlier flag: whatever is wrong now is this flag's.
  const data = draft.data(op.which);
  const problems = validateData(op.which, op.which, data);
  if (problems.length > 0) {
    const reasons = problems.slice(0, 3).map((p) => {
      const where = setNotation(op.which, p.path, data);
      return `${where ? `${where}: ` : ''}${problemMessage(p, t)}`;
    });
    throw new UsageError(t('error.bad-set', { value: flag, reason: reasons.join('; ') }), t('plan.hint.set-path'));
  }
}

/** Same steps (and name, description) as an existing procedure: nothing to write. */
function sameProcedure(a: Procedure, b: Record<string, unknown>): boolean {
  const strip = (p: Record<string, unknown>) => JSON.stringify({ ...p, id: undefined, version: undefined, effective: undefined });
  return strip(a as unknown as Record<string, unknown>) === strip(b);
}

function flagWasSet(sets: string[], which: DraftFile, key: string): boolean {
  return sets.some((f) => {
    const s = splitFlag(f);
    return s.which === which && s.flag.startsWith(`${key}=`);
  });
}

function describeProblem(p: GateProblem, draft: Draft, t: Translate): string {
  const which: DraftFile | undefined = p.file.startsWith('services/') ? 'service' : p.file.startsWith('procedures/') ? 'procedure' : undefined;
  const where = p.path && which ? setNotation(which, p.path, draft.data(which)) : p.path ? p.path.join('.') : `${p.line}:${p.column}`;
  return `${p.file}: ${where ? `${where}: ` : ''}${problemMessage(p, t)} (${problemHint(p, t)})`;
}

function writeNew(path: string, text: string, rel: string, t: Translate): void {
  try {
    createExclusive(path, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(t('plan.error.exists', { file: rel }), t('plan.hint.exists'));
    throw new LedgerError(t('error.write-failed', { file: rel, reason: (e as Error).message }));
  }
}

interface Outcome {
  template: LoadedTemplate;
  service: string;
  files: { path: string; action: 'created' | 'replaced' | 'kept' | 'edited' }[];
  roles: Role[];
  procedureVersion: number;
}

function finish(ctx: CommandContext & PlanOptions, ledger: Ledger, draft: Draft, newRoles: Role[]): Outcome {
  const t = ctx.io.t;
  const root = ledger.root;
  const sets = ctx.set ?? [];
  const service = draft.data('service') as unknown as Service;
  const servicePath = `services/${service.id}.yaml`;
  const procedurePath = `procedures/${service.procedure}.yaml`;
  draft.set('procedure', ['id'], service.procedure);
  if (!flagWasSet(sets, 'procedure', 'effective')) draft.set('procedure', ['effective'], localDate(ctx.io.now(), ledger.config.timezone));

  const serviceExists = existsSync(join(root, servicePath));
  if (serviceExists && !ctx.force) throw new UsageError(t('plan.error.service-exists', { file: servicePath }), t('plan.hint.service-exists'));

  // An existing procedure of the same id is reused when it has the same steps; otherwise it is
  // replaced only with --force, as its next version (records citing older versions stay valid).
  let procedureAction: 'created' | 'replaced' | 'kept' = 'created';
  if (existsSync(join(root, procedurePath))) {
    const old = ledger.procedures.find((f) => f.path === procedurePath)?.data;
    if (old && sameProcedure(old, draft.data('procedure'))) procedureAction = 'kept';
    else if (!ctx.force) {
      throw new UsageError(t('plan.error.procedure-exists', { file: procedurePath }), t('plan.hint.procedure-exists', { procedure: service.procedure }));
    } else {
      procedureAction = 'replaced';
      if (!flagWasSet(sets, 'procedure', 'version')) draft.set('procedure', ['version'], old ? old.version + 1 : 1);
    }
  }
  const procedure = draft.data('procedure') as unknown as Procedure;

  const template = draft.template;
  const teamRoles = ledger.team?.roles ?? [];
  const add = rolesToAdd(teamRoles, [...template.roles, ...newRoles], referencedRoles(service, procedure));
  const teamFile = join(root, 'team.yaml');
  // team.yaml is edited (roles appended): hold its lock from reading it to writing everything.
  return withFileLock(teamFile, () => {
    const teamBefore = existsSync(teamFile) ? readFileSync(teamFile, 'utf8') : undefined;

    // Our lines are wrapped like the templates' (which come wrapped by their authors).
    const serviceHeader = [...wrapComment(t('plan.header.service', { template: template.id, title: template.title }), 96), ...templateNotes(template)];
    const procedureHeader = wrapComment(t('plan.header.procedure', { service: service.id, procedure: service.procedure, version: procedure.version }), 96);
    const planned: PlannedFile[] = [
      { path: servicePath, kind: 'service', text: modeline(servicePath, 'service') + draft.render('service', serviceHeader) },
    ];
    if (procedureAction !== 'kept') {
      planned.push({ path: procedurePath, kind: 'procedure', text: modeline(procedurePath, 'procedure') + draft.render('procedure', procedureHeader) });
    }
    if (add.length > 0) planned.push({ path: 'team.yaml', kind: 'team', text: teamText(teamBefore, add) });

    const { problems } = gate(ledger, planned, teamRoles.length);
    if (problems.length > 0) {
      throw new PlanRefused(t('plan.error.invalid', { count: problems.length }), t('plan.hint.invalid'), problems.map((p) => describeProblem(p, draft, t)));
    }

    // Written in dependency order: the procedure, the service that names it, the roles they use.
    const order: PlannedFile['kind'][] = ['procedure', 'service', 'team'];
    const done = new Map<string, Outcome['files'][number]>();
    for (const p of [...planned].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
      const abs = join(root, p.path);
      const replace = p.kind === 'team' ? teamBefore !== undefined : p.kind === 'service' ? serviceExists : procedureAction === 'replaced';
      if (replace) replaceAtomic(abs, p.text);
      else writeNew(abs, p.text, p.path, t);
      done.set(p.kind, { path: p.path, action: p.kind === 'team' && replace ? 'edited' : replace ? 'replaced' : 'created' });
    }
    if (procedureAction === 'kept') done.set('procedure', { path: procedurePath, action: 'kept' });
    const files = (['service', 'procedure', 'team'] as const).flatMap((k) => (done.has(k) ? [done.get(k)!] : []));
    return { template, service: service.id, files, roles: add, procedureVersion: procedure.version };
  });
}

function report(ctx: CommandContext, outcome: Outcome): void {
  const { io } = ctx;
  const t = io.t;
  const c = palette(io.color);
  const lines = [c.bold(t('plan.done', { service: outcome.service, title: outcome.template.title }))];
  for (const f of outcome.files) {
    if (f.path === 'team.yaml') lines.push(`  ${t('plan.file.roles', { file: f.path, roles: outcome.roles.map((r) => r.id).join(', ') })}`);
    else lines.push(`  ${t(`plan.file.${f.action}`, { file: f.path })}`);
  }
  lines.push(t('plan.next'));
  io.out(`${lines.join('\n')}\n`);
}

export async function runPlan(ctx: CommandContext & PlanOptions): Promise<PlanResult> {
  const { io } = ctx;
  const t = io.t;
  if (ctx.listTemplates) return listTemplates(ctx);
  if (ctx.id !== undefined && !SLUG_RE.test(ctx.id)) throw new UsageError(t('plan.error.bad-id', { id: ctx.id }), t('hint.bad-slug'));

  const ledger = openLedger(ctx, { need: 'no-records' });
  const root = ledger.root;
  refuseBrokenTeam(ledger, t);
  const interactive = io.interactive && !ctx.yes && io.prompter !== undefined;
  const available = findTemplates(io.lang, root);
  // ID names the template too when it is one of their ids and --template is not given.
  let templateId = ctx.template ?? (ctx.id && available.some((x) => x.id === ctx.id) ? ctx.id : undefined);

  if (!interactive) {
    const missing: string[] = [];
    if (!ctx.yes && !ctx.id) missing.push('ID');
    if (!templateId) missing.push('--template T');
    if (!ctx.yes) missing.push('--yes');
    if (missing.length > 0) throw new UsageError(t('error.missing-answers', { flags: missing.join(', ') }), t('plan.hint.missing-answers'));
  }
  const prompter: Prompter | undefined = interactive ? await io.prompter!() : undefined;
  if (templateId === undefined) {
    const choices = describeAll(available, t).filter((x) => !x.problem);
    templateId = await askTemplate(prompter!, t, choices);
  }
  const template = loadTemplate(findTemplate(templateId, io.lang, root, t), t);
  const draft = new Draft(template);
  if (ctx.id) {
    draft.set('service', ['id'], ctx.id);
    draft.set('service', ['procedure'], ctx.id);
  }
  for (const flag of ctx.set ?? []) applySet(draft, flag, t);

  const serviceFile = (id: string) => `services/${id}.yaml`;
  const taken = (id: string) => (!ctx.force && existsSync(join(root, serviceFile(id))) ? t('plan.error.service-exists', { file: serviceFile(id) }) : undefined);
  const known = String(draft.get('service', ['id']));
  if ((ctx.id || !interactive) && taken(known)) throw new UsageError(taken(known)!, t('plan.hint.service-exists'));

  let newRoles: Role[] = [];
  if (prompter) {
    const teamRoles = ledger.team?.roles ?? [];
    const roles = [...teamRoles, ...template.roles.filter((r) => !teamRoles.some((x) => x.id === r.id))];
    const answers = await interview(draft, {
      prompter,
      t,
      roles,
      askId: !ctx.id,
      idProblem: taken,
      files: (id, procedure) => [serviceFile(id), `procedures/${procedure}.yaml`],
    });
    if (!answers.confirmed) {
      io.out(`${t('plan.cancelled')}\n`);
      return { exitCode: 0, written: [] };
    }
    newRoles = answers.newRoles;
  }
  const outcome = finish(ctx, ledger, draft, newRoles);
  report(ctx, outcome);
  return { exitCode: 0, written: outcome.files.filter((f) => f.action !== 'kept').map((f) => f.path) };
}
