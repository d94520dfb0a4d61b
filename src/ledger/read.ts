// Reading ledger files from disk, on the main thread or in parse workers (parse-worker.ts).
// One open → fstat → read → close per file: the stat that keys the cache comes with the read,
// so a cold load does not stat every file twice.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, parseBytes, type ParsedFile } from './parse.js';
import { fileProblem } from './problems.js';
import { blobKey } from './content-keys.js';
import type { FileKind } from './schema.js';

export interface ReadItem {
  path: string;
  kind: FileKind;
  /** Key the result by its content (content-keys.ts blobKey of the bytes read), not its stat. */
  byContent?: boolean;
}

export interface ReadResult extends ParsedFile {
  size: number;
  /** The stat stamp that keys the caches (statStamp), '' when the file could not be read. */
  stamp: string;
}

/**
 * What identifies a file's version without reading it: mtime and ctime in ns and the inode.
 * ctime cannot be set back by a user (`touch -r` restores only mtime), so an edit that keeps
 * the size and restores the mtime is still seen; a replaced file has a new inode.
 */
export function statStamp(st: { mtimeNs: bigint; ctimeNs: bigint; ino: bigint }): string {
  return `${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
}

/** Read and parse one file; the size is checked before reading, so a huge file is never loaded. */
export function readLedgerFile(root: string, item: ReadItem): ReadResult {
  let fd: number;
  try {
    // Non-blocking: a FIFO swapped in after discovery must not hang the read (refused below).
    fd = openSync(join(root, item.path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { data: undefined, problems: [fileProblem(item.path, 'unreadable', { reason: (e as Error).message })], size: 0, stamp: '' };
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    const size = Number(st.size);
    if (!st.isFile()) return { data: undefined, problems: [fileProblem(item.path, 'not-a-regular-file')], size: 0, stamp: '' };
    const stamp = statStamp(st);
    if (size > MAX_FILE_BYTES) {
      return { data: undefined, problems: [fileProblem(item.path, 'file-too-large', { size, limit: MAX_FILE_BYTES })], size, stamp };
    }
    const bytes = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    const read = off === size ? bytes : bytes.subarray(0, off);
    // Keyed by the very bytes parsed: a file changing meanwhile can never pair old data with a new key.
    return { ...parseBytes(item.path, item.kind, read), size: read.length, stamp: item.byContent ? blobKey(read) : stamp };
  } catch (e) {
    return { data: undefined, problems: [fileProblem(item.path, 'unreadable', { reason: (e as Error).message })], size: 0, stamp: '' };
  } finally {
    closeSync(fd);
  }
}
