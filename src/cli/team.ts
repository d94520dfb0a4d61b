// team: people, roles and the training they hold (list, add, role add, train, plan).
import { collect, type Register } from './types.js';

export const registerTeam: Register = (program, run) => {
  const team = program.command('team').description('people, roles and the training they hold; the training plan');

  const list = team
    .command('list', { isDefault: true })
    .description('people, their roles and courses, and the courses each service still needs of them')
    .option('--role <role>', 'only the people holding this role')
    .option('--as-of <date>', 'judge training on this date (default: today in the ledger time zone)')
    .option('--format <format>', 'table | json', 'table');
  list.action(
    run(list, async (ctx) => {
      const { runTeamList } = await import('../commands/team.js');
      return runTeamList({ ...ctx, ...list.opts() });
    }),
  );

  const add = team
    .command('add')
    .description('add a person to team.yaml')
    .argument('<person>', 'the new person id (e.g. ana)')
    .option('--name <name>', 'full name')
    .option('--role <role>', 'a role they hold (repeatable)', collect, [])
    .option('--email <email>', 'e-mail address');
  add.action(
    run(add, async (ctx) => {
      const { runTeamAdd } = await import('../commands/team-edit.js');
      return runTeamAdd({ ...ctx, ...add.opts(), person: add.args[0] });
    }),
  );

  const role = team.command('role').description('roles of the organisation');
  const roleAdd = role
    .command('add')
    .description('add a role to team.yaml')
    .argument('<role>', 'the new role id (e.g. technician)')
    .option('--name <name>', 'the role name')
    .option('--reports-to <role>', 'the role it reports to')
    .option('--description <text>', 'what the role does');
  roleAdd.action(
    run(roleAdd, async (ctx) => {
      const { runTeamRoleAdd } = await import('../commands/team-edit.js');
      return runTeamRoleAdd({ ...ctx, ...roleAdd.opts(), role: roleAdd.args[0] });
    }),
  );

  const train = team
    .command('train')
    .description('record a course a person completed (ISO 9001 7.2 evidence)')
    .argument('<person>', 'the person id')
    .option('--course <course>', 'the course id')
    .option('--completed <date>', 'the date it was completed (YYYY-MM-DD)')
    .option('--expires <date>', 'the date it expires (YYYY-MM-DD)')
    .option('--valid-for <period>', 'or how long it is valid: 730d, 104w, 24mo, 2y')
    .option('--evidence <text>', 'the evidence kept: certificate number, file, …');
  train.action(
    run(train, async (ctx) => {
      const { runTeamTrain } = await import('../commands/team-edit.js');
      return runTeamTrain({ ...ctx, ...train.opts(), person: train.args[0] });
    }),
  );

  const plan = team
    .command('plan')
    .description('the training plan: who must take which course by when, soonest first')
    .option('--as-of <date>', 'plan from this date (default: today in the ledger time zone)')
    .option('--within <period>', 'include courses expiring within this period: 60d, 8w, 3mo', '60d')
    .option('--format <format>', 'table | json | markdown', 'table');
  plan.action(
    run(plan, async (ctx) => {
      const { runTeamPlan } = await import('../commands/team-plan.js');
      return runTeamPlan({ ...ctx, ...plan.opts() });
    }),
  );
};
