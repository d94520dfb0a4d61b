// One ledger file's bytes → data + problems. The bulk path uses js-yaml (CORE schema), which
// is ~8× faster than `yaml` on our small files; `yaml` re-parses only files that fail or that
// use anchors/aliases (it limits alias expansion), and gives positions for every problem.
import jsyaml from 'js-yaml';
import type { FileKind } from './schema.js';
import { placeProblems, parseForPositions, type SourceDoc } from './positions.js';
import { syntaxProblem } from './syntax.js';
import { decodeText } from './decode.js';

export { decodeText } from './decode.js';
import { fileProblem, type Problem } from './problems.js';
import { validateData } from './validate.js';

/** A ledger file over this size is refused (SPEC §1): a record is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ALIASES = 100;


export interface ParsedFile {
  /** The file's data when it parsed and passed its schema; undefined otherwise. */
  data: unknown;
  problems: Problem[];
}

/**
 * YAML syntax problems from `yaml`, in our codes: the first error only (what follows it is
 * mostly its consequence), and every duplicate key (each one a mistake of its own).
 */
function syntaxProblems(file: string, text: string, src: SourceDoc): Problem[] {
  const errors = src.doc.errors;
  const first = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  return errors
    .filter((e) => e === first || e.code === 'DUPLICATE_KEY')
    .map((e) => syntaxProblem(file, text, e.pos[0], e.code));
}

/** Only comments and white space (a modeline alone counts as empty). */
function isBlank(text: string): boolean {
  return !/^[ \t]*[^#\s]/m.test(text);
}

/** js-yaml's first error: it stops there, and its place is where a reader can first tell. */
function jsyamlProblem(file: string, text: string, error: unknown): Problem | undefined {
  const e = error as { reason?: string; mark?: { position: number } };
  if (!e || !e.mark || typeof e.reason !== 'string') return undefined;
  return syntaxProblem(file, text, e.mark.position, e.reason);
}

/** Parse with `yaml`: positions, alias limits, exact syntax errors. */
function parseSlow(file: string, kind: FileKind, text: string, fastError?: unknown): ParsedFile {
  const src = parseForPositions(text);
  const syntax = syntaxProblems(file, text, src);
  const first = fastError === undefined ? undefined : jsyamlProblem(file, text, fastError);
  if (first) {
    // js-yaml's error, then only the duplicate keys `yaml` found further down (it carries on).
    return { data: undefined, problems: [first, ...syntax.filter((p) => p.code === 'duplicate-key' && p.line > first.line)] };
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
