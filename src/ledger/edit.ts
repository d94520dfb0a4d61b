// Edits that keep the user's bytes: comments, key order, quoting, spacing and alignment.
// Each edit splices new text into the exact source range of a node found by the `yaml` parser
// (never by regexes); everything outside that range is left byte for byte. The text is parsed
// again after every edit, so ranges are always current (ledger files are small).
//
// The span an edit may change (what "the edited node" means here, and what the property test
// in test/unit/ledger/edit-property.test.ts holds every edit to):
// - replacing a value: the value's own source (a block collection: the lines after its key's
//   line up to its last line; a block scalar `|`/`>`: its header and lines);
// - removing a map entry: its key's line(s) through the line where its value ends, including a
//   comment on that last line; in a flow map, the entry and one separating comma;
// - adding an entry: nothing is changed, new lines are inserted after the map's last entry.
// A BOM and CRLF line endings are kept: the text is edited as LF and written back as it came.
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, LineCounter, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

type Path = readonly (string | number)[];

function parse(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', keepSourceTokens: true });
  if (doc.errors.length > 0) throw new Error(`cannot edit: ${doc.errors[0].message}`);
  return { doc, lines };
}

/** Characters YAML cannot hold raw in a plain or single-quoted scalar (and line breaks). */
const NEEDS_ESCAPE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** A double-quoted YAML scalar: JSON's escapes are YAML's, plus the few JSON leaves raw. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A scalar as YAML text on one line (plain when safe, else quoted), e.g. `resolved`, `"92%"`, `18.4`. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string' && NEEDS_ESCAPE.test(value)) return doubleQuoted(value);
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

function isEmptyCollection(v: unknown): boolean {
  return isCollection(v) && Object.keys(v as object).length === 0;
}

function isBlockCollection(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && !(node as YAMLMap).flow;
}

function isBlockScalar(node: Node): boolean {
  return isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
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

  /** `end` as an offset at a line boundary: unchanged when it already is one, else the line's end. */
  private toLineBoundary(end: number): number {
    return end > 0 && this.text[end - 1] === '\n' ? end : this.lineEnd(end);
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The offset just after the ':' that follows a pair's key. */
  private afterColon(pair: Pair): number {
    return this.text.indexOf(':', (pair.key as Node).range![1]) + 1;
  }

  /** The node at `path` and, for a map entry, its pair and index. */
  private find(path: Path): { node: Node | null | undefined; pair?: Pair; parent?: Node; index?: number } {
    const { doc } = parse(this.text);
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let parent: Node | undefined;
    let index: number | undefined;
    for (const key of path) {
      parent = node as Node;
      if (isMap(node)) {
        index = (node as YAMLMap).items.findIndex((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (index < 0) return { node: undefined, parent };
        pair = (node as YAMLMap).items[index] as Pair;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        pair = undefined;
        index = key;
        node = (node as YAMLSeq).items[key];
        if (node === undefined) return { node: undefined, parent };
      } else {
        return { node: undefined, parent };
      }
    }
    return { node: node as Node | null, pair, parent, index };
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
      this.fillEmpty(this.afterColon(pair), (pair.key as Node).range![0], value);
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

  /** `key:` with nothing after the colon: write the value there. */
  private fillEmpty(at: number, keyStart: number, value: unknown): void {
    if (isCollection(value) && !isEmptyCollection(value)) {
      const eol = this.lineEnd(at);
      const body = blockText(value, this.column(keyStart) + 2);
      if (eol === this.text.length && this.text[eol - 1] !== '\n') this.splice(eol, eol, `\n${body}`);
      else this.splice(eol, eol, `${body}\n`);
    } else {
      this.splice(at, at, ` ${flowText(value)}`);
    }
  }

  /** Remove the entry at `path` (a map key): its lines in a block map, the entry in a flow map. */
  delete(path: Path): this {
    const { node, pair, parent, index } = this.find(path);
    if (node === undefined || !pair || !parent || !isMap(parent) || index === undefined) return this;
    const map = parent as YAMLMap;
    const keyStart = (pair.key as Node).range![0];
    const valueEnd = Math.max(node?.range?.[1] ?? 0, (pair.key as Node).range![1]);
    if (map.flow) {
      const items = map.items as Pair[];
      const endOf = (p: Pair) => Math.max((p.value as Node | null)?.range?.[1] ?? 0, (p.key as Node).range![1]);
      if (items.length === 1) this.splice(map.range![0], map.range![1], '{}');
      else if (index === 0) this.splice(keyStart, (items[1].key as Node).range![0], '');
      else this.splice(endOf(items[index - 1]), valueEnd, '');
      return this;
    }
    // The only entry of a nested map: the map stays, empty (`key: {}`), rather than becoming null.
    if (map.items.length === 1 && path.length > 1) return this.set(path.slice(0, -1), {});
    const end = this.toLineBoundary(valueEnd);
    const lineStart = this.lineStart(keyStart);
    if (/^[ \t]*$/.test(this.text.slice(lineStart, keyStart))) {
      this.splice(lineStart, end, '');
      return this;
    }
    // The first key of a map that shares its line with something else (`- ref: x` in a list):
    // the next key moves up after the `- `.
    this.splice(keyStart, ((map.items[index + 1] as Pair).key as Node).range![0], '');
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
    const at = this.toLineBoundary(last.range![1]);
    const text = blockText([item], dashCol);
    this.splice(at, at, `${at > 0 && this.text[at - 1] !== '\n' ? '\n' : ''}${text}\n`);
    return this;
  }

  private replaceNode(node: Node, value: unknown, pair?: Pair): void {
    const [start, end] = node.range!;
    if (isBlockCollection(node) || isBlockScalar(node)) {
      this.replaceBlock(node, value, pair);
      return;
    }
    if (isScalar(node) && start === end && pair) {
      this.fillEmpty(this.afterColon(pair), (pair.key as Node).range![0], value);
      return;
    }
    if (isScalar(node) && typeof value === 'string') {
      // Keep the quoting style of the scalar being replaced when it can hold the value.
      const type = (node as Scalar).type;
      let text = scalarText(value);
      if (type === Scalar.QUOTE_DOUBLE) text = doubleQuoted(value);
      else if (type === Scalar.QUOTE_SINGLE && !NEEDS_ESCAPE.test(value)) text = `'${value.replace(/'/g, "''")}'`;
      this.splice(start, end, text);
      return;
    }
    // A scalar or a flow collection: the new value in flow style, on the same line(s).
    this.splice(start, end, flowText(value));
  }

  /**
   * A block collection or block scalar spans whole lines and ends with its last line's '\n'.
   * A non-empty collection replaces it in block style at the same indentation, under the key's
   * line (which is kept, comment included); anything else goes on the key's line.
   */
  private replaceBlock(node: Node, value: unknown, pair?: Pair): void {
    const [start, end] = node.range!;
    const newline = this.text[end - 1] === '\n' ? '\n' : '';
    if (!pair) {
      // A list item: `- ` then the value.
      const body = isCollection(value) && !isEmptyCollection(value) ? blockText(value, this.column(start)).slice(this.column(start)) : flowText(value);
      this.splice(start, end, `${body}${newline}`);
      return;
    }
    const colon = this.afterColon(pair);
    const keyLineEnd = this.lineEnd(colon);
    if (isCollection(value) && !isEmptyCollection(value) && isBlockCollection(node)) {
      this.splice(keyLineEnd, end, `${blockText(value, this.column(start))}${newline}`);
      return;
    }
    if (isCollection(value) && !isEmptyCollection(value)) {
      // a block scalar becomes a block collection under the key
      this.splice(colon, end, `\n${blockText(value, this.column((pair.key as Node).range![0]) + 2)}${newline}`);
      return;
    }
    // The value on the key's line; a comment there stays after it.
    const tail = isBlockScalar(node) ? '' : this.text.slice(colon, keyLineEnd).replace(/\n$/, '');
    const comment = /^\s*#/.test(tail) ? tail : '';
    this.splice(colon, end, ` ${flowText(value)}${comment}${newline}`);
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
    const lastEnd = Math.max(((last.value as Node | null)?.range ?? [0, 0])[1], (last.key as Node).range![1]);
    const at = this.toLineBoundary(lastEnd);
    this.splice(at, at, `${at > 0 && this.text[at - 1] !== '\n' ? '\n' : ''}${entry}\n`);
  }
}

/** Line endings and BOM of a file's text, so an edit made on LF text is written back alike. */
interface Envelope {
  bom: boolean;
  crlf: boolean;
}

function open(text: string): { body: string; envelope: Envelope } {
  const bom = text.startsWith('\uFEFF');
  let body = bom ? text.slice(1) : text;
  // CRLF only when every line break is one (a mixed file is edited as it is).
  const crlf = body.includes('\r\n') && !/(^|[^\r])\n/.test(body);
  if (crlf) body = body.replace(/\r\n/g, '\n');
  return { body, envelope: { bom, crlf } };
}

function close(body: string, { bom, crlf }: Envelope): string {
  const text = crlf ? body.replace(/\n/g, '\r\n') : body;
  return bom ? `\uFEFF${text}` : text;
}

/** Apply edits to YAML text and return the new text (BOM and line endings kept). */
export function editYaml(text: string, edit: (e: YamlEditor) => void): string {
  const { body, envelope } = open(text);
  const editor = new YamlEditor(body);
  edit(editor);
  return close(editor.toString(), envelope);
}
