// A parse worker: reads and parses a share of the ledger's files while the main thread does
// another share (js-yaml + zod are CPU-bound; 100k records take ~8 s on one core).
// It answers on a MessageChannel port and wakes the main thread through a shared Int32Array,
// so the loader can stay synchronous (Atomics.wait + receiveMessageOnPort).
import { workerData, type MessagePort } from 'node:worker_threads';
import { readLedgerFile, type ReadItem } from './read.js';

const { root, items, port, signal } = workerData as { root: string; items: ReadItem[]; port: MessagePort; signal: Int32Array };
try {
  port.postMessage({ results: items.map((item) => readLedgerFile(root, item)) });
} catch (e) {
  port.postMessage({ error: (e as Error).message });
}
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
port.close();
