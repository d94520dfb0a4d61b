// `aftersales check`: validate the whole ledger; every problem with its place and a hint.
import { fileProgress } from '../io/progress.js';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allProblems, place } from '../ledger/checks.js';
import { plausibility } from '../ledger/plausibility.js';
import { decodeText } from '../ledger/parse.js';
import { compareProblems, type Problem } from '../ledger/problems.js';
import type { CommandContext } from '../io/io.js';
import { formatProblemsGithub, formatProblemsJson, formatProblemsText } from '../report/problems.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';

export const CHECK_FORMATS = ['text', 'json', 'github', 'sarif'] as const;

export interface CheckOptions {
  format?: string;
  strict?: boolean;
  since?: string;
}

/**
 * --since REF: the problems of the files changed since REF. A changed record or action answers
 * for its own problems (its cross-file rules are reported at its line); a changed plan file
 * (settings, team, services, procedures, inputs, imports) takes part in rules about every
 * record, so then the whole ledger is reported.
 */
async function sinceFilter(ctx: CommandContext & CheckOptions, root: string): Promise<{ keep: (p: Problem) => boolean; ref: string; files: number }> {
  const { resolveRevision, changedSince } = await import('../ledger/git.js');
  const rev = resolveRevision(root, ctx.since!, ctx.io.t);
  const changed = changedSince(rev);
  const planChanged = [...changed].some((f) => !f.startsWith('records/') && !f.startsWith('actions/') && /\.ya?ml$/.test(f));
  return { keep: planChanged ? () => true : (p) => changed.has(p.file), ref: rev.ref, files: changed.size };
}

export interface CheckResult {
  exitCode: number;
  problems: Problem[];
}

function sourcesOf(root: string, problems: Problem[]): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const file of new Set(problems.map((p) => p.file))) {
    try {
      // Only a regular file is read for an excerpt (never a FIFO, a device or a link out).
      const st = lstatSync(join(root, file));
      if (!st.isFile() || st.size > 1024 * 1024) continue;
      const bytes = readFileSync(join(root, file));
      const text = decodeText(file, bytes).text;
      if (text !== undefined) sources.set(file, text.split('\n'));
    } catch {
      /* no excerpt for a file that is gone */
    }
  }
  return sources;
}

export async function runCheck(ctx: CommandContext & CheckOptions): Promise<CheckResult> {
  const { io } = ctx;
  const format = formatOption(io, ctx.format, CHECK_FORMATS, 'text');
  const ledger = openLedger(ctx, { progress: await fileProgress(io, io.t('progress.reading')) });
  const since = ctx.since === undefined ? undefined : await sinceFilter(ctx, ledger.root);
  const problems = [...allProblems(ledger), ...place(ledger.root, plausibility(ledger, io.now()))].filter(since?.keep ?? (() => true)).sort(compareProblems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  if (format === 'json') io.out(formatProblemsJson(problems, io.t));
  else if (format === 'github') io.out(formatProblemsGithub(problems, io.t));
  else if (format === 'sarif') io.out((await import('../report/problems-sarif.js')).formatProblemsSarif(problems, io.t));
  else {
    if (problems.length > 0) io.out(formatProblemsText(problems, sourcesOf(ledger.root, problems), io.t, io.color));
    if (since) io.out(`${io.t('check.since-summary', { ref: since.ref, files: since.files })}\n`);
    const files = new Set(problems.map((p) => p.file)).size;
    io.out(
      problems.length === 0
        ? `${io.t('check.clean', { files: ledger.files.length })}\n`
        : `${io.t('check.summary', { errors, warnings, files })}\n`,
    );
  }
  const exitCode = errors > 0 || (ctx.strict && warnings > 0) ? 1 : 0;
  return { exitCode, problems };
}
