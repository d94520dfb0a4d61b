// Shared opening of the ledger for commands: locate it, load it, and for jobs that need valid
// files refuse (exit 2) an invalid ledger rather than compute from silently skipped files.
import { LedgerError } from '../errors.js';
import { locateLedger } from '../ledger/locate.js';
import { loadLedger, type Ledger, type LoadOptions } from '../ledger/load.js';
import { crossChecks, place } from '../ledger/checks.js';
import { compareProblems, problemLine } from '../ledger/problems.js';
import type { CommandContext } from '../io/io.js';

export function ledgerRoot(ctx: CommandContext): string {
  const found = locateLedger({ cwd: ctx.cwd, ledger: ctx.ledger, env: ctx.io.env });
  if (found.root !== undefined) return found.root;
  const t = ctx.io.t;
  if (found.reason === 'not-found') throw new LedgerError(t('error.ledger-not-found', { dir: found.tried }), t('hint.no-ledger'));
  if (ctx.ledger || ctx.io.env.AFTERSALES_LEDGER) {
    throw new LedgerError(t('error.ledger-no-settings', { dir: found.tried }), t('hint.no-ledger'));
  }
  throw new LedgerError(t('error.no-ledger', { dir: found.tried }), t('hint.no-ledger'));
}

export function openLedger(ctx: CommandContext, options: LoadOptions = {}): Ledger {
  const ledger = loadLedger(ledgerRoot(ctx), options);
  for (const n of ledger.notices) ctx.io.err(`${ctx.io.t('severity.warning')}: ${ctx.io.t(`notice.${n.code}`, n.params)}\n`);
  return ledger;
}

/**
 * Load and refuse when any file has an error (warnings are fine, and are not even placed:
 * finding their line costs a `yaml` parse per file).
 */
export function openValidLedger(ctx: CommandContext, options: LoadOptions = {}): { ledger: Ledger } {
  const ledger = openLedger(ctx, options);
  const fileErrors = ledger.files.flatMap((f) => f.problems).filter((p) => p.severity === 'error');
  const crossErrors = crossChecks(ledger).filter((p) => p.severity === 'error');
  const errors = [...fileErrors, ...place(ledger.root, crossErrors)].sort(compareProblems);
  if (errors.length > 0) {
    const files = [...new Set(errors.map((p) => p.file))].sort();
    const t = ctx.io.t;
    const details = errors.slice(0, 20).map((p) => problemLine(p, t));
    if (errors.length > 20) details.push(`… (${errors.length - 20} more)`);
    throw new LedgerError(t('error.invalid-ledger', { count: files.length }), t('hint.invalid-ledger'), details);
  }
  return { ledger };
}
