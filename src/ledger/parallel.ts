// Parse many files on every core: the main thread takes one share, workers the others.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { readLedgerFile, type ReadItem, type ReadResult } from './read.js';

/** Below this many files a worker's start-up (~100 ms) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 3000;

interface Pending {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}
type MessagePort = import('node:worker_threads').MessagePort;

function startWorker(root: string, items: ReadItem[]): Pending {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
    workerData: { root, items, port: port2, signal },
    transferList: [port2],
  });
  return { worker, port: port1, signal };
}

function collect(p: Pending): ReadResult[] {
  Atomics.wait(p.signal, 0, 0);
  const message = receiveMessageOnPort(p.port)?.message as { results?: ReadResult[]; error?: string } | undefined;
  p.port.close();
  void p.worker.terminate();
  if (!message || !message.results) throw new Error(`parse worker failed: ${message?.error ?? 'no answer'}`);
  return message.results;
}

/** Read and parse `items` (results in the same order), in parallel when it pays. */
export function readAll(root: string, items: ReadItem[]): ReadResult[] {
  const cores = Math.max(1, availableParallelism());
  if (items.length < MIN_FILES_FOR_WORKERS || cores === 1) return items.map((item) => readLedgerFile(root, item));
  const shares = Math.min(cores, 8);
  const size = Math.ceil(items.length / shares);
  const workers: Pending[] = [];
  for (let i = 1; i < shares; i++) workers.push(startWorker(root, items.slice(i * size, (i + 1) * size)));
  const mine = items.slice(0, size).map((item) => readLedgerFile(root, item));
  return [...mine, ...workers.flatMap(collect)];
}
