// One ledger file's bytes → data + problems. The bulk path uses js-yaml (CORE schema), which
// is ~8× faster than `yaml` on our small files; `yaml` re-parses only files that fail or that
// use anchors/aliases (it limits alias expansion), and gives positions for every problem.
import jsyaml from 'js-yaml';
import type { FileKind } from './schema.js';
import { placeProblems, parseForPositions, positionOf, type SourceDoc } from './positions.js';
import { fileProblem, type Problem } from './problems.js';
import { validateData } from './validate.js';

/** A ledger file over this size is refused (SPEC §1): a record is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ALIASES = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface ParsedFile {
  /** The file's data when it parsed and passed its schema; undefined otherwise. */
  data: unknown;
  problems: Problem[];
}

/** Offset of the first byte that breaks UTF-8, for pointing at it. */
function firstBadUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 && b >= 0xc2 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

/** Decode strictly: a file that is not UTF-8 is a problem, not mojibake. BOM is dropped. */
export function decodeText(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  try {
    return { text: utf8.decode(bytes) }; // TextDecoder drops a leading BOM by default
  } catch {
    const offset = firstBadUtf8Byte(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
    const column = utf8.decode(bytes.subarray(lineStart, offset)).length + 1;
    const problem = fileProblem(file, 'not-utf8', { byte: `0x${bytes[offset].toString(16).padStart(2, '0')}` });
    Object.assign(problem, { line, column, endLine: line, endColumn: column });
    return { problem };
  }
}

/** YAML syntax problems from `yaml`, in our codes. */
function syntaxProblems(file: string, src: SourceDoc): Problem[] {
  return src.doc.errors.map((e) => {
    const a = positionOf(src, e.pos[0]);
    const b = positionOf(src, Math.max(e.pos[0], e.pos[1]));
    const code =
      e.code === 'DUPLICATE_KEY' ? 'duplicate-key'
      : e.code === 'TAB_AS_INDENT' ? 'tab-indent'
      : e.code === 'BAD_INDENT' ? 'bad-indent'
      : 'yaml-syntax';
    const detail = e.message.split(/ at line \d+/)[0];
    return {
      file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col,
      code, severity: 'error' as const, params: { detail },
    };
  });
}

/** Only comments and white space (a modeline alone counts as empty). */
function isBlank(text: string): boolean {
  return !/^[ \t]*[^#\s]/m.test(text);
}

/** js-yaml's first error: it stops there, but its line is often the more precise one. */
function jsyamlProblem(file: string, error: unknown): Problem | undefined {
  const e = error as { reason?: string; mark?: { line: number; column: number } };
  if (!e || !e.mark || typeof e.reason !== 'string') return undefined;
  const reason = e.reason;
  const code = /duplicated mapping key/.test(reason) ? 'duplicate-key'
    : /tab characters/.test(reason) ? 'tab-indent'
    : /indentation/.test(reason) ? 'bad-indent'
    : 'yaml-syntax';
  const line = e.mark.line + 1;
  const column = e.mark.column + 1;
  return { file, line, column, endLine: line, endColumn: column + 1, code, severity: 'error', params: { detail: reason } };
}

/** Parse with `yaml`: positions, alias limits, exact syntax errors. */
function parseSlow(file: string, kind: FileKind, text: string, fastError?: unknown): ParsedFile {
  const src = parseForPositions(text);
  const syntax = syntaxProblems(file, src);
  const first = fastError === undefined ? undefined : jsyamlProblem(file, fastError);
  if (first) {
    // js-yaml's error first, then what `yaml` found further down (it carries on after errors).
    return { data: undefined, problems: [first, ...syntax.filter((p) => p.line > first.line)] };
  }
  if (syntax.length > 0) return { data: undefined, problems: syntax };
  let data: unknown;
  try {
    data = src.doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError) {
      return { data: undefined, problems: [fileProblem(file, 'alias-limit', { limit: MAX_ALIASES })] };
    }
    throw e;
  }
  const pending = validateData(file, kind, data);
  if (pending.length === 0) return { data, problems: [] };
  return { data: undefined, problems: placeProblems(text, pending, src) };
}

export function parseText(file: string, kind: FileKind, text: string): ParsedFile {
  if (isBlank(text)) return { data: undefined, problems: [fileProblem(file, 'empty-file')] };
  // Anchors and aliases: js-yaml does not bound them, `yaml` does.
  if (text.includes('&') || text.includes('*')) return parseSlow(file, kind, text);
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    return parseSlow(file, kind, text, error);
  }
  const pending = validateData(file, kind, data);
  if (pending.length === 0) return { data, problems: [] };
  return { data: undefined, problems: placeProblems(text, pending) };
}

/** Bytes of a file → parsed data or problems. */
export function parseBytes(file: string, kind: FileKind, bytes: Uint8Array): ParsedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return { data: undefined, problems: [fileProblem(file, 'file-too-large', { size: bytes.length, limit: MAX_FILE_BYTES })] };
  }
  const decoded = decodeText(file, bytes);
  if (decoded.problem) return { data: undefined, problems: [decoded.problem] };
  return parseText(file, kind, decoded.text!);
}
