// Action files: a new one is rendered in the key order of SPEC §1.7 and created exclusively;
// an existing one is edited in place (comments and layout kept) and replaced atomically under
// its lock, after checking that the result is still valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, stringify, type Node, type Pair } from 'yaml';
import { AftersalesError, LedgerError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { editYaml, scalarText, type YamlEditor } from '../ledger/edit.js';
import { parseText } from '../ledger/parse.js';
import type { ActionData } from '../ledger/schema.js';
import { FileBusyError, modeline, updateFile } from '../ledger/write.js';
import { actionRelPath } from './ids.js';
import { problemLine, problemMessage } from '../ledger/problems.js';

const ORDER: (keyof ActionData)[] = [
  'id', 'type', 'title', 'service', 'requirement', 'deviation', 'opened', 'owner', 'due', 'analysis', 'plan', 'status', 'closed', 'verification',
];

/** The YAML text of a new action file, modeline first, keys in the order of the SPEC. */
export function renderAction(data: ActionData): string {
  const ordered: Record<string, unknown> = {};
  for (const k of ORDER) if (data[k] !== undefined) ordered[k] = data[k];
  return modeline(actionRelPath(data.id), 'action') + stringify(ordered, { lineWidth: 0 });
}

export interface ActionFile {
  id: string;
  rel: string;
  abs: string;
  text: string;
  data: ActionData;
}

/** Read and validate one action file; exit 2 when it cannot be used. */
export function readActionFile(root: string, id: string, t: Translate): ActionFile {
  const rel = actionRelPath(id);
  const abs = join(root, rel);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new LedgerError(t('act.unreadable', { file: rel, reason: (e as Error).message }));
  }
  const parsed = parseText(rel, 'action', text);
  if (parsed.data === undefined) {
    const details = parsed.problems.map((p) => problemLine(p, t));
    throw new LedgerError(t('act.invalid-file', { file: rel }), t('hint.invalid-ledger'), details);
  }
  return { id, rel, abs, text, data: parsed.data as ActionData };
}

/**
 * Set a top-level scalar key; a new key goes on the line after `afterKey` (e.g. `closed` after
 * `status`, as in the SPEC's layout) instead of at the end of the file. Everything else is kept.
 */
export function setTopLevelAfter(text: string, afterKey: string, key: string, value: string | number): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const map = doc.contents;
  const find = (k: string) => (isMap(map) ? (map.items as Pair[]).find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === k) : undefined);
  const anchor = find(afterKey);
  if (find(key) || !isMap(map) || map.flow || !anchor || !(anchor.value as Node | null)?.range) return editYaml(text, (e) => e.set([key], value));
  const keyStart = (anchor.key as Node).range![0];
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const nl = text.indexOf('\n', (anchor.value as Node).range![1]);
  const at = nl < 0 ? text.length : nl + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `${' '.repeat(indent)}${key}: ${scalarText(value)}${eol}`;
  return nl < 0 ? `${text}${eol}${line}` : text.slice(0, at) + line + text.slice(at);
}

/**
 * Apply edits to an action file and write it atomically, under the file's lock: the edits are
 * applied to the file as it is on disk now (so a concurrent edit is kept, not overwritten), and
 * an invalid result is refused with nothing written.
 */
export function editActionFile(file: ActionFile, edit: (e: YamlEditor) => void, t: Translate, after?: (text: string) => string): ActionData {
  let data: ActionData | undefined;
  try {
    updateFile(file.abs, (current) => {
      if (current === undefined) throw new LedgerError(t('act.changed-meanwhile', { file: file.rel }), t('act.hint.changed-meanwhile'));
      let text: string;
      try {
        text = editYaml(current, edit);
        if (after) text = after(text);
      } catch (e) {
        throw new LedgerError(t('act.invalid-edit', { file: file.rel }), undefined, [(e as Error).message]);
      }
      const parsed = parseText(file.rel, 'action', text.replace(/^\uFEFF/, ''));
      if (parsed.data === undefined) {
        const details = parsed.problems.map((p) => `${p.line}:${p.column}: ${p.code}: ${problemMessage(p, t)}`);
        throw new LedgerError(t('act.invalid-edit', { file: file.rel }), undefined, details);
      }
      data = parsed.data as ActionData;
      return text;
    });
  } catch (e) {
    if (e instanceof AftersalesError || e instanceof FileBusyError) throw e;
    throw new LedgerError(t('error.write-failed', { file: file.rel, reason: (e as Error).message }));
  }
  return data!;
}
