// Reading one record file as text and as data, with nothing else loaded (no schemas, no plan):
// `record show` must stay quick in a ledger of any size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../errors.js';
import type { IO } from '../io/io.js';
import type { RecordRef } from './resolve.js';

export interface OpenedRecord {
  ref: RecordRef;
  /** The file's text as read (without a BOM). */
  text: string;
  /** What the YAML holds, valid or not (an edit may be what fixes it). */
  data: Record<string, unknown>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readRecordText(root: string, ref: RecordRef, io: IO): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, ref.path));
  } catch (e) {
    throw new LedgerError(`${ref.path}: ${io.t('problem.unreadable', { reason: (e as Error).message })}`, io.t('hint.unreadable'));
  }
  try {
    return utf8.decode(bytes); // drops a BOM
  } catch {
    throw new LedgerError(`${ref.path}: ${io.t('problem.not-utf8', { byte: '?' })}`, io.t('hint.not-utf8'));
  }
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
