// A problem found in the ledger: a coded finding with a place. Messages are not stored here:
// reporters render `code` + `params` through the i18n catalogue, in the user's language.
import { labelOf } from '../i18n/labels.js';
import { safeParams } from '../io/safe-text.js';

export type Severity = 'error' | 'warning';
export type Params = Record<string, string | number>;
export type YamlPath = readonly (string | number)[];

export interface Problem {
  /** Path relative to the ledger root, with `/`. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: Severity;
  params: Params;
}

/** A problem known by its place in the data, before positions are looked up in the source. */
export interface PendingProblem {
  file: string;
  /** Where in the document; empty = the document itself. */
  path: YamlPath;
  /** Point at the key of the last path segment rather than its value (unknown keys). */
  atKey?: boolean;
  code: string;
  severity: Severity;
  params: Params;
}

export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function fileProblem(file: string, code: string, params: Params = {}, severity: Severity = 'error'): Problem {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, code, severity, params };
}

type T = (key: string, params?: Params) => string;

/**
 * The parameters as a person reads them: ledger values made safe to print (io/safe-text.ts), and
 * the names of YAML types (`expected`, `actual`: number, list…) in the user's language.
 */
function shownParams(params: Params, t: T): Params {
  const shown = safeParams(params);
  for (const key of ['expected', 'actual'] as const) {
    const v = shown[key];
    if (typeof v === 'string') shown[key] = labelOf(t, 'type', v);
  }
  return shown;
}

/** What is wrong, in words. */
export function problemMessage(p: { code: string; params: Params }, t: T): string {
  return t(`problem.${p.code}`, shownParams(p.params, t));
}

/** How to fix it, in words ('' when the code has no hint), with the closest valid value first. */
export function problemHint(p: { code: string; params: Params }, t: T): string {
  const params = shownParams(p.params, t);
  let hint = t(`hint.${p.code}`, params);
  if (hint === `hint.${p.code}`) hint = '';
  if (params.suggestion) hint = `${t('hint.didYouMean', params)} ${hint}`.trim();
  return hint;
}

/** `file:line:col: code: message`, the one line a problem is told in outside `check`. */
export function problemLine(p: Problem, t: (key: string, params?: Params) => string): string {
  return `${p.file}:${p.line}:${p.column}: ${p.code}: ${problemMessage(p, t)}`;
}
