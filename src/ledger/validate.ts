// Schema validation of one file's data → PendingProblem[] with stable codes.
// zod's issues are translated into the ledger's vocabulary: missing key, unknown key (with a
// "did you mean"), wrong type, value not allowed, bad format. `x-` keys are let through here.
import type { z } from 'zod';
import { BUILTIN_INDICATORS, FILE_KINDS, type FileKind } from './schema.js';
import type { Params, PendingProblem, YamlPath } from './problems.js';
import { closest } from './values.js';
import { keysAt } from './schema-walk.js';

type Issue = z.core.$ZodIssue;

/** Problem codes that schemas put in a format check's message (schema.ts). */
const FORMAT_CODES = new Set([
  'bad-slug', 'bad-record-id', 'bad-date', 'bad-month', 'bad-timestamp', 'bad-duration',
  'bad-quantity', 'bad-procedure-ref', 'bad-timezone', 'bad-stat',
]);

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

function expectedName(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'mapping';
  if (expected === 'array' || expected === 'tuple') return 'list';
  if (expected === 'int') return 'integer';
  return expected;
}

function toProblems(schema: z.ZodType, file: string, data: unknown, issue: Issue, base: YamlPath, out: PendingProblem[]): void {
  const path = [...base, ...(issue.path as (string | number)[])];
  const here = valueAt(data, path);
  const push = (code: string, params: Params, p: YamlPath = path, atKey = false) =>
    out.push({ file, path: p, atKey, code, severity: 'error', params });

  // A key that is not there, whatever zod expected of its value: "missing required key", placed
  // at the mapping that lacks it (not "undefined is not allowed here" at some other line).
  if (here === undefined && path.length > 0 && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_key') {
    const expected = issue.code === 'invalid_type' ? expectedName(issue.expected)
      : issue.code === 'invalid_value' ? issue.values.map(String).join(' | ')
      : 'a value';
    push('missing-key', { key: String(path[path.length - 1]), expected }, path.slice(0, -1));
    return;
  }
  // .nan and .inf are numbers to YAML, not to a quality ledger.
  if (typeof here === 'number' && !Number.isFinite(here)) {
    push('not-finite', { value: Number.isNaN(here) ? '.nan' : here > 0 ? '.inf' : '-.inf' });
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const candidates = keysAt(schema, path);
      for (const key of issue.keys) {
        if (key.startsWith('x-')) continue; // kept and ignored (SPEC §1)
        const suggestion = closest(key, candidates);
        push('unknown-key', { key, suggestion: suggestion ?? '', allowed: candidates.join(', ') }, [...path, key], true);
      }
      return;
    }
    case 'invalid_type': {
      push('wrong-type', { expected: expectedName(issue.expected), actual: typeName(here), value: show(here) });
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const suggestion = typeof here === 'string' ? closest(here, allowed) : undefined;
      push('bad-value', { value: show(here), allowed: allowed.join(', '), suggestion: suggestion ?? '' });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (Array.isArray(here) || typeof here === 'string') {
        push('wrong-length', { value: show(here), bound: Number(bound) });
      } else {
        push(issue.code === 'too_small' ? 'too-small' : 'too-big', { value: show(here), bound: Number(bound) });
      }
      return;
    }
    case 'invalid_union': {
      // The quantity and indicator unions: say what was expected in our words.
      if (typeof here === 'string' && (BUILTIN_INDICATORS as readonly string[]).includes(here) === false &&
        issue.errors.some((branch) => branch.some((i) => i.code === 'invalid_value' && i.values.includes('volume')))) {
        const suggestion = closest(here, BUILTIN_INDICATORS);
        push('unknown-indicator', { value: here, suggestion: suggestion ?? '', allowed: BUILTIN_INDICATORS.join(', ') });
        return;
      }
      if (here !== null && typeof here === 'object' && !Array.isArray(here)) {
        // An object matched against a union with one object branch: report that branch's issues.
        const objectBranch = issue.errors.find((branch) => branch.every((i) => !(i.code === 'invalid_type' && i.path.length === 0)));
        if (objectBranch) {
          for (const inner of objectBranch) toProblems(schema, file, data, inner, path, out);
          return;
        }
      }
      push('bad-quantity', { value: show(here) });
      return;
    }
    case 'invalid_format':
    case 'custom': {
      const code = FORMAT_CODES.has(issue.message) ? issue.message : 'bad-format';
      push(code, { value: show(here) });
      return;
    }
    case 'invalid_key': {
      for (const inner of issue.issues) toProblems(schema, file, data, inner, path, out);
      return;
    }
    default:
      push('bad-format', { value: show(here) });
  }
}

/** Validate the parsed YAML of a file of `kind`. An empty list means the data is valid. */
export function validateData(file: string, kind: FileKind, data: unknown): PendingProblem[] {
  const result = FILE_KINDS[kind].safeParse(data);
  if (result.success) return [];
  const out: PendingProblem[] = [];
  for (const issue of result.error.issues) toProblems(FILE_KINDS[kind], file, data, issue, [], out);
  return withoutEchoes(out);
}

/**
 * A misspelled key (`indicater:`) is one mistake: report the unknown key with its "did you
 * mean", not also the missing key it was meant to be (and nothing else about that key).
 */
function withoutEchoes(problems: PendingProblem[]): PendingProblem[] {
  const meant = new Set<string>();
  for (const p of problems) {
    if (p.code === 'unknown-key' && p.params.suggestion) meant.add(JSON.stringify([...p.path.slice(0, -1), String(p.params.suggestion)]));
  }
  if (meant.size === 0) return problems;
  return problems.filter((p) => !(p.code === 'missing-key' && meant.has(JSON.stringify([...p.path, String(p.params.key)]))));
}
