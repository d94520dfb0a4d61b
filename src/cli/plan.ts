// plan, status: the planning phase (scaffold a service from a template) and the readiness of
// the implementation phase.
import { collect, type Register } from './types.js';

export const registerPlan: Register = (program, run) => {
  const plan = program
    .command('plan')
    .description('plan a service and its procedure from a template (asks on a terminal; --yes takes the defaults)')
    .argument('[id]', 'service id, also the procedure id (default: the template\'s)')
    .option('--template <template>', 'template id (see --list-templates)')
    .option('--yes', 'no questions: take the template\'s defaults')
    .option('--set <path=value>', 'change a planned value, e.g. requirements.resolution-time.target.max=4d (repeatable)', collect, [])
    .option('--force', 'replace an existing service (and write a different procedure as its next version)')
    .option('--list-templates', 'list the templates with a one-line description')
    .option('--format <format>', 'table | json (for --list-templates)', 'table');
  plan.action(
    run(plan, async (ctx) => {
      const { runPlan } = await import('../commands/plan.js');
      return runPlan({ ...ctx, ...plan.opts(), id: plan.args[0] });
    }),
  );

  const status = program
    .command('status')
    .description('readiness of each service to be performed and measured; exit 1 when something is missing')
    .option('--format <format>', 'table | json', 'table')
    .option('--as-of <date>', 'judge procedures and training on this date (default: today)');
  status.action(
    run(status, async (ctx) => {
      const { runStatus } = await import('../commands/status.js');
      return runStatus({ ...ctx, ...status.opts() });
    }),
  );
};
