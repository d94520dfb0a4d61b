// Read every ledger file → Ledger. Files are found by the layout of SPEC §1, read
// synchronously (thousands of small promises are ~5× slower here) on every core (parallel.ts),
// parsed by parse.ts, and the
// results kept in a derived cache (.aftersales/cache) keyed by path, size and stat stamp (mtime, ctime, inode), so
// a second run skips YAML entirely. A changed, added or removed file is always seen: every file
// is stat'ed on every run and only an exact (size, stamp) match is served from the cache.
import { existsSync, statSync } from 'node:fs';
import { discoverFiles } from './discover.js';
import { statStamp } from './read.js';
import { join } from 'node:path';
import { readCache, writeCache, type CacheEntry } from './cache.js';
import { MIN_FILES_FOR_WORKERS, closePool, readAll, startPool, statOnWorker, type ParsePool } from './parallel.js';
import { cachePath } from './cache.js';
import { cacheNotice, safeCacheDir } from '../cache/store.js';
import { fileProblem, type Problem } from './problems.js';
import type {
  ActionData, Benchmarks, FileKind, Procedure, Products, RecordData, Sales, Service, Settings,
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
  /** Every file read, in path order. */
  files: LedgerFile[];
  /** Whether records were read (commands that only need the plan skip them). */
  recordsLoaded: boolean;
  /** Things the load did differently than asked, for the command to say once (translated by code). */
  notices: Notice[];
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
}

export function defaultConfig(settings: Settings | undefined): LedgerConfig {
  return {
    timezone: settings?.timezone ?? 'UTC',
    locale: settings?.locale,
    period: settings?.period ?? 'month',
    history: settings?.history ?? 12,
  };
}

/** AFTERSALES_TIMING=1: phase timings of the load on stderr (for benchmarks). */
const timing = process.env.AFTERSALES_TIMING === '1';
let last = 0;
function mark(phase: string): void {
  if (!timing) return;
  const now = performance.now();
  process.stderr.write(`load: ${phase} ${Math.round(now - last)} ms\n`);
  last = now;
}

export function loadLedger(root: string, options: LoadOptions = {}): Ledger {
  last = performance.now();
  const withRecords = options.records !== false;
  // A cache folder leading out of the ledger is not used at all (cache-file.ts).
  const useCache = options.cache !== false && safeCacheDir(root) !== undefined;
  // Loading records: start the workers now, so that their start-up overlaps the discovery of
  // the files. Cold, they share the parsing; warm, one stats every file while the main thread
  // reads the cache.
  let pool: ParsePool | undefined = withRecords ? startPool(root) : undefined;
  mark('start workers');
  const { found, misplaced } = discoverFiles(root, withRecords);
  mark(`discover ${found.length} files`);
  const warm = useCache && existsSync(cachePath(root));
  if (pool && found.length < MIN_FILES_FOR_WORKERS) {
    closePool(pool);
    pool = undefined;
  }
  const statted = pool && warm ? statOnWorker(pool, root, found.map((f) => f.path)) : undefined;
  const cache = useCache ? readCache(root) : new Map<string, CacheEntry>();
  mark(`read cache (${cache.size} entries)`);

  // With a cache: stat everything and serve exact (size, stamp) matches from it. Without one
  // (a cold run) there is nothing to match: every file is read, and its stat comes with the read.
  const stats: { size: number; stamp: string }[] = statted && cache.size > 0 ? statted() : found.map((f) => {
    if (cache.size === 0) return { size: -1, stamp: '' };
    try {
      const st = statSync(join(root, f.path), { bigint: true });
      return { size: Number(st.size), stamp: statStamp(st) };
    } catch {
      return { size: -1, stamp: '' }; // vanished between readdir and stat: reading reports it
    }
  });
  const results: ({ data: unknown; problems: Problem[] } | undefined)[] = found.map((f, i) => {
    const hit = cache.get(f.path);
    return hit && hit.size === stats[i].size && hit.stamp === stats[i].stamp && hit.kind === f.kind ? hit : undefined;
  });
  mark('stat');
  const misses = found.flatMap((f, i) => (results[i] ? [] : [{ index: i, item: { path: f.path, kind: f.kind } }]));
  // Workers write what they parse to cache shards of their own, named for this run.
  const run = `files-${process.pid}-${Date.now().toString(36)}`;
  const { results: parsed, byWorker, shards } = readAll(root, misses.map((m) => m.item), pool, useCache ? run : undefined);
  if (misses.length === 0) closePool(pool);
  misses.forEach((m, k) => {
    results[m.index] = parsed[k];
    stats[m.index] = { size: parsed[k].size, stamp: parsed[k].stamp };
  });
  const changed = misses.length > 0;
  mark(`parse ${misses.length} files`);

  const files: LedgerFile[] = found.map((f, i) => {
    const r = results[i]!;
    const st = stats[i];
    return st.stamp === ''
      ? { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: undefined, stamp: undefined }
      : { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: st.size, stamp: st.stamp };
  });
  if (misplaced.length > 0) {
    for (const p of misplaced) files.push({ path: p.file, kind: 'record', data: undefined, problems: [p], listedOnly: true });
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  // Rewrite the cache when a file was parsed, or one it holds is gone.
  if (useCache && (changed || (withRecords && found.length !== cache.size))) {
    const fresh = new Map<string, CacheEntry>();
    const parsedByWorker = new Set<number>();
    misses.forEach((m, k) => {
      if (byWorker[k]) parsedByWorker.add(m.index);
    });
    found.forEach((f, i) => {
      if (parsedByWorker.has(i)) return; // in a worker's shard
      const r = results[i]!;
      if (stats[i].stamp !== '') fresh.set(f.path, { kind: f.kind, size: stats[i].size, stamp: stats[i].stamp, data: r.data, problems: r.problems });
    });
    // Without records we only saw part of the ledger: keep the cached records as they were.
    if (!withRecords) for (const [path, entry] of cache) if (entry.kind === 'record' && !fresh.has(path)) fresh.set(path, entry);
    writeCache(root, fresh, shards);
  }
  mark('assemble and write cache');
  const refused = options.cache !== false ? cacheNotice(root) : undefined;
  return assemble(root, files, withRecords, refused ? [{ code: 'cache-outside', params: { path: refused } }] : []);
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
    files,
    recordsLoaded,
    notices,
  };
}
