// Read every ledger file → Ledger, in phases each in a module of its own: discovery by the
// layout of SPEC §1 (discover.ts); the parse cache (.aftersales/cache, cache.ts), which serves
// a file only on an exact (size, stat stamp) match (cache-match.ts), so a second run skips YAML
// entirely and a changed, added or removed file is always seen; the parsing of the rest,
// synchronous (thousands of small promises are ~5× slower here) on every core (parallel.ts,
// parse.ts). AFTERSALES_TIMING=1 times the phases (io/profile.ts).
import { existsSync } from 'node:fs';
import { discoverFiles } from './discover.js';
import { cachePath, readCache, shardCount, writeCache, writeShard, type CacheEntry } from './cache.js';
import { contentStats, nextCache, servedFromCache, statFiles, type ParseResult } from './cache-match.js';
import { gitKeys } from './content-keys.js';
import { MIN_FILES_FOR_WORKERS, closePool, readAll, startPool, statOnWorker, type ParsePool } from './parallel.js';
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
  // Loading records: start the workers now, so that their start-up overlaps the discovery of
  // the files. Cold, they share the parsing; warm, one stats every file while the main thread
  // reads the cache.
  let pool: ParsePool | undefined = withRecords ? startPool(root) : undefined;
  profile.mark('start workers');
  const { found, misplaced } = discoverFiles(root, withRecords);
  profile.mark(`discover ${found.length} files`);
  const warm = useCache && existsSync(cachePath(root));
  if (pool && found.length < MIN_FILES_FOR_WORKERS) {
    closePool(pool);
    pool = undefined;
  }
  // In a git work tree the caches are keyed by content (a restored cache serves a fresh clone);
  // elsewhere by stat.
  const keys = useCache ? gitKeys(root) : undefined;
  profile.mark(keys ? `git keys (${keys.size} files)` : 'no git keys');
  const statted = pool && warm && !keys ? statOnWorker(pool, root, found.map((f) => f.path)) : undefined;
  const cache = useCache ? readCache(root) : new Map<string, CacheEntry>();
  profile.mark(`read cache (${cache.size} entries)`);

  const stats = keys ? contentStats(root, found, keys, cache) : statFiles(root, found, cache, statted);
  const results = servedFromCache(found, stats, cache);
  profile.mark('stat');
  const misses = found.flatMap((f, i) => (results[i] ? [] : [{ index: i, item: { path: f.path, kind: f.kind, byContent: keys !== undefined } }]));
  // Workers write what they parse to cache shards of their own, named for this run.
  // (the time first: shards sort in the order they were written, see cache.ts)
  const run = `files-${Date.now().toString(36).padStart(9, '0')}-${process.pid}`;
  const { results: parsed, byWorker, shards } = readAll(root, misses.map((m) => m.item), pool, useCache ? run : undefined, misses.length > 0 ? options.onParsed : undefined);
  if (misses.length === 0) closePool(pool);
  const inShard = new Set<number>();
  misses.forEach((m, k) => {
    results[m.index] = parsed[k];
    stats[m.index] = { size: parsed[k].size, stamp: parsed[k].stamp };
    if (byWorker[k]) inShard.add(m.index);
  });
  profile.mark(`parse ${misses.length} files`);

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
  if (useCache && (misses.length > 0 || found.length !== cache.size)) {
    // A few files parsed (a record added or edited): a small shard of their entries rather than
    // the whole index again; the shards are folded into files.json when they pile up, or when
    // files were removed.
    const few = misses.length <= Math.max(16, found.length / 100) && found.length >= cache.size && cache.size > 0 && shardCount(root) < 16;
    if (few) {
      const own = misses.filter((m) => !inShard.has(m.index) && stats[m.index].stamp !== '');
      writeShard(root, `${run}-m.json`, own.map((m) => [found[m.index].path, { kind: found[m.index].kind, size: stats[m.index].size, stamp: stats[m.index].stamp, data: results[m.index]!.data, problems: results[m.index]!.problems }]));
    } else {
      writeCache(root, nextCache(found, stats, results as ParseResult[], inShard, cache, withRecords), shards);
    }
  }
  profile.mark('assemble and write cache');
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
    imports: ofKind<ImportMapping>(files, 'import'),
    files,
    recordsLoaded,
    notices,
  };
}
