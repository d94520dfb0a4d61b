// `aftersales action open [--deviation KEY] [--type corrective|preventive] [--service S]
// [--requirement R] [--title T] [--owner ID] [--due DATE] [--plan TEXT] [--category 6M]
// [--why TEXT]… [--root-cause TEXT] [--verify-after DATE] [--yes] [--as-of T]`: a corrective or
// preventive action, one new file actions/<id>.yaml. `--deviation` recomputes the deviation
// (control engine, the period of the key) and pre-fills service, requirement, type (trend →
// preventive), owner (the deviation's responsible), title and the suggested plan. On a terminal
// it asks for what is missing — the 5 whys, the 6M category, the root cause, the due date;
// without one, flags answer, `--yes` accepts the defaults (due in 30 days, no analysis).
import { codeOption } from './code-option.js';
import { join } from 'node:path';
import { LedgerError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { Prompter } from '../io/prompt.js';
import { suggestionCatalogue } from '../ledger/catalogue.js';
import type { Ledger } from '../ledger/load.js';
import { buildLookup, type Lookup } from '../ledger/lookup.js';
import { ACTION_TYPES, SIX_M, type ActionData } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { closest, isDate } from '../ledger/values.js';
import { createExclusive } from '../ledger/write.js';
import { runControlEngine, type Deviation } from '../quality/control.js';
import { cachedEngine } from '../quality/facts-cache.js';
import { localDate } from '../time/index.js';
import { renderAction } from '../acting/action-file.js';
import { parseDeviationKey } from '../acting/deviation-key.js';
import { actionRelPath, newActionId } from '../acting/ids.js';
import { addDays } from '../acting/verify-period.js';
import { resolveAsOf, yearInRange } from './control-options.js';
import { openLedger } from '../ledger/open.js';
import { problemMessage } from '../ledger/problems.js';

export interface ActionOpenOptions {
  deviation?: string[] | string;
  type?: string;
  service?: string;
  requirement?: string;
  title?: string;
  owner?: string;
  due?: string;
  plan?: string;
  category?: string;
  why?: string[];
  rootCause?: string;
  verifyAfter?: string;
  yes?: boolean;
  asOf?: string;
}

/** Days from opening to the default due date (--yes, and the default offered on a terminal). */
export const DEFAULT_DUE_DAYS = 30;

type Type = (typeof ACTION_TYPES)[number];
type Category = (typeof SIX_M)[number];

interface Draft {
  type?: Type;
  service?: string;
  requirement?: string;
  deviation?: string;
  title?: string;
  owner?: string;
  due?: string;
  plan?: string;
  category?: Category;
  whys: string[];
  rootCause?: string;
  verifyAfter?: string;
}

function dateFlag(value: string | undefined, flag: string, t: CommandContext['io']['t']): string | undefined {
  if (value === undefined) return undefined;
  if (!isDate(value)) throw new UsageError(t('act.bad-date', { flag, value }), t('hint.bad-date'));
  yearInRange(t, flag, value);
  return value;
}

/** Everyone who can own an action: people and roles of team.yaml. */
function owners(lookup: Lookup): string[] {
  return [...new Set([...lookup.people.keys(), ...lookup.roles.keys()])].sort();
}

function checkService(lookup: Lookup, service: string | undefined, requirement: string | undefined, t: CommandContext['io']['t']): void {
  if (service !== undefined && !lookup.services.has(service)) {
    const known = [...lookup.services.keys()].sort();
    throw new UsageError(t('problem.unknown-service', { value: service }), t('hint.unknown-service', { value: service, known: known.join(', ') }));
  }
  if (requirement !== undefined) {
    if (service === undefined) throw new UsageError(t('act.requirement-without-service'), t('hint.requirement-without-service'));
    const reqs = lookup.services.get(service)!.requirements.map((r) => r.id);
    if (!reqs.includes(requirement)) {
      throw new UsageError(t('problem.unknown-requirement', { value: requirement }), t('hint.unknown-requirement', { known: reqs.join(', ') }));
    }
  }
}

function checkOwner(lookup: Lookup, owner: string | undefined, t: CommandContext['io']['t']): void {
  if (owner === undefined || lookup.people.has(owner) || lookup.roles.has(owner)) return;
  const known = owners(lookup);
  const near = closest(owner, known);
  throw new UsageError(t('problem.unknown-owner', { value: owner }), `${near ? `${t('hint.didYouMean', { suggestion: near })} ` : ''}${t('hint.unknown-owner', { known: known.join(', ') })}`);
}

/** The deviation a key names, recomputed for the key's period; exit 2 listing that period's deviations when absent. */
function findDeviation(ledger: Ledger, lookup: Lookup, key: string, asOf: number, ctx: CommandContext): Deviation {
  const t = ctx.io.t;
  const parsed = parseDeviationKey(key);
  if (!parsed) throw new UsageError(t('act.bad-deviation-key', { key }), t('act.hint.deviation-key'));
  const { engine, save } = cachedEngine(ledger, lookup);
  const result = runControlEngine(ledger, lookup, { period: parsed.period, asOf, catalogue: suggestionCatalogue(ledger, ctx.io.lang) }, engine);
  save();
  const found = result.deviations.find((d) => d.key === parsed.key);
  if (found) return found;
  const keys = result.deviations.map((d) => d.key);
  const near = closest(parsed.key, keys);
  const list = keys.length > 0 ? t('act.hint.deviations-of', { period: parsed.period, keys: keys.join(', ') }) : t('act.hint.no-deviations', { period: parsed.period });
  throw new UsageError(t('act.unknown-deviation', { key: parsed.key }), `${near ? `${t('hint.didYouMean', { suggestion: near })} ` : ''}${list}`);
}

function deviationTitle(d: Deviation, period: string, t: CommandContext['io']['t']): string {
  if (d.kind === 'target' || d.kind === 'trend') {
    if (d.service === '*') return t('act.title.objective', { objective: d.requirement, period });
    return t(`act.title.${d.kind}`, { service: d.service, requirement: d.requirement, period });
  }
  return t(`act.title.${d.kind}`, { service: d.service, period });
}

/** The pre-filled answers of a deviation. */
function fromDeviation(d: Deviation, lookup: Lookup, t: CommandContext['io']['t']): Draft {
  const period = parseDeviationKey(d.key)!.period;
  const svc = d.service === '*' ? undefined : lookup.services.get(d.service);
  const measured = d.kind === 'target' || d.kind === 'trend' ? d : undefined;
  const responsible = measured?.responsible ?? (svc ? { role: svc.owner, people: (lookup.peopleByRole.get(svc.owner) ?? []).map((p) => p.id).sort() } : undefined);
  const entries = measured?.suggestionEntries ?? [];
  return {
    type: d.kind === 'trend' ? 'preventive' : 'corrective',
    service: svc?.id,
    requirement: svc && measured ? measured.requirement : undefined,
    deviation: d.key,
    title: deviationTitle(d, period, t),
    owner: responsible ? responsible.people[0] ?? responsible.role : undefined,
    plan: entries.length > 0 ? entries.map((e) => `${e.title}: ${e.plan}`).join('\n') : undefined,
    whys: [],
  };
}

/** Which answers came from flags (or, for type, service and requirement, from the deviation). */
interface Given {
  fromDeviation: boolean;
  type: boolean;
  service: boolean;
  requirement: boolean;
  title: boolean;
  owner: boolean;
  plan: boolean;
  whys: boolean;
}

async function ask(p: Prompter, draft: Draft, given: Given, lookup: Lookup, opened: string, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const t = io.t;
  const none = t('act.ask.none');
  if (!given.type && !given.fromDeviation) {
    draft.type = await p.select<Type>({ message: t('act.ask.type'), choices: ACTION_TYPES.map((x) => ({ name: t(`act.type.${x}`), value: x })), default: 'corrective' });
  }
  if (!given.service && !given.fromDeviation) {
    const choices = [...lookup.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => ({ name: `${s.id} — ${s.name}`, value: s.id }));
    draft.service = (await p.select<string>({ message: t('act.ask.service'), choices: [...choices, { name: none, value: '' }] })) || undefined;
  }
  if (draft.service !== undefined && !given.requirement && !given.fromDeviation) {
    const reqs = lookup.services.get(draft.service)!.requirements.map((r) => ({ name: r.description ? `${r.id} — ${r.description}` : r.id, value: r.id }));
    draft.requirement = (await p.select<string>({ message: t('act.ask.requirement'), choices: [...reqs, { name: none, value: '' }] })) || undefined;
  }
  if (!given.title) {
    draft.title = (await p.input({ message: t('act.ask.title'), default: draft.title, validate: (v) => (v.trim() !== '' ? true : t('act.ask.required')) })).trim();
  }
  if (!given.owner) {
    const svc = draft.service ? lookup.services.get(draft.service) : undefined;
    const known = owners(lookup);
    draft.owner = (await p.input({
      message: t('act.ask.owner', { known: known.join(', ') }),
      default: draft.owner ?? (svc ? (lookup.peopleByRole.get(svc.owner) ?? []).map((x) => x.id).sort()[0] ?? svc.owner : undefined),
      validate: (v) => (known.includes(v.trim()) ? true : t('act.ask.unknown-owner', { known: known.join(', ') })),
    })).trim();
  }
  if (!given.plan) {
    if (draft.plan !== undefined) {
      io.err(`${t('act.suggested-plan')}\n${draft.plan.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
      if (!(await p.confirm({ message: t('act.ask.use-plan'), default: true }))) draft.plan = undefined;
    }
    if (draft.plan === undefined) {
      const plan = (await p.input({ message: t('act.ask.plan') })).trim();
      draft.plan = plan === '' ? undefined : plan;
    }
  }
  if (!given.whys) {
    for (let i = 1; i <= 5; i++) {
      const why = (await p.input({ message: t('act.ask.why', { n: i, previous: draft.whys[i - 2] ?? draft.title ?? '' }) })).trim();
      if (why === '') break;
      draft.whys.push(why);
    }
  }
  if (draft.category === undefined) {
    const chosen = await p.select<string>({
      message: t('act.ask.category'),
      choices: [...SIX_M.map((c) => ({ name: t(`act.sixm.${c}`), value: c as string })), { name: none, value: '' }],
    });
    draft.category = chosen === '' ? undefined : (chosen as Category);
  }
  if (draft.rootCause === undefined) {
    const root = (await p.input({ message: t('act.ask.root-cause'), default: draft.whys[draft.whys.length - 1] })).trim();
    draft.rootCause = root === '' ? undefined : root;
  }
  if (draft.due === undefined) {
    draft.due = (await p.input({
      message: t('act.ask.due'),
      default: addDays(opened, DEFAULT_DUE_DAYS),
      validate: (v) => (isDate(v.trim()) && v.trim() >= opened ? true : t('act.ask.bad-due', { opened })),
    })).trim();
  }
}

export async function runActionOpen(ctx: CommandContext & ActionOpenOptions): Promise<{ exitCode: number; id: string; file: string }> {
  const { io } = ctx;
  const t = io.t;
  const deviations = ctx.deviation === undefined ? [] : Array.isArray(ctx.deviation) ? ctx.deviation : [ctx.deviation];
  if (deviations.length > 1) throw new UsageError(t('act.one-deviation', { count: deviations.length }), t('act.hint.one-deviation'));
  const type = ctx.type === undefined ? undefined : codeOption(io, '--type', ctx.type, ACTION_TYPES, 'action-type');
  const category = ctx.category === undefined ? undefined : codeOption(io, '--category', ctx.category, SIX_M, 'six-m');
  const due = dateFlag(ctx.due, '--due', t);
  const verifyAfter = dateFlag(ctx.verifyAfter, '--verify-after', t);

  const ledger = openLedger(ctx, { need: deviations.length > 0 ? 'all' : 'no-records', validate: 'all' });
  const lookup = buildLookup(ledger);
  const tz = ledger.config.timezone;
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const opened = localDate(asOf, tz);
  checkOwner(lookup, ctx.owner, t);

  let draft: Draft = { whys: [] };
  if (deviations.length === 1) {
    draft = fromDeviation(findDeviation(ledger, lookup, deviations[0], asOf, ctx), lookup, t);
    if (ctx.service !== undefined && ctx.service !== draft.service) {
      throw new UsageError(t('act.conflict', { flag: '--service', value: ctx.service, key: draft.deviation!, expected: draft.service ?? '—' }));
    }
    if (ctx.requirement !== undefined && ctx.requirement !== draft.requirement) {
      throw new UsageError(t('act.conflict', { flag: '--requirement', value: ctx.requirement, key: draft.deviation!, expected: draft.requirement ?? '—' }));
    }
  } else {
    checkService(lookup, ctx.service, ctx.requirement, t);
    draft.service = ctx.service;
    draft.requirement = ctx.requirement;
    const svc = ctx.service ? lookup.services.get(ctx.service) : undefined;
    if (svc) draft.owner = (lookup.peopleByRole.get(svc.owner) ?? []).map((p) => p.id).sort()[0] ?? svc.owner;
  }
  // Flags override what the deviation suggests.
  if (type) draft.type = type;
  if (ctx.title !== undefined && ctx.title.trim() !== '') draft.title = ctx.title.trim();
  if (ctx.owner !== undefined) draft.owner = ctx.owner;
  if (ctx.plan !== undefined) draft.plan = ctx.plan.trim() === '' ? undefined : ctx.plan.trim();
  if (category) draft.category = category;
  if (ctx.why && ctx.why.length > 0) draft.whys = ctx.why.map((w) => w.trim()).filter((w) => w !== '');
  if (ctx.rootCause !== undefined && ctx.rootCause.trim() !== '') draft.rootCause = ctx.rootCause.trim();
  if (due) draft.due = due;
  draft.verifyAfter = verifyAfter;
  if (draft.due !== undefined && draft.due < opened) throw new UsageError(t('act.due-before-opened', { due: draft.due, opened }));

  const interactive = io.interactive && !ctx.yes && io.prompter !== undefined;
  if (interactive) {
    const given: Given = {
      fromDeviation: deviations.length === 1,
      type: type !== undefined,
      service: ctx.service !== undefined,
      requirement: ctx.requirement !== undefined,
      title: ctx.title !== undefined && ctx.title.trim() !== '',
      owner: ctx.owner !== undefined,
      plan: ctx.plan !== undefined,
      whys: (ctx.why ?? []).length > 0,
    };
    await ask(await io.prompter!(), draft, given, lookup, opened, ctx);
  } else {
    const missing: string[] = [];
    if (draft.title === undefined) missing.push('--title T');
    if (draft.owner === undefined) missing.push('--owner ID');
    if (!ctx.yes) {
      if (draft.due === undefined) missing.push('--due DATE');
      if ((draft.type ?? 'corrective') === 'corrective') {
        if (draft.category === undefined) missing.push('--category 6M');
        if (draft.whys.length === 0) missing.push('--why TEXT');
        if (draft.rootCause === undefined) missing.push('--root-cause TEXT');
      }
    }
    if (missing.length > 0) throw new UsageError(t('error.missing-answers', { flags: missing.join(', ') }), t('act.hint.missing-answers', { days: DEFAULT_DUE_DAYS }));
    draft.due ??= addDays(opened, DEFAULT_DUE_DAYS);
  }

  // A fresh random id; on the (40-bit) chance that it exists, another one: never overwrite.
  for (let attempt = 0; ; attempt++) {
    const id = newActionId(opened);
    const data = buildAction(id, opened, draft);
    const rel = actionRelPath(id);
    const problems = validateData(rel, 'action', data);
    if (problems.length > 0) {
      throw new UsageError(t('act.invalid', { problems: problems.map((p) => `${p.path.join('.')}: ${problemMessage(p, t)}`).join('; ') }));
    }
    try {
      createExclusive(join(ledger.root, rel), renderAction(data));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 3) continue;
      throw new LedgerError(t('error.write-failed', { file: rel, reason: (e as Error).message }));
    }
    io.err(`${t('act.opened', { id, file: rel })}\n`);
    io.out(`${id}\n`);
    return { exitCode: 0, id, file: rel };
  }
}

/** The action file's data, keys in the order of SPEC §1.7 (renderAction keeps that order). */
function buildAction(id: string, opened: string, draft: Draft): ActionData {
  const analysis = draft.category !== undefined || draft.whys.length > 0 || draft.rootCause !== undefined
    ? { ...(draft.category ? { category: draft.category } : {}), ...(draft.whys.length > 0 ? { whys: draft.whys } : {}), ...(draft.rootCause ? { root_cause: draft.rootCause } : {}) }
    : undefined;
  const data: ActionData = {
    id,
    type: draft.type ?? 'corrective',
    title: draft.title!,
    ...(draft.service ? { service: draft.service } : {}),
    ...(draft.requirement ? { requirement: draft.requirement } : {}),
    ...(draft.deviation ? { deviation: draft.deviation } : {}),
    opened,
    owner: draft.owner!,
    ...(draft.due ? { due: draft.due } : {}),
    ...(analysis ? { analysis } : {}),
    ...(draft.plan ? { plan: draft.plan } : {}),
    status: 'open',
    ...(draft.verifyAfter ?? draft.due ? { verification: { after: draft.verifyAfter ?? draft.due } } : {}),
  };
  return data;
}
