// check, init, schema: the ledger foundation's commands.
import type { Register } from './types.js';

export const registerCore: Register = (program, run) => {
  const check = program
    .command('check')
    .description('validate the whole ledger: every problem at file:line:col with a hint')
    .option('--format <format>', 'text | json | github | sarif', 'text')
    .option('--strict', 'warnings make the ledger invalid too')
    .option('--since <ref>', 'only the files changed since this git revision (and the rules they take part in)');
  check.action(
    run(check, async (ctx) => {
      const { runCheck } = await import('../commands/check.js');
      return runCheck({ ...ctx, ...check.opts() });
    }),
  );

  const init = program
    .command('init')
    .description('create a new ledger skeleton (with --example: a small demo ledger)')
    .argument('[dir]', 'folder to create the ledger in', '.')
    .option('--example', 'add the example services, team, procedures and records');
  init.action(
    run(init, async (ctx) => {
      const { runInit } = await import('../commands/init.js');
      return runInit({ ...ctx, ...init.opts(), dir: init.args[0] ?? '.' });
    }),
  );

  const schema = program
    .command('schema')
    .description('write the JSON Schemas (draft-07) of every ledger file kind')
    .option('--out <dir>', 'folder to write them to (default: .aftersales/schema of the ledger)');
  schema.action(
    run(schema, async (ctx) => {
      const { runSchema } = await import('../commands/schema.js');
      return runSchema({ ...ctx, ...schema.opts() });
    }),
  );
};
