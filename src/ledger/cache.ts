// The derived parse cache: .aftersales/cache/files*.json. It maps a file's path to the size and
// stat stamp (read.ts statStamp) it had when parsed, with the parse result (valid data or
// problems). It is only an accelerator: unreadable, foreign, outdated or corrupt caches are
// ignored (cache-file.ts checks every file's checksum), and failing to write one (read-only
// checkout) is not an error. `files.json` is written by the main thread; on a cold
// load each parse worker writes the files it parsed as a shard `files-<run>-w<k>.json` of its
// own, in parallel. Every entry is checked against the file's current size and stamp before
// use, so shards from different runs can never serve stale data.
import { readdirSync, unlinkSync } from 'node:fs';
import { readCacheText, safeCacheDir, writeCacheFile } from '../cache/store.js';
import { codeVersion } from '../cache/code-version.js';
import { basename, join } from 'node:path';
import type { Problem } from './problems.js';
import type { FileKind } from './schema.js';

export interface CacheEntry {
  kind: FileKind;
  size: number;
  stamp: string;
  data: unknown;
  problems: Problem[];
}

const CACHE_FORMAT = 3;

/** On disk an entry is a tuple (shorter to write and faster to parse than an object). */
type Row = [path: string, kind: FileKind, size: number, stamp: string, data: unknown, problems?: Problem[]];

/** The format and the code that produced the entries (any change to the tool's code: a new format). */
function codeStamp(): string {
  return `${CACHE_FORMAT}.${codeVersion()}`;
}

/** The cache folder of a ledger (see cache-file.ts safeCacheDir for whether it may be used). */
export function cacheDir(root: string): string {
  return join(root, '.aftersales', 'cache');
}

export function cachePath(root: string): string {
  return join(cacheDir(root), 'files.json');
}

const NAME = 'parse';

/** Every cache file: files.json and the workers' shards (none when the folder may not be used). */
function cacheFiles(root: string): string[] {
  const dir = safeCacheDir(root);
  if (!dir) return [];
  try {
    // files.json first, then the shards oldest first (their names start with the time they were
    // written): a later entry for a path replaces an earlier one.
    const names = readdirSync(dir).filter((n) => n.startsWith('files') && n.endsWith('.json'));
    return names.sort((a, b) => (a === 'files.json' ? -1 : b === 'files.json' ? 1 : a < b ? -1 : a > b ? 1 : 0)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export function readCache(root: string): Map<string, CacheEntry> {
  const map = new Map<string, CacheEntry>();
  const format = codeStamp();
  for (const file of cacheFiles(root)) {
    try {
      const text = readCacheText(file, NAME, format);
      if (text === undefined) continue;
      const rows = JSON.parse(text) as Row[];
      if (!Array.isArray(rows)) continue;
      for (const [path, kind, size, stamp, data, problems] of rows) {
        map.set(path, { kind, size, stamp, data: data ?? undefined, problems: problems ?? [] });
      }
    } catch {
      /* a broken shard: its files are parsed again */
    }
  }
  return map;
}

function rowOf(path: string, e: CacheEntry): Row {
  return e.problems.length ? [path, e.kind, e.size, e.stamp, e.data ?? null, e.problems] : [path, e.kind, e.size, e.stamp, e.data];
}

function writeRows(root: string, name: string, rows: Row[]): boolean {
  const dir = safeCacheDir(root);
  return dir !== undefined && writeCacheFile(dir, name, NAME, codeStamp(), Buffer.from(JSON.stringify(rows), 'utf8'));
}

/** A worker's shard of a cold load (see parallel.ts). */
export function writeShard(root: string, name: string, entries: [string, CacheEntry][]): void {
  writeRows(root, name, entries.map(([path, e]) => rowOf(path, e)));
}

/**
 * Write files.json. With `keepShards` (the shards of this run, being written by the workers),
 * other shards are removed: their entries are in files.json now, or gone.
 */
export function writeCache(root: string, entries: Map<string, CacheEntry>, keepShards: readonly string[] = []): void {
  const rows: Row[] = [];
  for (const [path, e] of entries) rows.push(rowOf(path, e));
  if (!writeRows(root, 'files.json', rows)) return;
  for (const file of cacheFiles(root)) {
    const name = basename(file);
    if (name !== 'files.json' && !keepShards.includes(name)) {
      try { unlinkSync(file); } catch { /* already gone */ }
    }
  }
}

/** How many shards the cache holds besides files.json (a cold run's, and small ones of warm runs). */
export function shardCount(root: string): number {
  return cacheFiles(root).filter((f) => basename(f) !== 'files.json').length;
}
