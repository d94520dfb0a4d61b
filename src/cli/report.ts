// report: the HTML report for people (control charts, Pareto charts, deviations, products).
import type { Register } from './types.js';

export const registerReport: Register = (program, run) => {
  const report = program
    .command('report')
    .description('self-contained HTML report: control charts, Pareto of causes, deviations, product deficiencies, satisfaction')
    .option('--period <label>', 'period to report: 2026-11, 2026-W47, 2026-Q4 or current (default: the last complete one)')
    .option('--as-of <time>', '"now" for a reproducible run: a date or an ISO timestamp')
    .option('--out <file>', 'HTML file to write (default: aftersales-report-<period>.html here)');
  report.action(
    run(report, async (ctx) => {
      const { runReport } = await import('../commands/report.js');
      return runReport({ ...ctx, ...report.opts() });
    }),
  );
};
