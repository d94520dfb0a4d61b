// action (open, list, close, verify), improve and due: the control phase's corrective and
// preventive actions, the improvement phase's target ratchet, and scheduled needs detected
// before the customer calls.
import { collect, type Register } from './types.js';

export const registerAct: Register = (program, run) => {
  const action = program.command('action').description('corrective and preventive actions: open, list, close, verify');

  const open = action
    .command('open')
    .description('open an action (pre-filled from a deviation with --deviation); prints the new id')
    .option('--deviation <key>', 'the deviation it answers, e.g. warranty-repair/resolution-time/2026-10', collect)
    .option('--type <type>', 'corrective | preventive (default: preventive for a trend, else corrective)')
    .option('--service <id>', 'service the action is about')
    .option('--requirement <id>', 'requirement of that service')
    .option('--title <text>', 'what will be done, in a few words')
    .option('--owner <id>', 'person or role accountable (default: the responsible of the deviation)')
    .option('--due <date>', 'due date YYYY-MM-DD (with --yes: 30 days after opening)')
    .option('--plan <text>', 'the plan (default: the suggested actions of the deviation)')
    .option('--category <6M>', '6M category of the root cause: method | machine | material | people | measurement | environment')
    .option('--why <text>', 'one of the 5 whys, in order (repeatable)', collect)
    .option('--root-cause <text>', 'the root cause found')
    .option('--verify-after <date>', 'measure the effect in the first full period after this date (default: the due date)')
    .option('--yes', 'ask nothing: accept the defaults')
    .option('--as-of <time>', '"now": a date or an ISO timestamp; the action opens on its date (default: the clock)');
  open.action(
    run(open, async (ctx) => {
      const { runActionOpen } = await import('../commands/action-open.js');
      return runActionOpen({ ...ctx, ...open.opts() });
    }),
  );

  const list = action
    .command('list', { isDefault: true })
    .description('list the actions, sorted by opened (the default subcommand)')
    .option('--open', 'only actions still open')
    .option('--overdue', 'only open actions past their due date')
    .option('--service <id>', 'only this service')
    .option('--as-of <time>', '"now" for --overdue: a date or an ISO timestamp')
    .option('--format <format>', 'table | json', 'table');
  list.action(
    run(list, async (ctx) => {
      const { runActionList } = await import('../commands/action-list.js');
      return runActionList({ ...ctx, ...list.opts() });
    }),
  );

  const close = action
    .command('close')
    .description('the action was carried out: status done, closed date')
    .argument('<id>', 'action id or an unambiguous prefix')
    .option('--date <date>', 'date it was done, YYYY-MM-DD (default: today)');
  close.action(
    run(close, async (ctx) => {
      const { runActionClose } = await import('../commands/action-close.js');
      return runActionClose({ ...ctx, ...close.opts(), id: close.args[0] });
    }),
  );

  const verify = action
    .command('verify')
    .description('measure the effect of done actions in the first full period after verification.after')
    .argument('[id]', 'action id or an unambiguous prefix (default: every done action due for verification)')
    .option('--as-of <time>', '"now": a date or an ISO timestamp');
  verify.action(
    run(verify, async (ctx) => {
      const { runActionVerify } = await import('../commands/action-verify.js');
      return runActionVerify({ ...ctx, ...verify.opts(), id: verify.args[0] });
    }),
  );

  const improve = program
    .command('improve')
    .description('propose stricter targets for requirements met in each of the last N periods')
    .option('--periods <n>', 'complete periods the target must have been met in (default 3, or improve.periods)')
    .option('--min-n <m>', 'records each of those periods must have measured (default 20, or improve.min_n; counts need none)')
    .option('--only <service/requirement>', 'propose (and --apply) only this requirement (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--apply', "write the new targets into the service files (keeping their comments) with a history entry")
    .option('--as-of <time>', '"now" for a reproducible run: a date or an ISO timestamp')
    .option('--format <format>', 'table | json', 'table');
  improve.action(
    run(improve, async (ctx) => {
      const { runImprove } = await import('../commands/improve.js');
      return runImprove({ ...ctx, ...improve.opts() });
    }),
  );

  const due = program
    .command('due')
    .description('assets whose scheduled service or maintenance is overdue or due soon, soonest first')
    .option('--within <duration>', 'how far ahead "due soon" looks: 30d, 6w… (default 30d)')
    .option('--as-of <time>', '"now" for a reproducible run: a date or an ISO timestamp')
    .option('--format <format>', 'table | json', 'table')
    .option('--group-by <key>', 'customer: one table per customer (table)');
  due.action(
    run(due, async (ctx) => {
      const { runDue } = await import('../commands/due.js');
      return runDue({ ...ctx, ...due.opts() });
    }),
  );
};
