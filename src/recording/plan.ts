// What writing a record needs from the ledger: the plan files only (settings, team, products,
// services, procedures), read without records/ and without the parse cache (whose index of a
// big ledger costs more to read than the dozen plan files), so that opening one record stays
// fast in a ledger of 100,000. The files a record refers to must be valid: a record validated
// against a broken team.yaml or service file could not be trusted to pass `check`.
import { LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { CommandContext } from '../io/io.js';
import { type Ledger } from '../ledger/load.js';
import { buildLookup, type Lookup } from '../ledger/lookup.js';
import type { Procedure, Service } from '../ledger/schema.js';
import { closest } from '../ledger/values.js';
import { openLedger } from '../ledger/open.js';
import { problemLine } from '../ledger/problems.js';

export interface Plan {
  root: string;
  ledger: Ledger;
  lookup: Lookup;
  tz: string;
}

const SHARED_FILES = ['aftersales.yaml', 'team.yaml', 'inputs/products.yaml'];

/** Refuse when one of `files` has errors (exit 2, naming them). */
export function requireValid(ledger: Ledger, files: string[], t: Translate): void {
  const broken = ledger.files.filter((f) => files.includes(f.path) && f.problems.some((p) => p.severity === 'error'));
  if (broken.length === 0) return;
  const details = broken.flatMap((f) =>
    f.problems.filter((p) => p.severity === 'error').slice(0, 5).map((p) => problemLine(p, t)),
  );
  throw new LedgerError(t('error.invalid-ledger', { count: broken.length }), t('hint.invalid-ledger'), details);
}

/** Wrap a loaded ledger as the plan (its records, if loaded, are left out: checks look at one record). */
export function planOf(ledger: Ledger, t: Translate): Plan {
  requireValid(ledger, SHARED_FILES, t);
  const plan: Ledger = { ...ledger, records: [], files: ledger.files.filter((f) => f.kind !== 'record'), recordsLoaded: false };
  return { root: ledger.root, ledger: plan, lookup: buildLookup(plan), tz: ledger.config.timezone };
}

/** The plan files of the ledger, fast: only the kinds a record refers to, no records, no cache. */
export function openPlan(ctx: CommandContext): Plan {
  return planOf(openLedger(ctx, { need: 'plan' }), ctx.io.t);
}

export interface ServicePlan {
  service: Service;
  procedure: Procedure;
  /** `id@version` of the procedure's current version. */
  ref: string;
}

/** The service `id` with its procedure; exit 2 when unknown or when its files are invalid. */
export function serviceOf(plan: Plan, id: string, t: Translate): ServicePlan {
  const file = plan.ledger.services.find((f) => f.path === `services/${id}.yaml` || f.data?.id === id);
  if (!file) {
    const known = [...plan.lookup.services.keys()].sort();
    const suggestion = closest(id, known);
    const hint = `${suggestion ? `${t('hint.didYouMean', { suggestion })} ` : ''}${t('hint.unknown-service', { value: id, known: known.join(', ') })}`;
    throw new UsageError(t('problem.unknown-service', { value: id }), hint);
  }
  requireValid(plan.ledger, [file.path], t);
  const service = file.data!;
  const procFile = plan.ledger.procedures.find((f) => f.path === `procedures/${service.procedure}.yaml` || f.data?.id === service.procedure);
  if (!procFile) {
    throw new LedgerError(t('record.no-procedure', { service: id, procedure: service.procedure }), t('hint.unknown-procedure', { value: service.procedure, known: [...plan.lookup.procedures.keys()].join(', ') }));
  }
  requireValid(plan.ledger, [procFile.path], t);
  const procedure = procFile.data!;
  return { service, procedure, ref: `${procedure.id}@${procedure.version}` };
}
