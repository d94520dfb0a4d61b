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
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { SortedLookup } from './sorted-lookup.js';

const PREFIX = 'git:';

/** The git blob id of these bytes, as a cache key. */
export function blobKey(bytes: Uint8Array): string {
  return PREFIX + createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

type Answers = { listed: Uint8Array | undefined; changed: Uint8Array | undefined };

const LS_FILES = ['ls-files', '-s', '-z'];
const DIFF_FILES = ['diff-files', '--name-only', '-z', '--relative'];

function askGit(root: string): Answers {
  const run = (args: string[]) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true });
    return r.error || r.status !== 0 ? undefined : r.stdout;
  };
  const listed = run(LS_FILES);
  return { listed, changed: listed && run(DIFF_FILES) };
}

/**
 * The blob keys of the files git tracks under `root` and holds unchanged in the work tree, by
 * path relative to `root` (looked up in path order, sorted-lookup.ts); undefined when `root` is
 * not in a git work tree that tracks files there (then caches are keyed by stat).
 */
function gitKeys(root: string): ContentKeys | undefined {
  if (process.env.AFTERSALES_CONTENT_KEYS === '0') return undefined;
  return keysFrom(askGit(root));
}

// The two git commands take ~170 ms on 100k files (diff-files stats every one): asked on a
// thread of their own, they run while the main thread lists the ledger's files. The thread is
// a few lines of CommonJS (no module of ours to load); it answers through a port, and sets
// slot 0 of `shared` (1: started, 2: answered).
const ASK_ON_THREAD = `
const { workerData } = require('node:worker_threads');
const { execFile } = require('node:child_process');
const { root, port, shared, ls, diff } = workerData;
Atomics.store(shared, 0, 1);
const run = (args) => new Promise((done) => execFile('git', args, { cwd: root, encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true }, (e, out) => done(e ? undefined : out)));
Promise.all([run(ls), run(diff)]).then(([listed, changed]) => {
  port.postMessage({ listed, changed: listed && changed });
  Atomics.store(shared, 0, 2);
  Atomics.notify(shared, 0);
  port.close();
});
`;

/**
 * gitKeys, asked now on a thread of its own; the function returned waits for the answer (or
 * asks git here, when the thread could not start or answer).
 */
export function startGitKeys(root: string): () => ContentKeys | undefined {
  if (process.env.AFTERSALES_CONTENT_KEYS === '0') return () => undefined;
  let asked: { worker: Worker; port: MessagePort; shared: Int32Array } | undefined;
  try {
    const { port1, port2 } = new MessageChannel();
    const shared = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(ASK_ON_THREAD, { eval: true, workerData: { root, port: port2, shared, ls: LS_FILES, diff: DIFF_FILES }, transferList: [port2] });
    worker.on('error', () => {}); // noticed by its missing answer
    worker.unref();
    asked = { worker, port: port1, shared };
  } catch {
    asked = undefined;
  }
  return () => {
    if (!asked) return gitKeys(root);
    const { worker, port, shared } = asked;
    // Not started within 2 s (a thread that cannot start), or no answer within 60 s: ask here.
    const start = Date.now();
    while (Atomics.load(shared, 0) !== 2) {
      const state = Atomics.load(shared, 0);
      if ((state === 0 && Date.now() - start > 2000) || Date.now() - start > 60_000) break;
      Atomics.wait(shared, 0, state, 50);
    }
    const answer = Atomics.load(shared, 0) === 2 ? (receiveMessageOnPort(port)?.message as Answers | undefined) : undefined;
    port.close();
    void worker.terminate();
    return answer ? keysFrom(answer) : gitKeys(root);
  };
}

function keysFrom({ listed, changed }: Answers): ContentKeys | undefined {
  if (!listed || !changed) return undefined;
  const skip = new Set(Buffer.from(changed.buffer, changed.byteOffset, changed.byteLength).toString('utf8').split('\0'));
  const paths: string[] = [];
  const shas: string[] = [];
  let tracked = 0;
  const text = Buffer.from(listed.buffer, listed.byteOffset, listed.byteLength).toString('utf8');
  // "<mode> <sha> <stage>\t<path>\0", mode 100644 or 100755 for regular files
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\0', at);
    if (end < 0) break;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end && text.startsWith('1006', at) && (text.startsWith('44', at + 4) || text.startsWith('55', at + 4))) {
      const path = text.slice(tab + 1, end);
      tracked++;
      if (!skip.has(path)) {
        paths.push(path);
        shas.push(text.slice(at + 7, text.indexOf(' ', at + 7)));
      }
    }
    at = end + 1;
  }
  if (tracked === 0) return undefined;
  return new ContentKeys(paths, shas);
}

/**
 * The blob ids of the files git holds unchanged, by path: looked up in path order (a position),
 * compared with a cached key without making a string per file (100k of them on a warm run).
 */
export class ContentKeys {
  private readonly lookup: SortedLookup<number>;

  constructor(paths: readonly string[], private readonly shas: readonly string[]) {
    this.lookup = new SortedLookup(paths, (i) => i);
  }

  get size(): number {
    return this.lookup.size;
  }

  /** Where `path` is among the files, undefined when git does not hold it unchanged. */
  position(path: string): number | undefined {
    return this.lookup.get(path);
  }

  /** The key of the file at a position. */
  keyAt(position: number): string {
    return PREFIX + this.shas[position];
  }

  /** Whether `key` is the key of the file at a position. */
  isKeyAt(position: number, key: string): boolean {
    const sha = this.shas[position];
    return key.length === PREFIX.length + sha.length && key.startsWith(PREFIX) && key.endsWith(sha);
  }
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
