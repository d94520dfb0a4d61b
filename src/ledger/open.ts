// The one way to open a ledger for a job: locate it, read what the job needs, say once what the
// load did differently (a refused cache folder), and refuse (exit 2) the files the job cannot
// trust rather than compute from silently skipped ones.
//
//   openLedger(ctx, { need: 'plan' | 'no-records' | 'all', validate: 'all' | 'none' | (path) => boolean })
//
// - need `plan`: settings, team, products, services and procedures only, read directly (no
//   parse cache: its index of a big ledger costs more than the dozen plan files) — what writing
//   a record needs; `no-records`: every file but records/; `all` (default): everything.
// - validate `all`: no file may have an error and no cross-file check may fail; a predicate:
//   the files it selects may have no error (theirs, or a cross-file check's about them);
//   `none` (default): the job reports problems itself (`check`) or tolerates them.
import { LedgerError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { FileProgress } from '../io/progress.js';
import { crossChecks, place } from './checks.js';
import { discoverFiles } from './discover.js';
import { assemble, loadLedger, type Ledger, type LedgerFile } from './load.js';
import { locateLedger } from './locate.js';
import { compareProblems, problemLine, type Problem } from './problems.js';
import { readLedgerFile } from './read.js';

export interface OpenOptions {
  need?: 'plan' | 'no-records' | 'all';
  validate?: 'all' | 'none' | ((path: string) => boolean);
  /** Progress of a long load (io/progress.ts fileProgress), stopped once the files are read. */
  progress?: FileProgress;
}

type Ctx = Pick<CommandContext, 'cwd' | 'io' | 'ledger'>;

export function ledgerRoot(ctx: Ctx): string {
  const found = locateLedger({ cwd: ctx.cwd, ledger: ctx.ledger, env: ctx.io.env });
  if (found.root !== undefined) return found.root;
  const t = ctx.io.t;
  if (found.reason === 'not-found') throw new LedgerError(t('error.ledger-not-found', { dir: found.tried }), t('hint.no-ledger'));
  if (ctx.ledger || ctx.io.env.AFTERSALES_LEDGER) {
    throw new LedgerError(t('error.ledger-no-settings', { dir: found.tried }), t('hint.no-ledger'));
  }
  throw new LedgerError(t('error.no-ledger', { dir: found.tried }), t('hint.no-ledger'));
}

/** What a record refers to: settings, team, products, services, procedures (not sales, actions…). */
const PLAN_KINDS = new Set(['settings', 'team', 'products', 'service', 'procedure']);

function readPlan(root: string): Ledger {
  const files: LedgerFile[] = discoverFiles(root, false).found
    .filter((f) => PLAN_KINDS.has(f.kind))
    .map((f) => {
      const parsed = readLedgerFile(root, { path: f.path, kind: f.kind });
      return { path: f.path, kind: f.kind, data: parsed.data, problems: parsed.problems };
    });
  return assemble(root, files, false);
}

export function openLedger(ctx: Ctx, options: OpenOptions = {}): Ledger {
  const root = ledgerRoot(ctx);
  const need = options.need ?? 'all';
  const progress = options.progress;
  let ledger: Ledger;
  try {
    ledger = need === 'plan' ? readPlan(root) : loadLedger(root, { records: need === 'all', onParsed: progress && ((done, total) => progress.files(done, total)) });
  } finally {
    progress?.stop();
  }
  for (const n of ledger.notices) ctx.io.err(`${ctx.io.t('severity.warning')}: ${ctx.io.t(`notice.${n.code}`, n.params)}\n`);
  const validate = options.validate ?? 'none';
  if (validate !== 'none') refuseInvalid(ledger, ctx, validate === 'all' ? () => true : validate);
  return ledger;
}

/**
 * Refuse (exit 2) when a selected file has an error. Warnings are fine, and are not even placed:
 * finding their line costs a `yaml` parse per file.
 */
export function refuseInvalid(ledger: Ledger, ctx: Pick<Ctx, 'io'>, selected: (path: string) => boolean): void {
  const fileErrors = ledger.files.filter((f) => selected(f.path)).flatMap((f) => f.problems).filter((p) => p.severity === 'error');
  const crossErrors = crossChecks(ledger).filter((p) => p.severity === 'error' && selected(p.file));
  const errors: Problem[] = [...fileErrors, ...place(ledger.root, crossErrors)].sort(compareProblems);
  if (errors.length === 0) return;
  const t = ctx.io.t;
  const files = [...new Set(errors.map((p) => p.file))].sort();
  const details = errors.slice(0, 20).map((p) => problemLine(p, t));
  if (errors.length > 20) details.push(`… (${errors.length - 20} more)`);
  throw new LedgerError(t('error.invalid-ledger', { count: files.length }), t('hint.invalid-ledger'), details);
}
