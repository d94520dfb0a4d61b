// Reading one record file as text and as data, with nothing else loaded (no schemas, no plan):
// `record show` must stay quick in a ledger of any size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../errors.js';
import type { IO } from '../io/io.js';
import type { RecordRef } from './resolve.js';
import { decodeText } from '../ledger/decode.js';

export interface OpenedRecord {
  ref: RecordRef;
  /** The file's text as read (without a BOM). */
  text: string;
  /** What the YAML holds, valid or not (an edit may be what fixes it). */
  data: Record<string, unknown>;
}


export function readRecordText(root: string, ref: RecordRef, io: IO): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, ref.path));
  } catch (e) {
    throw new LedgerError(`${ref.path}: ${io.t('problem.unreadable', { reason: (e as Error).message })}`, io.t('hint.unreadable'));
  }
  const decoded = decodeText(ref.path, bytes); // drops a BOM
  if (decoded.text !== undefined) return decoded.text;
  const p = decoded.problem!;
  throw new LedgerError(`${ref.path}:${p.line}:${p.column}: ${io.t('problem.not-utf8', p.params)}`, io.t('hint.not-utf8'));
}

export async function openRecord(root: string, ref: RecordRef, io: IO): Promise<OpenedRecord> {
  const text = readRecordText(root, ref, io);
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { schema: 'core' });
  const data = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new LedgerError(io.t('record.unparsable', { file: ref.path }), io.t('hint.invalid-ledger'));
  }
  return { ref, text, data: data as Record<string, unknown> };
}
