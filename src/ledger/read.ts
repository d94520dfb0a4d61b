// Reading ledger files from disk, on the main thread or in parse workers (parse-worker.ts).
// One open → fstat → read → close per file: the stat that keys the cache comes with the read,
// so a cold load does not stat every file twice.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, parseBytes, type ParsedFile } from './parse.js';
import { fileProblem } from './problems.js';
import type { FileKind } from './schema.js';

export interface ReadItem {
  path: string;
  kind: FileKind;
}

export interface ReadResult extends ParsedFile {
  size: number;
  /** mtime in ns, as text (the cache key). */
  mtime: string;
}

/** Read and parse one file; the size is checked before reading, so a huge file is never loaded. */
export function readLedgerFile(root: string, item: ReadItem): ReadResult {
  let fd: number;
  try {
    fd = openSync(join(root, item.path), 'r');
  } catch (e) {
    return { data: undefined, problems: [fileProblem(item.path, 'unreadable', { reason: (e as Error).message })], size: 0, mtime: '' };
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    const size = Number(st.size);
    const mtime = String(st.mtimeNs);
    if (size > MAX_FILE_BYTES) {
      return { data: undefined, problems: [fileProblem(item.path, 'file-too-large', { size, limit: MAX_FILE_BYTES })], size, mtime };
    }
    const bytes = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { ...parseBytes(item.path, item.kind, off === size ? bytes : bytes.subarray(0, off)), size, mtime };
  } catch (e) {
    return { data: undefined, problems: [fileProblem(item.path, 'unreadable', { reason: (e as Error).message })], size: 0, mtime: '' };
  } finally {
    closeSync(fd);
  }
}
