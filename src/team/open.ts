// Opening the ledger for the team commands: the plan files only (no records), and for the
// reports (`list`, `plan`) refusing errors in the files they read — settings, team.yaml and the
// services — rather than reporting training from silently skipped files. Other files' problems
// (a broken record or action) do not stop a training report.
import { LedgerError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { Ledger } from '../ledger/load.js';
import type { Service, Team } from '../ledger/schema.js';
import { openLedger } from '../ledger/open.js';
import { closest } from '../ledger/values.js';

function needed(file: string): boolean {
  return file === 'aftersales.yaml' || file === 'team.yaml' || file.startsWith('services/');
}

export function openPlanLedger(ctx: CommandContext): Ledger {
  return openLedger(ctx, { need: 'no-records' });
}

export function openTeamReport(ctx: CommandContext): { ledger: Ledger; team: Team; services: Service[] } {
  const ledger = openLedger(ctx, { need: 'no-records', validate: needed });
  if (!ledger.team) throw new LedgerError(ctx.io.t('error.invalid-ledger', { count: 1 }), ctx.io.t('hint.invalid-ledger'));
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
