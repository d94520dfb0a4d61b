// The derived parse cache: .aftersales/cache/files*.json. It maps a file's path to the size and
// mtime (ns) it had when parsed, with the parse result (valid data or problems). It is only an
// accelerator: unreadable, foreign or outdated caches are ignored, and failing to write one
// (read-only checkout) is not an error. `files.json` is written by the main thread; on a cold
// load each parse worker writes the files it parsed as a shard `files-<run>-w<k>.json` of its
// own, in parallel. Every entry is checked against the file's current size and mtime before
// use, so shards from different runs can never serve stale data.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
export function codeStamp(): string {
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

export function cacheDir(root: string): string {
  return join(root, '.aftersales', 'cache');
}

export function cachePath(root: string): string {
  return join(cacheDir(root), 'files.json');
}

/** Every cache file: files.json and the workers' shards. */
function cacheFiles(root: string): string[] {
  try {
    return readdirSync(cacheDir(root))
      .filter((n) => n.startsWith('files') && n.endsWith('.json'))
      .map((n) => join(cacheDir(root), n));
  } catch {
    return [];
  }
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
  const map = new Map<string, CacheEntry>();
  const stamp = codeStamp();
  for (const file of cacheFiles(root)) {
    try {
      // An outdated cache (new version of the tool) is not worth parsing.
      if (stampOf(file) !== stamp) continue;
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; rows: Row[] };
      if (parsed.stamp !== stamp || !Array.isArray(parsed.rows)) continue;
      for (const [path, kind, size, mtime, data, problems] of parsed.rows) {
        map.set(path, { kind, size, mtime, data: data ?? undefined, problems: problems ?? [] });
      }
    } catch {
      /* a broken shard: its files are parsed again */
    }
  }
  return map;
}

function rowOf(path: string, e: CacheEntry): Row {
  return e.problems.length ? [path, e.kind, e.size, e.mtime, e.data ?? null, e.problems] : [path, e.kind, e.size, e.mtime, e.data];
}

/** Write rows to `file` atomically (temporary file + rename); false when it could not. */
function writeRows(file: string, rows: Row[]): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ stamp: codeStamp(), rows }));
    renameSync(tmp, file);
    return true;
  } catch {
    try { unlinkSync(tmp); } catch { /* never written */ }
    return false;
  }
}

/** A worker's shard of a cold load (see parallel.ts). */
export function writeShard(root: string, name: string, entries: [string, CacheEntry][]): void {
  writeRows(join(cacheDir(root), name), entries.map(([path, e]) => rowOf(path, e)));
}

/**
 * Write files.json. With `keepShards` (the shards of this run, being written by the workers),
 * other shards are removed: their entries are in files.json now, or gone.
 */
export function writeCache(root: string, entries: Map<string, CacheEntry>, keepShards: readonly string[] = []): void {
  const rows: Row[] = [];
  for (const [path, e] of entries) rows.push(rowOf(path, e));
  if (!writeRows(cachePath(root), rows)) return;
  for (const file of cacheFiles(root)) {
    const name = basename(file);
    if (name !== 'files.json' && !keepShards.includes(name)) {
      try { unlinkSync(file); } catch { /* already gone */ }
    }
  }
}
