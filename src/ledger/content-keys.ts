// Content keys for the caches (issue 17): in a git work tree, a file's key is its blob id —
// taken from the index (`git ls-files -s`, one process for the whole tree) for the files git
// reports unchanged (`git diff-files`, which compares content when the index's stat data cannot
// tell), and computed here, the way git computes it, for the others (modified, untracked or
// ignored files). A cache restored into a fresh clone (CI) is then fully used, and a changed
// blob never matches an old key. Outside git (or when git cannot answer) the caller keys by
// stat (read.ts statStamp) as before.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'git:';

/** The git blob id of these bytes, as a cache key. */
export function blobKey(bytes: Uint8Array): string {
  return PREFIX + createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The blob keys of the files git tracks under `root` and holds unchanged in the work tree, by
 * path relative to `root`; undefined when `root` is not in a git work tree that tracks files
 * there (then caches are keyed by stat).
 */
export function gitKeys(root: string): Map<string, string> | undefined {
  if (process.env.AFTERSALES_CONTENT_KEYS === '0') return undefined;
  const run = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true });
  const listed = run(['ls-files', '-s', '-z']);
  if (listed.error || listed.status !== 0) return undefined;
  const keys = new Map<string, string>();
  const text = listed.stdout.toString('utf8');
  // "<mode> <sha> <stage>\t<path>\0"
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\0', at);
    if (end < 0) break;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end) {
      const sha = text.slice(text.indexOf(' ', at) + 1, text.indexOf(' ', text.indexOf(' ', at) + 1));
      if (text.slice(at, at + 6) === '100644' || text.slice(at, at + 6) === '100755') keys.set(text.slice(tab + 1, end), PREFIX + sha);
    }
    at = end + 1;
  }
  if (keys.size === 0) return undefined;
  const changed = run(['diff-files', '--name-only', '-z', '--relative']);
  if (changed.error || changed.status !== 0) return undefined;
  for (const path of changed.stdout.toString('utf8').split('\0')) if (path !== '') keys.delete(path);
  return keys;
}

/** The blob key of a file on disk (read once), or undefined when it cannot be read. */
export function fileBlobKey(root: string, path: string): { size: number; key: string } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, path), constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > 1 << 26) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const read = bytes.subarray(0, off);
    return { size: read.length, key: blobKey(read) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
