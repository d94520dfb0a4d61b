// A YAML syntax error, said once and in our words. Parsers report the first error they meet
// and then a cascade of consequences (a missing `}` gives 3–7 errors, none at the bracket);
// we keep the first, at the line where the parser could first tell, name the line of the
// bracket or quote left open, and say it by code so that it reads in the user's language
// (the parser's English never reaches a Spanish report).
import type { Problem } from './problems.js';

/** Line and column (1-based) of an offset; a column past the end of its line is clamped. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  const end = text.indexOf('\n', start);
  const lineLength = (end < 0 ? text.length : end) - start;
  return { line, column: Math.min(at - start, lineLength) + 1 };
}

/**
 * The innermost `{` or `[` (or quote) still open at `offset`: a small scan that knows quotes
 * and comments, enough to point at what was left open.
 */
export function openAt(text: string, offset: number): { char: string; offset: number } | undefined {
  const stack: { char: string; offset: number }[] = [];
  let quote: { char: string; offset: number } | undefined;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char) {
        if (c === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if ((c === '"' || c === "'") && (stack.length > 0 || i === 0 || /[\s:[{,-]/.test(text[i - 1]))) quote = { char: c, offset: i };
    else if (c === '{' || c === '[') stack.push({ char: c, offset: i });
    else if ((c === '}' || c === ']') && stack.length > 0) stack.pop();
  }
  return quote ?? stack[stack.length - 1];
}

const CLOSE: Record<string, string> = { '{': '}', '[': ']', '"': '"', "'": "'" };

/** Our code for a parser's message (js-yaml's reasons, `yaml`'s codes). */
function codeOf(reason: string): string {
  if (/duplicated mapping key|DUPLICATE_KEY/.test(reason)) return 'duplicate-key';
  if (/tab characters|TAB_AS_INDENT/.test(reason)) return 'tab-indent';
  if (/null byte/.test(reason)) return 'yaml-null-byte';
  if (/non-printable/.test(reason)) return 'yaml-non-printable';
  if (/escape sequence|hexadecimal character|BAD_DQ_ESCAPE/.test(reason)) return 'yaml-bad-escape';
  if (/flow collection|MISSING_CHAR|UNEXPECTED_TOKEN|BAD_PROP_ORDER/.test(reason)) return 'yaml-unclosed';
  if (/quoted scalar|MISSING_CHAR/.test(reason)) return 'yaml-unclosed';
  if (/indentation|BAD_INDENT/.test(reason)) return 'bad-indent';
  if (/colon is missed|implicit key|IMPLICIT_KEY/.test(reason)) return 'yaml-missing-colon';
  return 'yaml-syntax';
}

/** The problem for a syntax error at `offset` of `text`, reported by the parser as `reason`. */
export function syntaxProblem(file: string, text: string, offset: number, reason: string): Problem {
  let code = codeOf(reason);
  const params: Record<string, string | number> = {};
  let at = offset;
  if (code === 'yaml-null-byte' || code === 'yaml-non-printable') {
    // point at the character itself (js-yaml reports these before it tracks lines)
    const bad = code === 'yaml-null-byte' ? text.indexOf('\0') : text.search(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    if (bad >= 0) at = bad;
  }
  if (code === 'yaml-unclosed' || code === 'yaml-syntax') {
    const open = openAt(text, offset);
    if (open) {
      code = 'yaml-unclosed';
      params.open = open.char;
      params.close = CLOSE[open.char];
      params.openLine = lineColumn(text, open.offset).line;
    } else if (code === 'yaml-unclosed') code = 'yaml-syntax';
  }
  const { line, column } = lineColumn(text, at);
  return { file, line, column, endLine: line, endColumn: column + 1, code, severity: 'error', params };
}
