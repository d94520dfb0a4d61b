// `aftersales report`: one self-contained HTML file for people — control charts, Pareto charts
// of causes, deviations with their responsible and actions, product deficiencies and
// satisfaction trends — for a period, in the ledger's language. The HTML renderer is loaded
// only here (it is not needed by `control` or `--help`).
import { fileProgress } from '../io/progress.js';
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { suggestionCatalogue } from '../ledger/catalogue.js';
import { buildLookup } from '../ledger/lookup.js';
import { replaceAtomic } from '../ledger/write.js';
import { outputFile } from './output-path.js';
import { runControlEngine } from '../quality/control.js';
import { cachedEngine } from '../quality/facts-cache.js';
import { resolveAsOf, resolvePeriod } from './control-options.js';
import { openLedger } from '../ledger/open.js';

export interface ReportOptions {
  period?: string;
  asOf?: string;
  out?: string;
}

export async function runReport(ctx: CommandContext & ReportOptions): Promise<{ exitCode: number; file: string }> {
  const { io } = ctx;
  const t = io.t;
  if (ctx.out !== undefined && ctx.out.trim() === '') throw new UsageError(t('report.error.empty-out'), t('report.hint.out'));
  if (ctx.out !== undefined) outputFile(ctx.cwd, ctx.out, t); // refused before any work
  const ledger = openLedger(ctx, { validate: 'all', progress: await fileProgress(ctx.io, ctx.io.t('progress.reading')) });
  const lookup = buildLookup(ledger);
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const period = resolvePeriod(io, ledger, ctx.period, asOf);
  const file = outputFile(ctx.cwd, ctx.out ?? `aftersales-report-${period}.html`, t);

  const { engine, save } = cachedEngine(ledger, lookup);
  const result = runControlEngine(ledger, lookup, { period, asOf, catalogue: suggestionCatalogue(ledger, io.lang) }, engine);
  const [{ buildReportModel }, { renderReport }] = await Promise.all([import('../acting/report-model.js'), import('../report/html/page.js')]);
  const text = renderReport(buildReportModel(ledger, lookup, engine, result, io.lang), t);
  save();
  try {
    replaceAtomic(file, text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UsageError(t('report.error.write', { file, reason }), t('report.hint.out'));
  }
  io.err(`${t('report.written', { file })}\n`);
  return { exitCode: 0, file };
}
