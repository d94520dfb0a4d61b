// The derived parse cache: .aftersales/cache/files.json. It maps a file's path to the size and
// mtime (ns) it had when parsed, with the parse result (valid data or problems). It is only an
// accelerator: unreadable, foreign or outdated caches are ignored, and failing to write one
// (read-only checkout) is not an error.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from './problems.js';
import type { FileKind } from './schema.js';

export interface CacheEntry {
  kind: FileKind;
  size: number;
  mtime: string;
  data: unknown;
  problems: Problem[];
}

const CACHE_FORMAT = 2;

/** On disk an entry is a tuple (shorter to write and faster to parse than an object). */
type Row = [path: string, kind: FileKind, size: number, mtime: string, data: unknown, problems?: Problem[]];

/** Changes whenever the code that produced the entries changes (schemas, messages' params). */
function codeStamp(): string {
  const parts: string[] = [String(CACHE_FORMAT)];
  for (const mod of ['./schema.js', './validate.js', './parse.js']) {
    try {
      parts.push(String(statSync(fileURLToPath(new URL(mod, import.meta.url))).mtimeMs));
    } catch {
      parts.push('?');
    }
  }
  return parts.join(':');
}

export function cachePath(root: string): string {
  return join(root, '.aftersales', 'cache', 'files.json');
}

/** The stamp at the head of a cache file, read without reading the (large) rest. */
function stampOf(file: string): string | undefined {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\{"stamp":"([^"]*)"/.exec(head.subarray(0, n).toString('utf8'))?.[1];
  } finally {
    closeSync(fd);
  }
}

export function readCache(root: string): Map<string, CacheEntry> {
  try {
    // An outdated cache (new version of the tool) is not worth parsing.
    if (stampOf(cachePath(root)) !== codeStamp()) return new Map();
    const parsed = JSON.parse(readFileSync(cachePath(root), 'utf8')) as { stamp: string; rows: Row[] };
    if (parsed.stamp !== codeStamp() || !Array.isArray(parsed.rows)) return new Map();
    const map = new Map<string, CacheEntry>();
    for (const [path, kind, size, mtime, data, problems] of parsed.rows) {
      map.set(path, { kind, size, mtime, data: data ?? undefined, problems: problems ?? [] });
    }
    return map;
  } catch {
    return new Map();
  }
}

export function writeCache(root: string, entries: Map<string, CacheEntry>): void {
  const file = cachePath(root);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(root, '.aftersales', 'cache'), { recursive: true });
    const rows: Row[] = [];
    for (const [path, e] of entries) {
      rows.push(e.problems.length ? [path, e.kind, e.size, e.mtime, e.data ?? null, e.problems] : [path, e.kind, e.size, e.mtime, e.data]);
    }
    writeFileSync(tmp, JSON.stringify({ stamp: codeStamp(), rows }));
    renameSync(tmp, file);
  } catch {
    /* the cache is optional */
  }
}
