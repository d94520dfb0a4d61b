// `aftersales control`: indicators, deviations, causes, responsibles, suggestions for a period.
// The exit code depends only on the deviations: 1 when any at or above --fail-on (default
// critical) is not acknowledged (or any at all with --strict).
import { fileProgress } from '../io/progress.js';
import { codeOption } from './code-option.js';
import { labelOf } from '../i18n/labels.js';
import { LedgerError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { suggestionCatalogue } from '../ledger/catalogue.js';
import { buildLookup } from '../ledger/lookup.js';
import { replaceAtomic } from '../ledger/write.js';
import { outputFile } from './output-path.js';
import { failing, runControlEngine, type ControlResult } from '../quality/control.js';
import type { Engine } from '../quality/engine.js';
import { cachedEngine, engineLike } from '../quality/facts-cache.js';
import type { Ledger } from '../ledger/load.js';
import { openLedger } from '../ledger/open.js';
import { resolveAsOf, resolvePeriod } from './control-options.js';
import { formatOption } from './format-option.js';
import { CONTROL_FORMAT_NAMES, CONTROL_FORMATS, type ControlFormat, type ControlFormatName, type ControlReport, type SinceReport } from '../report/control-formats.js';
import { compareDeviations } from '../acting/since.js';
import { deviationPositions } from '../acting/deviation-positions.js';

const FAIL_ON = ['warning', 'critical', 'never'] as const;

export interface ControlOptions {
  period?: string;
  asOf?: string;
  service?: string;
  format?: string;
  failOn?: string;
  strict?: boolean;
  output?: string;
  verbose?: boolean;
  since?: string;
}

/** The report a format needs, computed here (reporters only format it). */
async function render(format: ControlFormatName, result: ControlResult, ctx: CommandContext & ControlOptions, color: boolean, ledger: Ledger, engine: Engine, since?: SinceReport): Promise<string> {
  const entry: ControlFormat = CONTROL_FORMATS[format];
  const needs = entry.needs ?? [];
  const report: ControlReport = {
    result,
    positions: needs.includes('positions') ? deviationPositions(result, ledger.root) : new Map(),
    review: needs.includes('review') ? (await import('../acting/review.js')).reviewInputs(ledger, engine, result) : undefined,
    since,
  };
  return (await entry.load())(report, ctx.io.t, { color, verbose: ctx.verbose === true });
}

export async function runControl(ctx: CommandContext & ControlOptions): Promise<{ exitCode: number; result: ControlResult }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, CONTROL_FORMAT_NAMES, 'table');
  const failOn = codeOption(io, '--fail-on', ctx.failOn ?? 'critical', FAIL_ON, 'level');

  const output = ctx.output === undefined ? undefined : outputFile(ctx.cwd, ctx.output, t);
  const ledger = openLedger(ctx, { validate: 'all', progress: await fileProgress(io, t('progress.reading')) });
  const lookup = buildLookup(ledger);
  if (ctx.service !== undefined && !lookup.services.has(ctx.service)) {
    throw new UsageError(t('error.unknown-service', { value: ctx.service }), t('hint.unknown-service', { known: [...lookup.services.keys()].sort().join(', ') }));
  }
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const period = resolvePeriod(io, ledger, ctx.period, asOf);
  const { engine, save } = cachedEngine(ledger, lookup);
  const options = { period, asOf, service: ctx.service, catalogue: suggestionCatalogue(ledger, io.lang) };
  const result = runControlEngine(ledger, lookup, options, engine);

  const since = ctx.since === undefined ? undefined : await sinceReport(ctx, ledger, engine, options, result);
  const text = await render(format, result, ctx, io.color && !ctx.output, ledger, engine, since);
  if (output) {
    try {
      replaceAtomic(output, text);
    } catch (e) {
      throw new LedgerError(t('error.write-failed', { file: ctx.output!, reason: (e as Error).message }));
    }
    io.err(`${t('control.written', { file: output })}\n`);
  } else {
    io.out(text);
  }
  save();
  // With --since, only what the change introduces fails the run.
  const failed = failing(result, failOn, Boolean(ctx.strict)).filter((d) => !since || since.changes.get(d.key) === 'new');
  if (failed.length > 0 && format === 'table' && !ctx.output) io.err(`${t('control.failing', { count: failed.length, level: labelOf(t, 'level', failOn) })}\n`);
  return { exitCode: failed.length > 0 ? 1 : 0, result };
}

/** The deviations of the ledger at --since REF, same period and as-of, compared with now's. */
async function sinceReport(ctx: CommandContext & ControlOptions, ledger: Ledger, engine: Engine, options: Parameters<typeof runControlEngine>[2], now: ControlResult): Promise<SinceReport> {
  const { resolveRevision } = await import('../ledger/git.js');
  const { loadLedgerAt } = await import('../ledger/load-revision.js');
  const rev = resolveRevision(ledger.root, ctx.since!, ctx.io.t);
  // The files at REF keyed by their blob ids: the live ledger's files and caches serve the
  // unchanged ones (read only), and its engine's columns seed the engine at REF.
  const old = loadLedgerAt(rev, ledger, ctx.io.t);
  const oldLookup = buildLookup(old);
  const known = options.service === undefined || oldLookup.services.has(options.service);
  const before = known ? runControlEngine(old, oldLookup, options, engineLike(engine, old, oldLookup)).deviations : [];
  return { ref: rev.ref, commit: rev.commit, ...compareDeviations(now.deviations, before) };
}
