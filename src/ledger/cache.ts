// The derived parse cache, .aftersales/cache/: an index (files.json) and the records' data by
// month folder (record-buckets.ts). The index maps every file's path to the key it had when
// parsed — size and stat stamp (read.ts statStamp), or its git blob id (content-keys.ts) — with
// the parse result: the data of a plan file, a record's problems, and the record's own
// cross-file checks (record-checks.ts) under the plan hash the index names. A record's data is
// not in the index: a warm `control` needs the index, the facts cache and the few records it
// shows, not 70 MB of records per 100k (issue 17). It is only an accelerator: unreadable,
// foreign, outdated or corrupt caches are ignored (cache/store.ts checks every file's checksum),
// and failing to write one (read-only checkout) is not an error. Every entry is checked
// against the file's current key before use, so nothing stale is ever served.
import { codeVersion } from '../cache/code-version.js';
import { readCacheText, safeCacheDir, writeCacheFile } from '../cache/store.js';
import { join } from 'node:path';
import type { PendingProblem, Problem } from './problems.js';
import type { FileKind } from './schema.js';

export interface CacheEntry {
  kind: FileKind;
  size: number;
  stamp: string;
  /** A plan file's data; a record's is in its bucket (`inBucket`). Undefined: the file has errors. */
  data: unknown;
  problems: Problem[];
  /** A valid record whose data its bucket holds (record-buckets.ts). */
  inBucket?: true;
  /** A valid record's own cross-file checks, made against the plan of the index's `checksKey`. */
  checks?: readonly PendingProblem[];
}

export interface CacheIndex {
  entries: Map<string, CacheEntry>;
  /** record-checks.ts recordChecksKey of the plan the records' checks were made against. */
  checksKey: string | undefined;
}

const CACHE_FORMAT = 4;

/**
 * On disk an entry is a tuple (shorter to write and faster to parse than an object); `data` is
 * 1 for a record whose data is in its bucket, and `problems` 0 when there are none.
 */
type Row = [path: string, kind: FileKind, size: number, stamp: string, data: unknown, problems?: Problem[] | 0, checks?: readonly PendingProblem[]];

interface Stored {
  checksKey: string | null;
  rows: Row[];
}

/** The format and the code that produced the entries (any change to the tool's code: a new format). */
function codeStamp(): string {
  return `${CACHE_FORMAT}.${codeVersion()}`;
}

/** The cache folder of a ledger (see cache/store.ts safeCacheDir for whether it may be used). */
export function cacheDir(root: string): string {
  return join(root, '.aftersales', 'cache');
}

export function cachePath(root: string): string {
  return join(cacheDir(root), 'files.json');
}

const NAME = 'parse';

export function emptyIndex(): CacheIndex {
  return { entries: new Map(), checksKey: undefined };
}

export function readCache(root: string): CacheIndex {
  const dir = safeCacheDir(root);
  const index = emptyIndex();
  if (!dir) return index;
  try {
    const text = readCacheText(join(dir, 'files.json'), NAME, codeStamp());
    if (text === undefined) return index;
    const stored = JSON.parse(text) as Stored;
    if (!Array.isArray(stored?.rows)) return index;
    index.checksKey = typeof stored.checksKey === 'string' ? stored.checksKey : undefined;
    const map = index.entries;
    for (const [path, kind, size, stamp, data, problems, checks] of stored.rows) {
      const entry: CacheEntry = kind === 'record' && data === 1
        ? { kind, size, stamp, data: undefined, problems: problems || [], inBucket: true }
        : { kind, size, stamp, data: data ?? undefined, problems: problems || [] };
      if (checks !== undefined) entry.checks = checks;
      map.set(path, entry);
    }
  } catch {
    return emptyIndex(); /* a broken index: every file is parsed again */
  }
  return index;
}

function rowOf(path: string, e: CacheEntry): Row {
  const data = e.inBucket ? 1 : (e.data ?? null);
  if (e.checks !== undefined) return [path, e.kind, e.size, e.stamp, data, e.problems.length ? e.problems : 0, e.checks];
  return e.problems.length ? [path, e.kind, e.size, e.stamp, data, e.problems] : [path, e.kind, e.size, e.stamp, data];
}

/** Write files.json; false when it could not be written (then the next run parses again). */
export function writeCache(root: string, entries: Iterable<[string, CacheEntry]>, checksKey: string | undefined): boolean {
  const dir = safeCacheDir(root);
  if (dir === undefined) return false;
  const rows: Row[] = [];
  for (const [path, e] of entries) rows.push(rowOf(path, e));
  const stored: Stored = { checksKey: checksKey ?? null, rows };
  return writeCacheFile(dir, 'files.json', NAME, codeStamp(), Buffer.from(JSON.stringify(stored), 'utf8'));
}

export { codeStamp as parseCacheStamp };
