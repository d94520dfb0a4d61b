// Property: one edit changes exactly one key. Over generated YAML files (block and flow maps and
// lists, nested maps, multi-line strings `|` and `>`, comments between and after keys, blank
// lines, CRLF, BOM, the key first, middle or last), after one edit:
// - parsing the file again gives the old data with exactly that change, and
// - every byte outside the edited node's span (defined in src/ledger/edit.ts) is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML, { type Node, type Pair, type YAMLMap } from 'yaml';
import { editYaml } from '../../../src/ledger/edit.js';

type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

const word = fc.constantFrom('alpha', 'beta', 'Ana García', 'x y', '92%', '00123', 'yes', 'a: b', '#no', 'ü');
const scalar: fc.Arbitrary<Value> = fc.oneof(word, fc.integer({ min: -5, max: 500 }), fc.boolean(), fc.constant(null));
const lines = fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `${ws.join('\n')}\n`);
const smallMap = fc.uniqueArray(fc.constantFrom('csat', 'nps', 'comment', 'ref', 'qty'), { minLength: 1, maxLength: 3 }).chain((keys) =>
  fc.tuple(...keys.map(() => scalar)).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]])) as Value),
);

/** How one top-level entry is written. */
type Entry =
  | { kind: 'scalar'; value: Value; quote: 'plain' | 'double' | 'single' }
  | { kind: 'text'; value: string; style: '|' | '>' }
  | { kind: 'map'; value: { [k: string]: Value }; flow: boolean }
  | { kind: 'list'; value: Value[]; flow: boolean };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ kind: fc.constant('scalar' as const), value: scalar, quote: fc.constantFrom('plain' as const, 'double' as const, 'single' as const) }),
  fc.record({ kind: fc.constant('text' as const), value: lines, style: fc.constantFrom('|' as const, '>' as const) }),
  fc.record({ kind: fc.constant('map' as const), value: smallMap as fc.Arbitrary<{ [k: string]: Value }>, flow: fc.boolean() }),
  fc.record({ kind: fc.constant('list' as const), value: fc.array(fc.oneof(scalar, smallMap), { minLength: 1, maxLength: 3 }), flow: fc.boolean() }),
);

function plain(v: Value): string {
  return YAML.stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
}

function flow(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')} }`;
  return plain(v);
}

function render(key: string, e: Entry, comment: string): string {
  const c = comment ? `  # ${comment}` : '';
  switch (e.kind) {
    case 'scalar': {
      const text = typeof e.value === 'string' && e.quote !== 'plain' ? (e.quote === 'double' ? JSON.stringify(e.value) : `'${e.value.replace(/'/g, "''")}'`) : plain(e.value);
      return `${key}: ${text}${c}\n`;
    }
    case 'text':
      return `${key}: ${e.style}${c}\n${e.value.split('\n').filter((l) => l !== '').map((l) => `  ${l}\n`).join('')}`;
    case 'map':
      if (e.flow) return `${key}: ${flow(e.value)}${c}\n`;
      return `${key}:${c}\n${Object.entries(e.value).map(([k, v]) => `  ${k}: ${plain(v)}\n`).join('')}`;
    case 'list':
      if (e.flow) return `${key}: ${flow(e.value)}${c}\n`;
      return `${key}:${c}\n${e.value
        .map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([k, x], i) => `  ${i === 0 ? '-' : ' '} ${k}: ${plain(x)}\n`).join('') : `  - ${plain(v)}\n`))
        .join('')}`;
  }
}

const KEYS = ['id', 'survey', 'notes', 'parts', 'steps', 'cost', 'customer', 'x-extra'];

const file = fc
  .record({
    keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 6 }),
    entries: fc.array(entry, { minLength: 6, maxLength: 6 }),
    comments: fc.array(fc.constantFrom('', '', 'why', 'nota: x'), { minLength: 6, maxLength: 6 }),
    between: fc.array(fc.constantFrom('', '', '\n', '# a comment line\n', '\n# spaced\n\n'), { minLength: 7, maxLength: 7 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ keys, entries, comments, between, crlf, bom, finalNewline }) => {
    let lf: string = between[0];
    keys.forEach((k, i) => {
      lf += render(k, entries[i], comments[i]) + (i < keys.length - 1 ? between[i + 1] : '');
    });
    lf += between[6].startsWith('#') ? between[6] : '';
    if (!finalNewline) lf = lf.replace(/\n$/, '');
    const text = (bom ? '\uFEFF' : '') + (crlf ? lf.replace(/\n/g, '\r\n') : lf);
    return { text, keys, crlf, bom };
  });

type Op =
  | { op: 'delete'; key: number }
  | { op: 'replace'; key: number; value: Value }
  | { op: 'add'; value: Value }
  | { op: 'nested-set'; key: number; sub: string; value: Value }
  | { op: 'nested-delete'; key: number };

const newValue: fc.Arbitrary<Value> = fc.oneof(scalar, smallMap, fc.array(scalar, { minLength: 1, maxLength: 2 }), fc.constant('two\nlines'));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), key: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), key: fc.nat(), value: newValue }),
  fc.record({ op: fc.constant('add' as const), value: newValue }),
  fc.record({ op: fc.constant('nested-set' as const), key: fc.nat(), sub: fc.constantFrom('csat', 'added'), value: scalar }),
  fc.record({ op: fc.constant('nested-delete' as const), key: fc.nat() }),
);

/** The LF body of a file (BOM dropped, CRLF → LF), as the editor sees it. */
function body(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}

/** [start, end) of what an edit of `path` may change, in LF body offsets (see edit.ts). */
function spanOf(text: string, path: string[], kind: 'delete' | 'replace'): [number, number] {
  const doc = YAML.parseDocument(text, { keepSourceTokens: true });
  let map = doc.contents as YAMLMap;
  let pair: Pair | undefined;
  for (const [i, k] of path.entries()) {
    pair = map.items.find((p) => String((p.key as { value: unknown }).value) === k) as Pair;
    if (i < path.length - 1) map = pair.value as YAMLMap;
  }
  const keyNode = pair!.key as Node;
  const value = pair!.value as Node | null;
  const valueEnd = Math.max(value?.range?.[1] ?? 0, keyNode.range![1]);
  const toLineEnd = (o: number) => (text[o - 1] === '\n' ? o : text.indexOf('\n', o) < 0 ? text.length : text.indexOf('\n', o) + 1);
  if (kind === 'delete') {
    if (map.flow) return [map.range![0], map.range![1]];
    return [text.lastIndexOf('\n', keyNode.range![0] - 1) + 1, toLineEnd(valueEnd)];
  }
  // A replaced value may rewrite from its key's colon to the end of the value's last line.
  return [keyNode.range![1], toLineEnd(valueEnd)];
}

function unchangedOutside(before: string, after: string, [start, end]: [number, number]): void {
  expect(after.slice(0, start)).toBe(before.slice(0, start));
  expect(after.slice(after.length - (before.length - end))).toBe(before.slice(end));
}

function parsed(text: string): unknown {
  return YAML.parse(body(text), { schema: 'core' });
}

describe('editYaml: one edit changes exactly one key', () => {
  it('holds over generated files', () => {
    fc.assert(
      fc.property(file, op, ({ text, keys, crlf, bom }, o) => {
        const before = parsed(text) as Record<string, Value>;
        const expected = structuredClone(before);
        const key = 'key' in o ? keys[o.key % keys.length] : 'added-key';
        let after: string;
        let span: [number, number] | undefined;
        const b = body(text);
        switch (o.op) {
          case 'delete':
            after = editYaml(text, (e) => e.delete([key]));
            delete expected[key];
            span = spanOf(b, [key], 'delete');
            break;
          case 'replace':
            after = editYaml(text, (e) => e.set([key], o.value));
            expected[key] = o.value;
            span = spanOf(b, [key], 'replace');
            break;
          case 'add':
            after = editYaml(text, (e) => e.set([key], o.value));
            expected[key] = o.value;
            break;
          case 'nested-set': {
            const v = expected[key];
            if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
            after = editYaml(text, (e) => e.set([key, o.sub], o.value));
            v[o.sub] = o.value;
            if (o.sub in (before[key] as object)) span = spanOf(b, [key, o.sub], 'replace');
            break;
          }
          case 'nested-delete': {
            const v = expected[key];
            if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) return;
            const sub = Object.keys(v)[0];
            after = editYaml(text, (e) => e.delete([key, sub]));
            // The only entry removed: the map itself becomes `{}` on its key's line.
            span = Object.keys(v).length === 1 ? spanOf(b, [key], 'replace') : spanOf(b, [key, sub], 'delete');
            delete v[sub];
            break;
          }
        }
        const got = parsed(after);
        expect(got ?? {}).toEqual(expected);
        // The envelope is kept: BOM first, every line break CRLF when the file had them.
        expect(after.startsWith('\uFEFF')).toBe(bom);
        if (crlf && text.includes('\r\n')) expect(/(^|[^\r])\n/.test(after)).toBe(false);
        const a = body(after);
        if (span) unchangedOutside(b, a, span);
        else {
          // An addition only inserts: what was there is a prefix and a suffix of the new text.
          let p = 0;
          while (p < b.length && a[p] === b[p]) p++;
          expect(a.slice(a.length - (b.length - p))).toBe(b.slice(p));
        }
      }),
      { numRuns: Number(process.env.EDIT_RUNS ?? 400), seed: process.env.EDIT_SEED ? Number(process.env.EDIT_SEED) : 20261202 },
    );
  });

  it('removing a block mapping keeps the key after it (issue 12 reproducer)', () => {
    const text = 'id: 20261102-7k3qzm2a\nsurvey:\n  csat: 5\n  nps: 9\nnotes: keep me\n';
    expect(editYaml(text, (e) => e.delete(['survey']))).toBe('id: 20261102-7k3qzm2a\nnotes: keep me\n');
  });

  it('removing a block list keeps the key after it', () => {
    const text = 'outcome: resolved\nparts:\n  - { ref: KIT-HP2, qty: 1, cost: 6.00 }\ncost: 253.71\n';
    expect(editYaml(text, (e) => e.delete(['parts']))).toBe('outcome: resolved\ncost: 253.71\n');
  });

  it('replacing a block scalar keeps the key after it', () => {
    const text = 'notes: |\n  one\n  two\ncost: 3\n';
    expect(editYaml(text, (e) => e.set(['notes'], 'short'))).toBe('notes: short\ncost: 3\n');
  });

  it('removes a key from a flow mapping, first, middle and last', () => {
    const text = 'steps: { a: done, b: skipped, c: n/a }\n';
    expect(editYaml(text, (e) => e.delete(['steps', 'a']))).toBe('steps: { b: skipped, c: n/a }\n');
    expect(editYaml(text, (e) => e.delete(['steps', 'b']))).toBe('steps: { a: done, c: n/a }\n');
    expect(editYaml(text, (e) => e.delete(['steps', 'c']))).toBe('steps: { a: done, b: skipped }\n');
  });
});
