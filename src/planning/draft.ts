// The service and procedure being planned, as yaml Documents cloned from the template's nodes:
// every edit (answers, --set) changes one node in place, so the template's comments — where
// each default target comes from — stay next to the values they explain in the written files.
import { Document, isCollection, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { YamlPath } from '../ledger/problems.js';
import type { LoadedTemplate } from './templates.js';

export type DraftFile = 'service' | 'procedure';

/** Render options shared by the planned files: no folding of long descriptions. */
const TO_STRING = { lineWidth: 0, indent: 2, indentSeq: true } as const;

export class Draft {
  readonly service: Document;
  readonly procedure: Document;

  constructor(readonly template: LoadedTemplate) {
    this.service = new Document(template.service.clone());
    this.procedure = new Document(template.procedure.clone());
  }

  /** Plain data of one file, as the ledger will read it back. */
  data(which: DraftFile): Record<string, unknown> {
    return (this[which].toJS() ?? {}) as Record<string, unknown>;
  }

  get(which: DraftFile, path: YamlPath): unknown {
    const v = this[which].getIn(path);
    return isScalar(v) ? v.value : v;
  }

  /** Set a value; a replaced node hands its comments (and flow style) to the new one. */
  set(which: DraftFile, path: YamlPath, value: unknown): void {
    const doc = this[which];
    if (value === null || value === undefined) {
      this.delete(which, path);
      return;
    }
    const old = doc.getIn(path, true) as Node | undefined;
    if (isScalar(old) && (typeof value !== 'object')) {
      if (old.value === value) return;
      if (typeof old.value !== typeof value) (old as Scalar).type = undefined;
      old.value = value;
      return;
    }
    const node = doc.createNode(value) as Node;
    if (old) {
      node.comment = old.comment;
      node.commentBefore = old.commentBefore;
      node.spaceBefore = old.spaceBefore;
      if (isCollection(old) && isCollection(node) && old.flow) node.flow = true;
    }
    doc.setIn(path, node);
  }

  /** Remove a value; a removed list item's leading comment moves to the next item. */
  delete(which: DraftFile, path: YamlPath): void {
    const doc = this[which];
    const last = path[path.length - 1];
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as Node | undefined;
      const next = parent.items[last + 1] as Node | undefined;
      if (item?.commentBefore && next && isCollection(next) === isCollection(item)) {
        next.commentBefore = next.commentBefore ? `${item.commentBefore}\n${next.commentBefore}` : item.commentBefore;
      }
      parent.items.splice(last, 1);
      return;
    }
    if (doc.hasIn(path)) doc.deleteIn(path);
  }

  /** Append an item to the list at `path` (created when missing). */
  append(which: DraftFile, path: YamlPath, item: unknown): void {
    const doc = this[which];
    const seq = doc.getIn(path, true);
    if (isSeq(seq)) seq.add(doc.createNode(item));
    else doc.setIn(path, doc.createNode([item]));
  }

  /** The file's text: the header comment lines (as given), then the document. */
  render(which: DraftFile, header: string[]): string {
    const doc = this[which];
    const lines = header;
    doc.commentBefore = lines.length > 0 ? lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n') : null;
    return doc.toString(TO_STRING);
  }
}

/** The template's own header comment, minus its line about being a template. */
export function templateNotes(template: LoadedTemplate): string[] {
  // Without a blank line after it, yaml hangs the file's first comment on the first key.
  const contents = template.doc.contents;
  const firstKey = isMap(contents) ? (contents.items[0]?.key as Node | undefined) : undefined;
  const raw = [template.doc.commentBefore, contents?.commentBefore, firstKey?.commentBefore].filter(Boolean).join('\n');
  return raw
    .split('\n')
    .map((l) => l.replace(/^ /, ''))
    .filter((l) => l.trim() !== '' && !l.includes('--template'));
}


/** Word-wrap a comment line at `width` characters. */
export function wrapComment(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}
