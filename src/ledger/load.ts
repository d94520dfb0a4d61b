// Read every ledger file → Ledger, in phases each in a module of its own: discovery by the
// layout of SPEC §1 (discover.ts); the parse cache (.aftersales/cache: the index cache.ts, the
// records' data by month record-buckets.ts), which serves a file only on an exact match of its
// key — blob id in git (content-keys.ts), else size and stat stamp (cache-match.ts) — so a
// second run skips YAML entirely and a changed, added or removed file is always seen; the
// parsing of the rest, synchronous (thousands of small promises are ~5× slower here) on every
// core (parallel.ts, parse.ts); each record's own checks, kept by the cache (record-checks.ts).
// AFTERSALES_TIMING=1 times the phases (io/profile.ts).
import { existsSync } from 'node:fs';
import { discoverFiles } from './discover.js';
import { cachePath, emptyIndex, readCache, writeCache, type CacheEntry, type CacheIndex } from './cache.js';
import { contentMatch, statMatch } from './cache-match.js';
import { startGitKeys } from './content-keys.js';
import { MIN_FILES_FOR_WORKERS, closePool, readAll, startPool, statOnWorker, type ParsePool } from './parallel.js';
import { BucketStore, bucketOf, removeOtherBuckets, writeBucket } from './record-buckets.js';
import { recordChecker, recordChecksKey } from './record-checks.js';
import { readLedgerFile, type ReadItem, type ReadResult } from './read.js';
import type { Found } from './discover.js';
import type { PendingProblem } from './problems.js';
import { startProfile } from '../io/profile.js';
import { cacheNotice, safeCacheDir } from '../cache/store.js';
import { type Problem } from './problems.js';
import type {
  ActionData, Benchmarks, FileKind, ImportMapping, Procedure, Products, RecordData, Sales, Service, Settings,
  Suggestions, Team,
} from './schema.js';

export interface LedgerFile<T = unknown> {
  /** Path relative to the ledger root, with `/`. */
  path: string;
  kind: FileKind;
  /** Valid data, or undefined when the file has errors. */
  data: T | undefined;
  problems: Problem[];
  /** Size and stat stamp (read.ts statStamp) when read, as the parse cache keys it (absent for files not on disk). */
  size?: number;
  stamp?: string;
  /** Not a ledger file read: an entry discovery found a problem with (see discover.ts). */
  listedOnly?: true;
  /** A valid record whose data is read on demand (record-buckets.ts CachedRecord). */
  readonly lazy?: true;
  /** A record's own checks (record-checks.ts), made against the plan of `Ledger.recordChecksKey`. */
  checks?: readonly PendingProblem[];
  /** With `checks`: the record's latest instant (epoch ms), for plausibility.ts. */
  latest?: number;
}

/** Whether a file has valid data, without reading a cached record's. */
export function hasData(f: LedgerFile): boolean {
  return f.lazy === true || f.data !== undefined;
}

export interface LedgerConfig {
  timezone: string;
  locale: 'en' | 'es' | undefined;
  period: 'week' | 'month' | 'quarter';
  history: number;
}

export interface Ledger {
  root: string;
  config: LedgerConfig;
  settings: Settings | undefined;
  team: Team | undefined;
  services: LedgerFile<Service>[];
  procedures: LedgerFile<Procedure>[];
  products: Products | undefined;
  sales: Sales | undefined;
  benchmarks: Benchmarks | undefined;
  suggestions: Suggestions | undefined;
  records: LedgerFile<RecordData>[];
  actions: LedgerFile<ActionData>[];
  /** Saved import mappings (imports/<name>.yaml). */
  imports: LedgerFile<ImportMapping>[];
  /** Every file read, in path order. */
  files: LedgerFile[];
  /** Whether records were read (commands that only need the plan skip them). */
  recordsLoaded: boolean;
  /** Things the load did differently than asked, for the command to say once (translated by code). */
  notices: Notice[];
  /** The plan hash (record-checks.ts) the records' `checks` were made against, when made at load. */
  recordChecksKey?: string;
}

export interface Notice {
  code: string;
  params: Record<string, string | number>;
}

export interface LoadOptions {
  /** Read records/ too (default true). */
  records?: boolean;
  /** Use and refresh the derived cache (default true). */
  cache?: boolean;
  /** Told how many of the files to parse are parsed (not called when every file comes from the cache). */
  onParsed?: (done: number, total: number) => void;
}

export function defaultConfig(settings: Settings | undefined): LedgerConfig {
  return {
    timezone: settings?.timezone ?? 'UTC',
    locale: settings?.locale,
    period: settings?.period ?? 'month',
    history: settings?.history ?? 12,
  };
}

export function loadLedger(root: string, options: LoadOptions = {}): Ledger {
  const profile = startProfile('load');
  const withRecords = options.records !== false;
  // The parse cache is for loads of the records: a load of the plan alone reads its dozen files
  // (reading an index of every record would cost more). A cache folder leading out of the
  // ledger is not used at all (cache/store.ts).
  const useCache = options.cache !== false && withRecords && safeCacheDir(root) !== undefined;
  // Cold, the workers share the parsing: started now, so that their start-up overlaps the
  // discovery of the files. Warm, the cache serves nearly every file: outside git one worker
  // stats every file while the main thread reads the cache; in git, none is needed (git
  // compares the files), and on two cores one starting would only compete with the main thread.
  const warm = useCache && existsSync(cachePath(root));
  let pool: ParsePool | undefined = withRecords && !warm ? startPool(root) : undefined;
  // In a git work tree the caches are keyed by content (a restored cache serves a fresh clone);
  // elsewhere by stat. Git is asked on a thread while the files are listed.
  const gitAnswer = useCache ? startGitKeys(root) : () => undefined;
  profile.mark('start workers');
  const { found, misplaced } = discoverFiles(root, withRecords);
  profile.mark(`discover ${found.length} files`);
  if (pool && found.length < MIN_FILES_FOR_WORKERS) {
    closePool(pool);
    pool = undefined;
  }
  const keys = gitAnswer();
  profile.mark(keys ? `git keys (${keys.size} files)` : 'no git keys');
  if (warm && !keys && found.length >= MIN_FILES_FOR_WORKERS) pool = startPool(root);
  const statted = pool && warm && !keys ? statOnWorker(pool, root, found.map((f) => f.path)) : undefined;
  const cache = useCache ? readCache(root) : emptyIndex();
  profile.mark(`read cache (${cache.size} entries)`);

  const { stats, served } = keys ? contentMatch(root, found, keys, cache) : statMatch(root, found, cache, statted);
  profile.mark('stat');
  const misses: { index: number; item: ReadItem }[] = [];
  found.forEach((f, i) => {
    if (!served[i]) misses.push({ index: i, item: { path: f.path, kind: f.kind, byContent: keys !== undefined } });
  });
  const parsedNow = new Map<number, ReadResult>();
  if (misses.length > 0) {
    const parsed = readAll(root, misses.map((m) => m.item), pool, options.onParsed);
    misses.forEach((m, k) => {
      parsedNow.set(m.index, parsed[k]);
      stats[m.index] = { size: parsed[k].size, stamp: parsed[k].stamp };
    });
  } else closePool(pool);
  profile.mark(`parse ${misses.length} files`);

  // A served record's data stays in its bucket until asked for (record-buckets.ts).
  const store = liveBuckets(root, keys !== undefined);
  const files: LedgerFile[] = found.map((f, i) => {
    const hit = served[i];
    if (hit?.inBucket) return store.record(f.path, hit.problems, hit.size, hit.stamp);
    const r = hit ?? parsedNow.get(i)!;
    const st = stats[i];
    return st.stamp === ''
      ? { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: undefined, stamp: undefined }
      : { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: st.size, stamp: st.stamp };
  });
  if (misplaced.length > 0) {
    for (const p of misplaced) files.push({ path: p.file, kind: 'record', data: undefined, problems: [p], listedOnly: true });
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const refused = options.cache !== false ? cacheNotice(root) : undefined;
  const ledger = assemble(root, files, withRecords, refused ? [{ code: 'cache-outside', params: { path: refused } }] : []);
  profile.mark('assemble');
  if (useCache) {
    const checked = keepRecordChecks(ledger, cache, served, found);
    profile.mark(`check ${checked.made} records`);
    // Cold, after a change of plan, or once more than a few files differ from the index, the
    // index and the buckets of the records parsed are written again (~0.3 s on 100k records);
    // a few files (a record added or edited) are rather parsed again on each run (one: ~15 ms,
    // mostly the validator warming up; 58: ~50 ms).
    const differ = Math.max(parsedNow.size, cache.size - (found.length - parsedNow.size));
    if (cache.size === 0 || checked.planChanged || differ > FEW_CHANGES) saveCache(ledger, cache, found, served, parsedNow);
    profile.mark('write cache');
  }
  return ledger;
}

/**
 * The buckets of a ledger on disk, rebuilt from its files when behind. (A function of its own:
 * a closure made inside loadLedger would keep the whole load's scope — the index, the keys —
 * alive as long as the records.)
 */
function liveBuckets(root: string, byContent: boolean): BucketStore {
  return new BucketStore(root, (path) => {
    const again = readLedgerFile(root, { path, kind: 'record', byContent });
    return { data: again.data as RecordData | undefined, stamp: again.stamp };
  }, true);
}

/**
 * Every valid record's own cross-file checks, on its file: kept from the index when made against
 * this plan, else made now (reading its data). How many were made.
 */
function keepRecordChecks(ledger: Ledger, cache: CacheIndex, served: readonly (CacheEntry | undefined)[], found: readonly Found[]): { made: number; planChanged: boolean } {
  const key = recordChecksKey(ledger);
  ledger.recordChecksKey = key;
  const same = cache.checksKey === key;
  let check: ReturnType<typeof recordChecker> | undefined;
  let made = 0;
  let at = 0; // the records are the found files of kind record, in the same (path) order
  for (const f of ledger.records) {
    while (at < found.length && found[at].path !== f.path) at++;
    if (!hasData(f)) continue;
    const hit = at < found.length ? served[at] : undefined;
    if (same && hit?.checks !== undefined && hit.latest !== undefined) {
      f.checks = hit.checks;
      f.latest = hit.latest;
    } else {
      const own = (check ??= recordChecker(ledger))(f.path, f.data!);
      f.checks = own.problems;
      f.latest = own.latest;
      made++;
    }
  }
  return { made, planChanged: !same && ledger.records.length > 0 };
}

/** How many files may differ from the parse cache's index before it is written again. */
const FEW_CHANGES = 64;

/**
 * Write the buckets of the records parsed now (with the records of the same folders the cache
 * already held), then the index.
 */
function saveCache(ledger: Ledger, cache: CacheIndex, found: readonly Found[], served: readonly (CacheEntry | undefined)[], parsedNow: ReadonlyMap<number, ReadResult>): void {
  const root = ledger.root;
  const byPath = new Map(ledger.files.map((f) => [f.path, f]));
  const dirty = new Set<string>();
  for (const i of parsedNow.keys()) if (found[i].kind === 'record') dirty.add(bucketOf(found[i].path));
  // The valid records read from disk, by bucket; a dirty bucket is written whole.
  const buckets = new Map<string, LedgerFile[]>();
  for (const f of ledger.records) {
    if (!hasData(f) || f.stamp === undefined) continue;
    const bucket = bucketOf(f.path);
    const list = buckets.get(bucket);
    if (list) list.push(f);
    else buckets.set(bucket, [f]);
  }
  const written = new Set<string>();
  for (const bucket of dirty) {
    const members = buckets.get(bucket);
    if (members && writeBucket(root, bucket, members.map((f) => [f.path, f.stamp!, f.data as RecordData]))) written.add(bucket);
  }
  const entries: [string, CacheEntry][] = [];
  found.forEach((f, i) => {
    const file = byPath.get(f.path)!;
    if (file.stamp === undefined) return; // could not be read: nothing to keep
    const hit = served[i];
    const record = f.kind === 'record' && hasData(file);
    // a record parsed now is in its bucket when that was written (else it is parsed again next time)
    const inBucket = record && (hit?.inBucket === true || written.has(bucketOf(f.path)));
    if (record && !inBucket) return;
    entries.push([f.path, {
      kind: f.kind, size: file.size!, stamp: file.stamp, data: record ? undefined : file.data, problems: file.problems,
      ...(inBucket ? { inBucket: true as const } : {}),
      ...(file.checks !== undefined && file.latest !== undefined ? { checks: file.checks, latest: file.latest } : {}),
    }]);
  });
  if (writeCache(root, entries, ledger.recordChecksKey)) removeOtherBuckets(root, new Set(buckets.keys()));
}

function single<T>(files: LedgerFile[], kind: FileKind): T | undefined {
  return files.find((f) => f.kind === kind)?.data as T | undefined;
}

function ofKind<T>(files: LedgerFile[], kind: FileKind): LedgerFile<T>[] {
  return files.filter((f) => f.kind === kind && !f.listedOnly) as LedgerFile<T>[];
}

export function assemble(root: string, files: LedgerFile[], recordsLoaded: boolean, notices: Notice[] = []): Ledger {
  const settings = single<Settings>(files, 'settings');
  return {
    root,
    config: defaultConfig(settings),
    settings,
    team: single<Team>(files, 'team'),
    services: ofKind<Service>(files, 'service'),
    procedures: ofKind<Procedure>(files, 'procedure'),
    products: single<Products>(files, 'products'),
    sales: single<Sales>(files, 'sales'),
    benchmarks: single<Benchmarks>(files, 'benchmarks'),
    suggestions: single<Suggestions>(files, 'suggestions'),
    records: ofKind<RecordData>(files, 'record'),
    actions: ofKind<ActionData>(files, 'action'),
    imports: ofKind<ImportMapping>(files, 'import'),
    files,
    recordsLoaded,
    notices,
  };
}
