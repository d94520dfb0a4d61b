// Edits that keep the user's bytes: comments, key order, quoting, spacing and alignment.
// Each edit splices new text into the exact source range of a node found by the `yaml` parser
// (never by regexes); everything outside that range is left byte for byte. The text is parsed
// again after every edit, so ranges are always current (ledger files are small).
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, LineCounter, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

type Path = readonly (string | number)[];

function parse(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', keepSourceTokens: true });
  if (doc.errors.length > 0) throw new Error(`cannot edit: ${doc.errors[0].message}`);
  return { doc, lines };
}

/** A scalar as YAML text (plain when safe, else quoted), e.g. `resolved`, `"92%"`, `18.4`. */
export function scalarText(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** A value as flow YAML on one line: `{ a: 1, b: [x, y] }`. */
export function flowText(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalarText(value);
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ')} }`;
}

/** A value as block YAML, every line indented by `indent` spaces (no trailing newline). */
function blockText(value: unknown, indent: number): string {
  const text = stringify(value, { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: true }).replace(/\n$/, '');
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

function isCollection(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

export class YamlEditor {
  private text: string;

  constructor(text: string) {
    this.text = text;
    parse(text); // refuse to edit a file that does not parse
  }

  toString(): string {
    return this.text;
  }

  private splice(start: number, end: number, insert: string): void {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset just after the line holding `offset` (after its '\n', or the end of text). */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The node at `path` and, for a map entry, its pair. */
  private find(path: Path): { node: Node | null | undefined; pair?: Pair; parent?: Node } {
    const { doc } = parse(this.text);
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let parent: Node | undefined;
    for (const key of path) {
      parent = node as Node;
      if (isMap(node)) {
        pair = (node as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key)) as Pair | undefined;
        if (!pair) return { node: undefined, parent };
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        pair = undefined;
        node = (node as YAMLSeq).items[key];
        if (node === undefined) return { node: undefined, parent };
      } else {
        return { node: undefined, parent };
      }
    }
    return { node: node as Node | null, pair, parent };
  }

  has(path: Path): boolean {
    return this.find(path).node !== undefined;
  }

  /** Set the value at `path`: replace it in place when present, else add the key to its map. */
  set(path: Path, value: unknown): this {
    const { node, pair, parent } = this.find(path);
    if (node !== undefined && node !== null && node.range) {
      this.replaceNode(node, value, pair);
      return this;
    }
    if (node === null && pair) {
      // `key:` with no value: write the value after the colon.
      const keyNode = pair.key as Node;
      const at = this.lineEnd(keyNode.range![1]) - (this.text[this.lineEnd(keyNode.range![1]) - 1] === '\n' ? 1 : 0);
      const indent = this.column(keyNode.range![0]);
      const text = isCollection(value) ? `\n${blockText(value, indent + 2)}` : ` ${scalarText(value)}`;
      this.splice(at, at, text);
      return this;
    }
    const key = path[path.length - 1];
    const parentPath = path.slice(0, -1);
    if (parent === undefined || !isMap(parent)) {
      // Create the missing parent maps one level at a time.
      if (parentPath.length === 0) throw new Error('cannot edit: the document is not a mapping');
      this.set(parentPath, { [String(key)]: value });
      return this;
    }
    this.addToMap(parent as YAMLMap, String(key), value);
    return this;
  }

  /** Remove the entry at `path` (a map key) with its line(s). */
  delete(path: Path): this {
    const { node, pair, parent } = this.find(path);
    if (node === undefined || !pair || !parent) return this;
    if ((parent as YAMLMap).flow) {
      throw new Error('cannot edit: removing a key from a flow mapping is not supported');
    }
    const start = this.lineStart((pair.key as Node).range![0]);
    const endOffset = node && node.range ? node.range[1] : (pair.key as Node).range![1];
    this.splice(start, this.lineEnd(endOffset), '');
    return this;
  }

  /** Append `item` to the sequence at `path` (created when missing). */
  append(path: Path, item: unknown): this {
    const { node } = this.find(path);
    if (node === undefined || node === null) {
      this.set(path, [item]);
      return this;
    }
    if (!isSeq(node)) throw new Error(`cannot edit: ${path.join('.')} is not a list`);
    const seq = node as YAMLSeq;
    if (seq.flow) {
      const end = seq.range![1]; // just after ']'
      const close = this.text.lastIndexOf(']', end);
      if (seq.items.length === 0) {
        // `key: []` → a block list under the key: reads better for mappings.
        if (isCollection(item) && !Array.isArray(item)) {
          const keyCol = this.column(this.lineStart(seq.range![0]) + this.text.slice(this.lineStart(seq.range![0])).search(/\S/));
          this.splice(seq.range![0] - (this.text[seq.range![0] - 1] === ' ' ? 1 : 0), end, `\n${blockText([item], keyCol + 2)}`);
        } else {
          this.splice(close, close, flowText(item));
        }
      } else {
        const last = seq.items[seq.items.length - 1] as Node;
        this.splice(last.range![1], last.range![1], `, ${flowText(item)}`);
      }
      return this;
    }
    const first = seq.items[0] as Node;
    const dashCol = this.column(this.text.lastIndexOf('-', first.range![0]));
    const last = seq.items[seq.items.length - 1] as Node;
    const at = this.lineEnd(last.range![1] - 1);
    const text = blockText([item], dashCol);
    this.splice(at, at, `${at > 0 && this.text[at - 1] !== '\n' ? '\n' : ''}${text}\n`);
    return this;
  }

  private replaceNode(node: Node, value: unknown, pair?: Pair): void {
    const [start, end] = node.range!;
    if (isScalar(node) && !isCollection(value)) {
      // Keep the quoting style of the scalar being replaced when it can hold the value.
      const type = (node as Scalar).type;
      let text = scalarText(value);
      if (typeof value === 'string' && (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE)) {
        text = type === Scalar.QUOTE_DOUBLE ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
      }
      this.splice(start, end, text);
      return;
    }
    const flow = (isMap(node) || isSeq(node)) && (node as YAMLMap).flow;
    if (!isCollection(value) || flow) {
      this.splice(start, end, flowText(value));
      return;
    }
    // A block value is replaced by a block value at the same indentation.
    const keyCol = pair ? this.column((pair.key as Node).range![0]) : this.column(start);
    const from = pair ? (pair.key as Node).range![1] : start;
    const colon = this.text.indexOf(':', from);
    const stop = this.lineEnd(end - 1);
    this.splice(colon + 1, stop, `\n${blockText(value, keyCol + 2)}\n`);
  }

  private addToMap(map: YAMLMap, key: string, value: unknown): void {
    if (map.flow) {
      const close = this.text.lastIndexOf('}', map.range![1]);
      const last = map.items[map.items.length - 1] as Pair | undefined;
      if (!last) this.splice(close, close, ` ${scalarText(key)}: ${flowText(value)} `);
      else {
        const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1];
        this.splice(lastEnd, lastEnd, `, ${scalarText(key)}: ${flowText(value)}`);
      }
      return;
    }
    const firstPair = map.items[0] as Pair | undefined;
    const indent = firstPair ? this.column((firstPair.key as Node).range![0]) : 0;
    const entry = blockText({ [key]: value }, indent);
    if (!firstPair) {
      this.text = this.text.replace(/\n*$/, '\n') + entry + '\n';
      return;
    }
    const last = map.items[map.items.length - 1] as Pair;
    const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1];
    const at = this.lineEnd(Math.max(lastEnd - 1, (last.key as Node).range![1]));
    this.splice(at, at, `${this.text[at - 1] !== '\n' ? '\n' : ''}${entry}\n`);
  }
}

/** Apply edits to YAML text and return the new text. */
export function editYaml(text: string, edit: (e: YamlEditor) => void): string {
  const editor = new YamlEditor(text);
  edit(editor);
  return editor.toString();
}
