// `--set path=value` flags → typed values, typed by the file kind's schema: `--set visits=2`
// is a number, `--set serial=00123` stays the string "00123", `--set survey.csat=5` a number,
// `--set parts=[{ref: A, qty: 1}]` a list. Unknown paths are refused with a "did you mean".
import YAML from 'yaml';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { FILE_KINDS, type FileKind } from './schema.js';
import { keysAt, leafTypes, schemaAt } from './schema-walk.js';
import { closest } from './values.js';

export interface SetValue {
  path: string[];
  value: unknown;
}

function fail(t: Translate, flag: string, reason: string): never {
  throw new UsageError(t('error.bad-set', { value: flag, reason }), t('hint.bad-set'));
}

export function parseSet(kind: FileKind, flag: string, t: Translate): SetValue {
  const eq = flag.indexOf('=');
  if (eq <= 0) fail(t, flag, 'expected path=value');
  const path = flag.slice(0, eq).trim().split('.');
  const raw = flag.slice(eq + 1);
  if (path.some((p) => p === '')) fail(t, flag, 'empty path segment');
  const schema = FILE_KINDS[kind];
  const leaf = path[path.length - 1].startsWith('x-') ? undefined : schemaAt(schema, path);
  if (leaf === undefined && !path[path.length - 1].startsWith('x-')) {
    const parent = path.slice(0, -1);
    const keys = keysAt(schema, parent);
    const hint = closest(path[path.length - 1], keys);
    fail(t, flag, `unknown field "${path.join('.')}"${hint ? ` (did you mean "${[...parent, hint].join('.')}"?)` : ''}`);
  }
  const types = leaf ? leafTypes(leaf) : new Set(['string', 'number', 'boolean', 'object', 'array']);
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === 'null' || trimmed === '~') return { path, value: null };
  if (/^[[{]/.test(trimmed) && (types.has('array') || types.has('object'))) {
    try {
      return { path, value: YAML.parse(trimmed, { schema: 'core' }) };
    } catch (e) {
      fail(t, flag, (e as Error).message.split('\n')[0]);
    }
  }
  if (types.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return { path, value: trimmed === 'true' };
  // A field that takes text (customer, serial: text or number) keeps what was typed as text.
  if (types.has('string')) return { path, value: raw };
  if (types.has('number') && /^-?\d+(\.\d+)?$/.test(trimmed)) return { path, value: Number(trimmed) };
  if (types.has('number')) fail(t, flag, `"${raw}" is not a number`);
  if (types.has('boolean')) fail(t, flag, `"${raw}" is not true or false`);
  fail(t, flag, `"${raw}" does not fit ${[...types].join(' | ')}`);
}

/** Set a value at a dotted path inside a plain object, creating intermediate objects. */
export function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === null) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
}
