// Writing ledger files without ever losing data: new files by exclusive create (a concurrent
// writer of the same id fails instead of overwriting), edits by temporary file + rename
// (a crash leaves the old file or the new one, never half of one).
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

function tempNameFor(path: string): string {
  return join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
}

function writeFully(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Create `path` with `content`; throws EEXIST if it exists. Never leaves a partial file. */
export function createExclusive(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempNameFor(path);
  writeFully(tmp, content);
  faultAfterTempWrite();
  try {
    linkSync(tmp, path); // atomic, and fails when `path` exists
  } finally {
    unlinkSync(tmp);
  }
}

/** Crash test hook: die between the temporary file and the link, as a power cut would. */
function faultAfterTempWrite(): void {
  if (process.env.AFTERSALES_FAULT === 'after-temp-write') process.kill(process.pid, 'SIGKILL');
}

/**
 * createExclusive without blocking: bulk writers (import) run several at once so that their
 * fsyncs overlap instead of queueing one after another. Same guarantees.
 */
export async function createExclusiveAsync(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempNameFor(path);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  faultAfterTempWrite();
  try {
    await link(tmp, path);
  } finally {
    await unlink(tmp);
  }
}

/** Replace `path` with `content` atomically. */
export function replaceAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempNameFor(path);
  writeFully(tmp, content);
  try {
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
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
