// Reading ledger files from disk, on the main thread or in parse workers (parse-worker.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, parseBytes, type ParsedFile } from './parse.js';
import { fileProblem } from './problems.js';
import type { FileKind } from './schema.js';

export interface ReadItem {
  path: string;
  kind: FileKind;
  size: number;
}

/** Read and parse one file; the size is checked before reading, so a huge file is never loaded. */
export function readLedgerFile(root: string, item: ReadItem): ParsedFile {
  if (item.size > MAX_FILE_BYTES) {
    return { data: undefined, problems: [fileProblem(item.path, 'file-too-large', { size: item.size, limit: MAX_FILE_BYTES })] };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, item.path));
  } catch (e) {
    return { data: undefined, problems: [fileProblem(item.path, 'unreadable', { reason: (e as Error).message })] };
  }
  return parseBytes(item.path, item.kind, bytes);
}
