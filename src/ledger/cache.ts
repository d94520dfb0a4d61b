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
import { SortedLookup } from './sorted-lookup.js';

export interface CacheEntry {
  kind: FileKind;
  size: number;
  stamp: string;
  /** A plan file's data; a record's is in its bucket (`inBucket`). Undefined: the file has errors. */
  data: unknown;
  problems: Problem[];
  /** A valid record whose data its bucket holds (record-buckets.ts). */
  inBucket?: true;
  /** A valid record's own checks and latest instant (record-checks.ts), made against the plan of the index's `checksKey`. */
  checks?: readonly PendingProblem[];
  latest?: number;
}

const CACHE_FORMAT = 6;

/** A plan file's entry on disk: a tuple (shorter to write and faster to parse than an object). */
type Row = [path: string, kind: FileKind, size: number, stamp: string, data: unknown, problems?: Problem[]];

/**
 * On disk: the plan files' rows, and the records in columns — their paths and keys each one
 * string (split on reading: far faster to parse than 100k small arrays), whether the record's
 * data is in its bucket ('1') or it has errors ('0'), and the few records' problems and checks.
 */
interface Stored {
  checksKey: string | null;
  plan: Row[];
  records: {
    paths: string;
    sizes: number[];
    stamps: string;
    inBucket: string;
    /** Per record, its latest instant; null when its checks are not kept. */
    latest: (number | null)[];
    problems: [number, Problem[]][];
    checks: [number, readonly PendingProblem[]][];
  };
}

const NO_CHECKS: readonly PendingProblem[] = Object.freeze([]);
/** Shared by the 100k records without problems (never modified: a file's problems are read only). */
const NO_PROBLEMS = Object.freeze([]) as unknown as Problem[];

/** The index as read: entries by path (in path order, see sorted-lookup.ts). */
export class CacheIndex {
  private readonly plan: Map<string, CacheEntry>;
  private readonly records: SortedLookup<CacheEntry>;

  constructor(readonly checksKey: string | undefined, plan: Map<string, CacheEntry> = new Map(), records?: Stored['records']) {
    this.plan = plan;
    if (!records) {
      this.records = new SortedLookup([], () => undefined as never);
      return;
    }
    const paths = records.paths === '' ? [] : records.paths.split('\n');
    const stamps = records.stamps.split('\n');
    const problems = new Map(records.problems);
    const checks = new Map(records.checks);
    const { sizes, inBucket, latest } = records;
    this.records = new SortedLookup(paths, (i) => {
      const e: CacheEntry = { kind: 'record', size: sizes[i], stamp: stamps[i], data: undefined, problems: problems.get(i) ?? NO_PROBLEMS };
      if (inBucket.charCodeAt(i) === 49) e.inBucket = true;
      if (typeof latest[i] === 'number') {
        e.checks = checks.get(i) ?? NO_CHECKS;
        e.latest = latest[i]!;
      }
      return e;
    });
  }

  get size(): number {
    return this.plan.size + this.records.size;
  }

  get(path: string): CacheEntry | undefined {
    return (path.startsWith('records/') ? this.records.get(path) : undefined) ?? this.plan.get(path);
  }
}

/** The format and the code that produced the entries (any change to the tool's code: a new format). */
export function parseCacheStamp(): string {
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
  return new CacheIndex(undefined);
}

export function readCache(root: string): CacheIndex {
  const dir = safeCacheDir(root);
  if (!dir) return emptyIndex();
  try {
    const text = readCacheText(join(dir, 'files.json'), NAME, parseCacheStamp());
    if (text === undefined) return emptyIndex();
    const stored = JSON.parse(text) as Stored;
    const r = stored.records;
    if (!Array.isArray(stored.plan) || typeof r?.paths !== 'string' || typeof r.stamps !== 'string' || typeof r.inBucket !== 'string' || !Array.isArray(r.sizes) || !Array.isArray(r.latest)) return emptyIndex();
    const plan = new Map<string, CacheEntry>();
    for (const [path, kind, size, stamp, data, problems] of stored.plan) plan.set(path, { kind, size, stamp, data: data ?? undefined, problems: problems ?? [] });
    return new CacheIndex(typeof stored.checksKey === 'string' ? stored.checksKey : undefined, plan, r);
  } catch {
    return emptyIndex(); /* a broken index: every file is parsed again */
  }
}

/**
 * Write files.json from the entries in path order (records are under records/, so they come
 * after the plan files they are sorted among: any order is read right, path order fast); false
 * when it could not be written (then the next run parses again).
 */
export function writeCache(root: string, entries: Iterable<[string, CacheEntry]>, checksKey: string | undefined): boolean {
  const dir = safeCacheDir(root);
  if (dir === undefined) return false;
  const plan: Row[] = [];
  const paths: string[] = [];
  const stamps: string[] = [];
  const sizes: number[] = [];
  let inBucket = '';
  const latest: (number | null)[] = [];
  const problems: [number, Problem[]][] = [];
  const checks: [number, readonly PendingProblem[]][] = [];
  for (const [path, e] of entries) {
    if (e.kind !== 'record' || !path.startsWith('records/') || path.includes('\n') || e.stamp.includes('\n')) {
      plan.push(e.problems.length ? [path, e.kind, e.size, e.stamp, e.data ?? null, e.problems] : [path, e.kind, e.size, e.stamp, e.data ?? null]);
      continue;
    }
    const i = paths.length;
    paths.push(path);
    stamps.push(e.stamp);
    sizes.push(e.size);
    inBucket += e.inBucket ? '1' : '0';
    latest.push(e.checks !== undefined && e.latest !== undefined && Number.isFinite(e.latest) ? e.latest : null);
    if (e.problems.length) problems.push([i, e.problems]);
    if (e.checks?.length) checks.push([i, e.checks]);
  }
  const stored: Stored = { checksKey: checksKey ?? null, plan, records: { paths: paths.join('\n'), sizes, stamps: stamps.join('\n'), inBucket, latest, problems, checks } };
  return writeCacheFile(dir, 'files.json', NAME, parseCacheStamp(), Buffer.from(JSON.stringify(stored), 'utf8'));
}

