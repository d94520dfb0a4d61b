// A parse worker (see parallel.ts): waits for the file list, then takes chunks of it from the
// shared counter, reads and parses them, and answers with the results and their indexes.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { workerData, type MessagePort } from 'node:worker_threads';
import { readLedgerFile, type ReadItem, type ReadResult } from './read.js';
import { BEAT, CHUNK, DONE, NEXT, STAT_DONE, STAT_STATE, STATE } from './parallel.js';

const { root, port, shared } = workerData as { root: string; port: MessagePort; shared: Int32Array };

interface StatJob { type: 'stat'; root: string; paths: string[]; sizes: SharedArrayBuffer; stamps: SharedArrayBuffer }
interface ParseJob { type: 'parse'; items: ReadItem[]; counter: SharedArrayBuffer }

/** Stat every file into shared memory (the cache check of a warm load, off the main thread). */
function stat(job: StatJob): void {
  // Take the job unless the main thread already did it without us.
  if (Atomics.compareExchange(shared, STAT_STATE, 0, 1) !== 0) return;
  const sizes = new Float64Array(job.sizes);
  const stamps = new BigInt64Array(job.stamps);
  for (let i = 0; i < job.paths.length; i++) {
    const st = statSync(join(job.root, job.paths[i]), { bigint: true, throwIfNoEntry: false });
    sizes[i] = st ? Number(st.size) : -1;
    stamps[3 * i] = st ? st.mtimeNs : 0n;
    stamps[3 * i + 1] = st ? st.ctimeNs : 0n;
    stamps[3 * i + 2] = st ? st.ino : 0n;
    if ((i & 255) === 0) Atomics.add(shared, BEAT, 1);
  }
  Atomics.store(shared, STAT_DONE, 1);
  Atomics.notify(shared, STAT_DONE);
}

port.on('message', (job: StatJob | ParseJob) => {
  if (job.type === 'stat') stat(job);
  else parse(job);
});

function parse({ items, counter }: ParseJob): void {
  // Take the job unless the main thread already finished without us.
  if (Atomics.compareExchange(shared, STATE, 0, 1) !== 0) {
    port.close();
    return;
  }
  const next = new Int32Array(counter);
  const indexes: number[] = [];
  const results: ReadResult[] = [];
  try {
    for (;;) {
      const start = Atomics.add(next, NEXT, CHUNK);
      if (start >= items.length) break;
      const end = Math.min(items.length, start + CHUNK);
      Atomics.add(shared, BEAT, 1);
      for (let i = start; i < end; i++) {
        indexes.push(i);
        results.push(readLedgerFile(root, items[i]));
      }
    }
    port.postMessage({ indexes, results });
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
  }
  Atomics.store(shared, DONE, 1);
  Atomics.notify(shared, DONE);
  port.close();
}
