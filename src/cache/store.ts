// The envelope of every derived cache file (.aftersales/cache): a header line naming the cache,
// its format, the payload's length and its SHA-256, then the payload. A cache is only an
// accelerator, so a file that is not a regular file, is implausibly large, has another format,
// the wrong length or a wrong checksum is ignored (and rebuilt by the next write): a flipped bit
// can never become a wrong number or a crash.
//
// Caches are written only inside the ledger's real folder: when `.aftersales` or
// `.aftersales/cache` is a symlink leading out of it (or not a folder), nothing is read from or
// written there, and the load says so once (cacheNotice).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join, sep } from 'node:path';

/** No cache file is read beyond this size (a FIFO, /dev/zero or a huge file is refused first). */
export const MAX_CACHE_BYTES = 1 << 30;
const HEADER_MAX = 512;

function header(name: string, format: string, payload: Buffer): Buffer {
  const sum = createHash('sha256').update(payload).digest('hex');
  let line = `aftersales-cache ${name} ${format} ${payload.length} ${sum}`;
  // Padded so that the payload starts at a multiple of 8 (float64 columns are used in place).
  line += ' '.repeat((8 - ((line.length + 1) % 8)) % 8);
  return Buffer.from(`${line}\n`, 'latin1');
}

/** An open, checked cache file: its descriptor, size, and where its payload starts. */
function openChecked(file: string, name: string, format: string): { fd: number; size: number; start: number } | undefined {
  let fd: number | undefined;
  try {
    const ls = lstatSync(file);
    if (!ls.isFile() || ls.size > MAX_CACHE_BYTES || ls.size < 16) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size !== ls.size) return undefined;
    const head = Buffer.alloc(Math.min(HEADER_MAX, st.size));
    readSync(fd, head, 0, head.length, 0);
    const nl = head.indexOf(10);
    if (nl < 0) return undefined;
    const [magic, n, f, length, sum] = head.toString('latin1', 0, nl).trimEnd().split(' ');
    // An outdated cache (another version of the tool) is not worth reading.
    if (magic !== 'aftersales-cache' || n !== name || f !== format || Number(length) !== st.size - nl - 1) return undefined;
    // The checksum, read in chunks from the open file (a rename meanwhile cannot swap it).
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let at = nl + 1; at < st.size; ) {
      const got = readSync(fd, chunk, 0, Math.min(chunk.length, st.size - at), at);
      if (got === 0) return undefined; // shrank while read
      hash.update(got === chunk.length ? chunk : chunk.subarray(0, got));
      at += got;
    }
    if (hash.digest('hex') !== sum) return undefined;
    const checked = { fd, size: st.size, start: nl + 1 };
    fd = undefined; // handed over
    return checked;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The payload of a valid cache file as bytes, or undefined (missing, foreign, outdated, corrupt). */
export function readCacheFile(file: string, name: string, format: string): Buffer | undefined {
  const c = openChecked(file, name, format);
  if (!c) return undefined;
  try {
    const all = Buffer.allocUnsafe(c.size);
    for (let off = 0; off < c.size; ) {
      const got = readSync(c.fd, all, off, c.size - off, off);
      if (got === 0) return undefined;
      off += got;
    }
    return all.subarray(c.start);
  } catch {
    return undefined;
  } finally {
    closeSync(c.fd);
  }
}

/**
 * The payload of a valid cache file as text (a JSON cache): read as a string at once, as
 * readFileSync does, so that no second copy of its bytes outlives the read.
 */
export function readCacheText(file: string, name: string, format: string): string | undefined {
  const c = openChecked(file, name, format);
  if (!c) return undefined;
  try {
    return readFileSync(c.fd, 'utf8').slice(c.start);
  } catch {
    return undefined;
  } finally {
    closeSync(c.fd);
  }
}

const LEFTOVER_AGE_MS = 60 * 60 * 1000;
const cleaned = new Set<string>();

/** Remove temporary cache files of killed runs older than an hour (once per folder and process). */
function removeLeftovers(dir: string): void {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  try {
    for (const n of readdirSync(dir)) {
      if (!n.endsWith('.tmp')) continue;
      const st = lstatSync(join(dir, n));
      if (st.isFile() && Date.now() - st.mtimeMs > LEFTOVER_AGE_MS) unlinkSync(join(dir, n));
    }
  } catch {
    /* an accelerator's housekeeping: never an error */
  }
}

/** Write a cache file atomically (temporary file + rename in its folder); false when it could not. */
export function writeCacheFile(dir: string, fileName: string, name: string, format: string, payload: Buffer): boolean {
  const file = join(dir, fileName);
  const tmp = join(dir, `${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    removeLeftovers(dir);
    // header and payload written one after the other: no third copy of a large payload
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, header(name, format, payload));
      writeSync(fd, payload);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return true;
  } catch {
    try { unlinkSync(tmp); } catch { /* never written */ }
    return false;
  }
}

const safeDirs = new Map<string, string | undefined>();
const refusals = new Map<string, string>();

/** Whether `rel` under `root` is a real folder inside the ledger, missing (fine), or leads out. */
function confined(root: string, realRoot: string, rel: string): boolean {
  const abs = join(root, rel);
  try {
    const st = lstatSync(abs);
    if (!st.isSymbolicLink()) return st.isDirectory();
    const real = realpathSync(abs);
    return (real === realRoot || real.startsWith(realRoot + sep)) && lstatSync(real).isDirectory();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * The ledger's cache folder, or undefined when caches must not be used there (a symlink out of
 * the ledger, or something that is not a folder). Decided once per root and process.
 */
export function safeCacheDir(root: string): string | undefined {
  if (safeDirs.has(root)) return safeDirs.get(root);
  let dir: string | undefined = join(root, '.aftersales', 'cache');
  try {
    const realRoot = realpathSync(root);
    for (const rel of ['.aftersales', join('.aftersales', 'cache')]) {
      if (!confined(root, realRoot, rel)) {
        refusals.set(root, rel);
        dir = undefined;
        break;
      }
    }
  } catch {
    dir = undefined;
  }
  safeDirs.set(root, dir);
  return dir;
}

/** The folder refused as a cache (to say so once), if any. */
export function cacheNotice(root: string): string | undefined {
  safeCacheDir(root);
  return refusals.get(root);
}
