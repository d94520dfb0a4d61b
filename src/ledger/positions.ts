// Places of problems in the source: a data path → file:line:col via the `yaml` parser's node
// ranges (never regexes). Used only for files that have problems, and by the writers.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { PendingProblem, Problem, YamlPath } from './problems.js';

// `yaml` is loaded when a place is first needed, not by every command that reads the ledger
// (~25 ms of start-up): its CommonJS build (the one Node loads for an import too) can be
// required on demand from synchronous code.
let loaded: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

export interface SourceDoc {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Parse `text` for positions: YAML 1.2 core schema, like the bulk loader. */
export function parseForPositions(text: string): SourceDoc {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, prettyErrors: false });
  return { doc, lines };
}

type Range = [number, number];

/** The range of the node at `path` (or of its key), or of the deepest ancestor that exists. */
export function rangeAt(src: SourceDoc, path: YamlPath, atKey = false): Range {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = src.doc.contents;
  let range: Range = node && (node as Node).range ? [(node as Node).range![0], (node as Node).range![1]] : [0, 0];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return range;
      const keyNode = pair.key as Node;
      if (last && atKey && keyNode.range) return [keyNode.range[0], keyNode.range[1]];
      const value = pair.value as Node | null;
      if (value && value.range) {
        range = [value.range[0], value.range[1]];
      } else if (keyNode.range) {
        range = [keyNode.range[0], keyNode.range[1]];
      }
      node = value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item || !item.range) return range;
      range = [item.range[0], item.range[1]];
      node = item;
    } else {
      return range;
    }
  }
  return range;
}

export function positionOf(src: SourceDoc, offset: number): { line: number; col: number } {
  return src.lines.linePos(offset);
}

/** Resolve pending problems of one file to positions, parsing its text once. */
export function placeProblems(text: string, pending: PendingProblem[], src?: SourceDoc): Problem[] {
  if (pending.length === 0) return [];
  const source = src ?? parseForPositions(text);
  return pending.map((p) => {
    const [start, end] = rangeAt(source, p.path, p.atKey);
    const a = positionOf(source, start);
    const b = positionOf(source, Math.max(start, end));
    return {
      file: p.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col,
      code: p.code, severity: p.severity, params: p.params,
    };
  });
}
