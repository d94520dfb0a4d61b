// Parse many files on every core. The main thread and a pool of workers take chunks of the
// file list from a shared counter (Atomics.add) until it runs out, so the work balances itself
// whatever each thread's start-up costs. Workers are started early (before the file list is
// known, on a cold load) so their module loading overlaps discovery. The loader stays
// synchronous: the main thread blocks on Atomics.wait and reads the answers with
// receiveMessageOnPort.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { readLedgerFile, statStamp, type ReadItem, type ReadResult } from './read.js';

/** Below this many files a worker's start-up (~100 ms) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 3000;
/** Files taken at a time from the shared counter. */
export const CHUNK = 128;

// Shared Int32Array slots
export const NEXT = 0; // next item index to take
export const STATE = 1; // 0 waiting, 1 running (worker took the job), 2 cancelled (main finished first)
export const DONE = 2; // 1 when the worker has posted its answer
export const STAT_DONE = 3; // 1 when the worker has stat'ed the files of a stat job
export const STAT_STATE = 4; // as STATE, for the stat job
export const BEAT = 5; // bumped by a worker as it makes progress (a stalled worker is given up)

/** A worker that makes no progress for this long is given up (its share is done here). */
const STALL_MS = 3000;

/**
 * Wait until `shared[slot]` is set, or the worker stops making progress (it died, or never
 * started): Atomics.wait always with a timeout, never forever. False when given up.
 */
function waitFor(shared: Int32Array, slot: number): boolean {
  let beat = Atomics.load(shared, BEAT);
  let since = Date.now();
  while (Atomics.load(shared, slot) === 0) {
    Atomics.wait(shared, slot, 0, 100);
    const now = Atomics.load(shared, BEAT);
    if (now !== beat) {
      beat = now;
      since = Date.now();
    } else if (Date.now() - since > STALL_MS) return false;
  }
  return true;
}

/** The worker script; AFTERSALES_PARSE_WORKER replaces it in tests of a failing worker. */
function workerScript(): URL {
  const hook = process.env.AFTERSALES_PARSE_WORKER;
  return hook ? new URL(`file://${hook}`) : new URL('./parse-worker.js', import.meta.url);
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  shared: Int32Array;
}

export interface ParsePool {
  workers: PoolWorker[];
}

export function poolSize(): number {
  return Math.min(Math.max(1, availableParallelism()) - 1, 7);
}

/** Start workers that will wait for a file list (see readAll). */
export function startPool(root: string): ParsePool | undefined {
  const n = poolSize();
  if (n < 1) return undefined;
  const workers: PoolWorker[] = [];
  for (let i = 0; i < n; i++) {
    const { port1, port2 } = new MessageChannel();
    const shared = new Int32Array(new SharedArrayBuffer(24));
    const worker = new Worker(workerScript(), {
      workerData: { root, port: port2, shared },
      transferList: [port2],
    });
    // A worker that cannot start or dies is noticed by its missing progress (waitFor); its
    // error must not become an uncaught exception once the event loop runs.
    worker.on('error', () => {});
    worker.unref();
    workers.push({ worker, port: port1, shared });
  }
  return { workers };
}

/**
 * Stat `paths` on a worker (into shared memory), while the main thread does something else;
 * `wait()` blocks until done and returns sizes (-1: missing) and stat stamps (read.ts statStamp).
 */
export function statOnWorker(pool: ParsePool, root: string, paths: string[]): () => { size: number; stamp: string }[] {
  const w = pool.workers[0];
  const sizes = new Float64Array(new SharedArrayBuffer(8 * paths.length));
  // mtime ns, ctime ns and inode of file i at 3i, 3i + 1, 3i + 2
  const stamps = new BigInt64Array(new SharedArrayBuffer(24 * paths.length));
  w.port.postMessage({ type: 'stat', root, paths, sizes: sizes.buffer, stamps: stamps.buffer });
  return () => {
    // Not taken yet (slow start, or a worker that cannot start): stat here instead.
    if (Atomics.compareExchange(w.shared, STAT_STATE, 0, 2) === 0 || !waitFor(w.shared, STAT_DONE)) return statHere(root, paths);
    const out = new Array<{ size: number; stamp: string }>(paths.length);
    for (let i = 0; i < paths.length; i++) out[i] = sizes[i] < 0 ? { size: -1, stamp: '' } : { size: sizes[i], stamp: statStamp({ mtimeNs: stamps[3 * i], ctimeNs: stamps[3 * i + 1], ino: stamps[3 * i + 2] }) };
    return out;
  };
}

function statHere(root: string, paths: string[]): { size: number; stamp: string }[] {
  return paths.map((p) => {
    const st = statSync(join(root, p), { bigint: true, throwIfNoEntry: false });
    return st ? { size: Number(st.size), stamp: statStamp(st) } : { size: -1, stamp: '' };
  });
}

export function closePool(pool: ParsePool | undefined): void {
  for (const w of pool?.workers ?? []) {
    w.port.close();
    void w.worker.terminate();
  }
}

/** Read and parse `items` (results in the same order), sharing the work with the pool's workers. */
export function readAll(root: string, items: ReadItem[], pool?: ParsePool, onProgress?: (done: number, total: number) => void): ReadResult[] {
  const results: ReadResult[] = new Array(items.length);
  let own = pool;
  if (!own && items.length >= MIN_FILES_FOR_WORKERS) own = startPool(root);
  if (!own || items.length < MIN_FILES_FOR_WORKERS) {
    closePool(own);
    for (let i = 0; i < items.length; i++) results[i] = readLedgerFile(root, items[i]);
    onProgress?.(items.length, items.length);
    return results;
  }
  // One counter for everybody: the first worker's.
  const counter = own.workers[0].shared;
  for (const w of own.workers) w.port.postMessage({ type: 'parse', items, counter: counter.buffer });
  for (;;) {
    const start = Atomics.add(counter, NEXT, CHUNK);
    if (start >= items.length) break;
    const end = Math.min(items.length, start + CHUNK);
    for (let i = start; i < end; i++) results[i] = readLedgerFile(root, items[i]);
    // Taken by anybody so far: the main thread's and the workers' chunks.
    onProgress?.(Math.min(items.length, Atomics.load(counter, NEXT)), items.length);
  }
  for (const w of own.workers) {
    // A worker that never got going (slow start, or its module missing) is cancelled: it takes nothing.
    if (Atomics.compareExchange(w.shared, STATE, 0, 2) !== 0) {
      // A worker that died or stalled, or answered with an error: its chunks are read below.
      const answer = waitFor(w.shared, DONE)
        ? (receiveMessageOnPort(w.port)?.message as { indexes?: number[]; results?: ReadResult[]; error?: string } | undefined)
        : undefined;
      if (answer?.indexes && answer.results) {
        for (let j = 0; j < answer.indexes.length; j++) results[answer.indexes[j]] = answer.results[j];
      }
    }
  }
  closePool(own);
  // Chunks a failed worker had taken but not answered are read here.
  for (let i = 0; i < items.length; i++) {
    if (results[i] === undefined) results[i] = readLedgerFile(root, items[i]);
  }
  return results;
}
