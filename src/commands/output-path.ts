// `--output FILE` / `--out DIR` of the commands that write a report: checked before any work,
// so a folder, a device or a missing folder is a usage error (exit 2) naming the path, never an
// internal error after the job is done.
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { outputFileProblem, outputFolderProblem } from '../ledger/write.js';

export function outputFile(cwd: string, path: string, t: Translate): string {
  const file = resolve(cwd, path);
  const problem = outputFileProblem(file);
  if (problem) throw new UsageError(t(`error.output.${problem}`, { path }), t('hint.output'));
  return file;
}

export function outputFolder(cwd: string, path: string, t: Translate): string {
  const dir = resolve(cwd, path);
  const problem = outputFolderProblem(dir);
  if (problem) throw new UsageError(t(`error.output.${problem}`, { path }), t('hint.output-folder'));
  return dir;
}
