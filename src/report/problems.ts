// Problems → text (file:line:col, excerpt with a caret, hint), JSON, or GitHub annotations.
import { problemHint, problemMessage, type Problem } from '../ledger/problems.js';
import type { Translate } from '../i18n/index.js';
import { palette } from './colors.js';
import { annotation } from './github.js';
import { safeText } from '../io/safe-text.js';

export interface RenderedProblem extends Problem {
  message: string;
  hint: string;
}

export function renderProblem(p: Problem, t: Translate): RenderedProblem {
  return { ...p, message: problemMessage(p, t), hint: problemHint(p, t) };
}

/** The source line of a problem with a caret run under the spot. */
export function excerpt(lines: string[] | undefined, p: Problem): string[] {
  if (!lines || p.line < 1 || p.line > lines.length) return [];
  const raw = lines[p.line - 1].replace(/\r$/, '');
  const gutter = String(p.line).length;
  const pad = ' '.repeat(gutter);
  const rawStart = Math.min(Math.max(1, p.column), raw.length + 1);
  const rawEnd = p.endLine === p.line && p.endColumn > rawStart ? Math.min(p.endColumn, raw.length + 1) : rawStart + 1;
  // The line is shown escaped (a NUL or ESC in it must not reach the terminal); the caret
  // counts the escaped text.
  const text = safeText(raw);
  const start = safeText(raw.slice(0, rawStart - 1)).length + 1;
  const end = Math.max(start + 1, safeText(raw.slice(0, rawEnd - 1)).length + 1);
  const caret = ' '.repeat(start - 1) + '^'.repeat(end - start);
  return [`${pad} |`, `${p.line} | ${text}`, `${pad} | ${caret}`];
}

export function formatProblemsText(
  problems: Problem[],
  sources: Map<string, string[]>,
  t: Translate,
  color: boolean,
): string {
  const c = palette(color);
  const out: string[] = [];
  for (const p of problems) {
    const r = renderProblem(p, t);
    const sev = p.severity === 'error' ? c.red.bold(t('severity.error')) : c.yellow.bold(t('severity.warning'));
    out.push(`${c.bold(`${p.file}:${p.line}:${p.column}`)}: ${sev} ${c.dim(p.code)}: ${r.message}`);
    for (const l of excerpt(sources.get(p.file), p)) out.push(c.blue(l));
    if (r.hint) out.push(`  = ${c.cyan(t('label.hint'))}: ${r.hint}`);
    out.push('');
  }
  return out.join('\n');
}

export function formatProblemsJson(problems: Problem[], t: Translate): string {
  const list = problems.map((p) => {
    const r = renderProblem(p, t);
    return {
      file: p.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn,
      code: p.code, severity: p.severity, message: r.message, hint: r.hint,
    };
  });
  return `${JSON.stringify({ schemaVersion: 1, problems: list }, null, 2)}\n`;
}

export function formatProblemsGithub(problems: Problem[], t: Translate): string {
  return problems
    .map((p) => {
      const r = renderProblem(p, t);
      return annotation({
        level: p.severity === 'error' ? 'error' : 'warning',
        file: p.file, line: p.line, col: p.column, endLine: p.endLine, endColumn: p.endColumn,
        title: p.code,
        message: r.hint ? `${r.message}\n${r.hint}` : r.message,
      });
    })
    .map((l) => `${l}\n`)
    .join('');
}
