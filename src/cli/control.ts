// control: the command CI runs on every push.
import { CONTROL_FORMAT_NAMES } from '../report/control-formats.js';
import type { Register } from './types.js';

export const registerControl: Register = (program, run) => {
  const control = program
    .command('control')
    .description('indicators per service, deviations, causes, responsibles and suggested actions')
    .option('--period <label>', 'period to control: 2026-11, 2026-W47, 2026-Q4 or current (default: the last complete one)')
    .option('--as-of <time>', '"now" for a reproducible run: a date or an ISO timestamp')
    .option('--service <id>', 'control only this service')
    .option('--format <format>', CONTROL_FORMAT_NAMES.join(' | '), 'table')
    .option('--fail-on <level>', 'exit 1 on deviations at or above: warning | critical | never', 'critical')
    .option('--strict', 'acknowledged deviations fail too')
    .option('--verbose', 'every cause and suggestion of each deviation (table)')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--since <ref>', 'compare with the ledger at this git revision: deviations new, unchanged or fixed; --fail-on counts only new ones');
  control.action(
    run(control, async (ctx) => {
      const { runControl } = await import('../commands/control.js');
      return runControl({ ...ctx, ...control.opts() });
    }),
  );
};
