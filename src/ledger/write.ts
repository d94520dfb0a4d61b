// Writing ledger files without ever losing data (README "What aftersales promises about your
// files"):
// - new files by exclusive create: a concurrent writer of the same id fails instead of
//   overwriting;
// - edits by temporary file + rename in the target's own folder, with the file's mode (and owner,
//   where permitted) kept: a crash leaves the old file or the new one, never half of one;
// - read-modify-write under a lock file beside the target (`.<name>.lock`, created exclusively),
//   so that two edits of one file are serialised and neither is lost. A lock whose holder died
//   is recovered; a lock held too long is an error naming the file (FileBusyError).
// A writer also removes its own kind of leftovers (temporary files of a killed writer) older than
// an hour from the folder it writes in.
import {
  closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync,
  renameSync, statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** A writer's temporary file: `.<12 hex>.tmp` beside the target (check warns about old ones). */
export const TEMP_NAME = /^\.[0-9a-f]{12}\.tmp$/;
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

function tempNameFor(path: string): string {
  return join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
}

const cleaned = new Set<string>();

/** Remove temporary files of killed writers older than an hour (once per folder and process). */
function removeLeftovers(dir: string): void {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile() && now - st.mtimeMs > LEFTOVER_AGE_MS) unlinkSync(join(dir, name));
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
}

function existing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Write `content` to a new temporary file with `like`'s mode and owner (else 0644), synced. */
function writeTemp(tmp: string, content: string | Buffer, like: Stats | undefined): void {
  const mode = like ? like.mode & 0o7777 : 0o644;
  const fd = openSync(tmp, 'wx', mode);
  try {
    if (like) {
      fchmodSync(fd, mode); // the umask narrowed what open() set
      if (process.getuid?.() === 0 && (like.uid !== 0 || like.gid !== 0)) {
        try {
          fchownSync(fd, like.uid, like.gid);
        } catch {
          /* not permitted here: the mode still holds */
        }
      }
    }
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Crash test hook: die at a named point, as a power cut would (fault-injection tests). */
export function faultPoint(point: string): void {
  if (process.env.AFTERSALES_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

/** Create `path` with `content`; throws EEXIST if it exists. Never leaves a partial file. */
export function createExclusive(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  removeLeftovers(dirname(path));
  const tmp = tempNameFor(path);
  writeTemp(tmp, content, undefined);
  faultPoint('after-temp-write');
  try {
    linkSync(tmp, path); // atomic, and fails when `path` exists
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * createExclusive without blocking: bulk writers (import) run several at once so that their
 * fsyncs overlap instead of queueing one after another. Same guarantees.
 */
export async function createExclusiveAsync(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  removeLeftovers(dirname(path));
  const tmp = tempNameFor(path);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  faultPoint('after-temp-write');
  try {
    await link(tmp, path);
  } finally {
    await unlink(tmp);
  }
}

/** Replace `path` with `content` atomically, keeping its mode and owner. */
export function replaceAtomic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  removeLeftovers(dirname(path));
  const tmp = tempNameFor(path);
  writeTemp(tmp, content, existing(path));
  faultPoint('after-temp-write');
  try {
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

// --- locks ------------------------------------------------------------------------------------

/** Another aftersales is editing this file and did not finish in time. */
export class FileBusyError extends Error {
  constructor(readonly file: string) {
    super(`${file} is being edited by another aftersales process`);
    this.name = 'FileBusyError';
  }
}

/** How long an edit waits for another one to finish (AFTERSALES_LOCK_WAIT_MS: tests). */
const lockWaitMs = () => Number(process.env.AFTERSALES_LOCK_WAIT_MS) || 10_000;
/** A lock older than this is stale even if its holder still runs (a hung process). */
const LOCK_STALE_MS = 60_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function lockPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}

function holderIsGone(text: string, st: Stats): boolean {
  if (Date.now() - st.mtimeMs > LOCK_STALE_MS) return true;
  const [pid, host] = text.split(' ');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false; // another machine: wait for age
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Remove a stale lock, unless someone replaced it meanwhile (then it is put back). */
function breakStaleLock(lock: string, staleText: string): void {
  const aside = `${lock}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // already broken by another waiter
  }
  let taken = '';
  try {
    taken = readFileSync(aside, 'utf8');
  } catch { /* vanished */ }
  if (taken !== staleText) {
    try { linkSync(aside, lock); } catch { /* a newer lock exists: it stands */ }
  }
  try { unlinkSync(aside); } catch { /* gone */ }
}

function acquire(path: string): string {
  const lock = lockPathFor(path);
  const me = `${process.pid} ${hostname()} ${new Date().toISOString()}\n`;
  const deadline = Date.now() + lockWaitMs();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o644);
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return me;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    try {
      const text = readFileSync(lock, 'utf8');
      const st = lstatSync(lock);
      if (text.endsWith('\n') && holderIsGone(text, st)) {
        breakStaleLock(lock, text);
        continue;
      }
    } catch {
      continue; // released meanwhile: try again at once
    }
    if (Date.now() > deadline) throw new FileBusyError(path);
    sleep(Math.min(5 + Math.random() * 10 * (attempt + 1), 100));
  }
}

function release(path: string, mine: string): void {
  const lock = lockPathFor(path);
  try {
    if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
  } catch {
    /* broken as stale by someone else: nothing of ours to remove */
  }
}

/** Run `fn` holding the lock of `path` (created beside it; its folder must exist). */
export function withFileLock<T>(path: string, fn: () => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const mine = acquire(path);
  try {
    faultPoint('locked');
    return fn();
  } finally {
    release(path, mine);
  }
}

const utf8WithBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Read-modify-write `path` under its lock: `change` gets the file's current text (UTF-8, BOM
 * included; undefined when the file does not exist) and returns the new text, or undefined to
 * leave the file as it is. Returns what was written (or undefined).
 */
export function updateFile(path: string, change: (current: string | undefined) => string | undefined): string | undefined {
  return withFileLock(path, () => {
    let current: string | undefined;
    try {
      current = utf8WithBom.decode(readFileSync(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const next = change(current);
    if (next === undefined || next === current) return undefined;
    if (current === undefined) createExclusive(path, next);
    else replaceAtomic(path, next);
    return next;
  });
}

/** The `# yaml-language-server: $schema=…` modeline for a file at `fileRel` (from the root). */
export function modeline(fileRel: string, kind: string): string {
  const depth = fileRel.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  return `# yaml-language-server: $schema=${up}.aftersales/schema/${kind}.json\n`;
}

export function toLedgerPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

/** What makes `path` unusable as a file to write (or undefined): checked before any work. */
export type OutputProblem = 'is-folder' | 'not-regular' | 'parent-not-folder' | 'not-folder';

export function outputFileProblem(path: string): OutputProblem | undefined {
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'parent-not-folder';
  }
  if (st) return st.isDirectory() ? 'is-folder' : st.isFile() ? undefined : 'not-regular';
  return outputFolderProblem(dirname(path));
}

/** A folder to write files in: a missing one is fine (it is created with its parents). */
export function outputFolderProblem(dir: string): OutputProblem | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'not-folder';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'parent-not-folder';
    const parent = dirname(dir);
    return parent === dir ? undefined : outputFolderProblem(parent);
  }
}
