// Opening the ledger for the team commands: the plan files only (no records), and for the
// reports (`list`, `plan`) refusing errors in the files they read — settings, team.yaml and the
// services — rather than reporting training from silently skipped files. Other files' problems
// (a broken record or action) do not stop a training report.
import { LedgerError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { allProblems } from '../ledger/checks.js';
import type { Ledger } from '../ledger/load.js';
import type { Service, Team } from '../ledger/schema.js';
import { openLedger } from '../commands/open.js';
import { closest } from '../ledger/values.js';
import { problemLine } from '../ledger/problems.js';

function needed(file: string): boolean {
  return file === 'aftersales.yaml' || file === 'team.yaml' || file.startsWith('services/');
}

export function openPlanLedger(ctx: CommandContext): Ledger {
  return openLedger(ctx, { records: false });
}

export function openTeamReport(ctx: CommandContext): { ledger: Ledger; team: Team; services: Service[] } {
  const ledger = openPlanLedger(ctx);
  const errors = allProblems(ledger).filter((p) => p.severity === 'error' && needed(p.file));
  const t = ctx.io.t;
  if (errors.length > 0 || !ledger.team) {
    const files = [...new Set(errors.map((p) => p.file))].sort();
    const details = errors.slice(0, 20).map((p) => problemLine(p, t));
    if (errors.length > 20) details.push(`… (${errors.length - 20} more)`);
    throw new LedgerError(t('error.invalid-ledger', { count: Math.max(1, files.length) }), t('hint.invalid-ledger'), details);
  }
  const services = ledger.services.flatMap((f) => (f.data ? [f.data] : []));
  return { ledger, team: ledger.team, services };
}

/** A usage error for an id that is not in team.yaml, with a did-you-mean and the known ids. */
export function unknownIdError(ctx: CommandContext, what: 'role' | 'person', value: string, known: string[]): UsageError {
  const t = ctx.io.t;
  const suggestion = closest(value, known);
  const hint = t(`team.hint.unknown-${what}`, { value, known: known.slice(0, 12).join(', ') || '—' });
  return new UsageError(
    t(`problem.unknown-${what}`, { value }),
    suggestion ? `${t('hint.didYouMean', { suggestion })} ${hint}` : hint,
  );
}
