// An export file to import: read, decoded (UTF-8, with or without BOM; anything else exit 2
// saying where), parsed as CSV with its header.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { decodeText } from '../ledger/parse.js';
import { parseCsv, type CsvTable } from './csv.js';

export async function readExport(cwd: string, file: string, t: Translate, delimiter?: string): Promise<CsvTable> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (e) {
    throw new UsageError(t('import.unreadable', { file, reason: (e as Error).message }));
  }
  const decoded = decodeText(file, bytes);
  if (decoded.text === undefined) {
    const p = decoded.problem!;
    throw new UsageError(t('import.not-utf8', { file, line: p.line, column: p.column, byte: String(p.params.byte) }), t('import.hint.not-utf8'));
  }
  const table = await parseCsv(decoded.text, delimiter);
  if (table.header.length === 0) throw new UsageError(t('import.empty', { file }));
  return table;
}
