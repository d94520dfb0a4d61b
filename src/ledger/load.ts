// Read every ledger file → Ledger. Files are found by the layout of SPEC §1, read
// synchronously (thousands of small promises are ~5× slower here) on every core (parallel.ts),
// parsed by parse.ts, and the
// results kept in a derived cache (.aftersales/cache) keyed by path, size and mtime in ns, so
// a second run skips YAML entirely. A changed, added or removed file is always seen: every file
// is stat'ed on every run and only an exact (size, mtime) match is served from the cache.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { readCache, writeCache, type CacheEntry } from './cache.js';
import { MIN_FILES_FOR_WORKERS, closePool, readAll, startPool, statOnWorker, type ParsePool } from './parallel.js';
import { cachePath } from './cache.js';
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
  /** Size and mtime (ns) when read, as the parse cache keys it (absent for files not on disk). */
  size?: number;
  mtime?: string;
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
}

export interface LoadOptions {
  /** Read records/ too (default true). */
  records?: boolean;
  /** Use and refresh the derived cache (default true). */
  cache?: boolean;
}

interface Found {
  path: string;
  kind: FileKind;
}

const ROOT_FILES: [string, FileKind][] = [
  ['aftersales.yaml', 'settings'],
  ['team.yaml', 'team'],
  ['suggestions.yaml', 'suggestions'],
  ['inputs/products.yaml', 'products'],
  ['inputs/sales.yaml', 'sales'],
  ['inputs/benchmarks.yaml', 'benchmarks'],
];

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isYamlName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/** Every ledger file by the layout of SPEC §1, plus problems for files in the wrong place. */
export function discoverFiles(root: string, withRecords: boolean): { found: Found[]; misplaced: Problem[] } {
  const found: Found[] = [];
  const misplaced: Problem[] = [];
  for (const [path, kind] of ROOT_FILES) if (existsSync(join(root, path))) found.push({ path, kind });
  for (const [folder, kind] of [['services', 'service'], ['procedures', 'procedure'], ['actions', 'action']] as const) {
    for (const e of entries(join(root, folder))) {
      if (!e.isFile() || !isYamlName(e.name)) continue;
      const path = `${folder}/${e.name}`;
      if (e.name.endsWith('.yml')) misplaced.push(fileProblem(path, 'bad-extension'));
      else found.push({ path, kind });
    }
  }
  if (withRecords) {
    for (const year of entries(join(root, 'records'))) {
      if (!year.isDirectory()) {
        if (isYamlName(year.name)) misplaced.push(fileProblem(`records/${year.name}`, 'record-misplaced'));
        continue;
      }
      for (const month of entries(join(root, 'records', year.name))) {
        const monthPath = `records/${year.name}/${month.name}`;
        if (!month.isDirectory()) {
          if (isYamlName(month.name)) misplaced.push(fileProblem(monthPath, 'record-misplaced'));
          continue;
        }
        for (const e of entries(join(root, monthPath))) {
          if (!isYamlName(e.name)) continue;
          const path = `${monthPath}/${e.name}`;
          if (!e.isFile()) continue;
          if (e.name.endsWith('.yml')) misplaced.push(fileProblem(path, 'bad-extension'));
          else found.push({ path, kind: 'record' });
        }
      }
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { found, misplaced };
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
  const useCache = options.cache !== false;
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

  // With a cache: stat everything and serve exact (size, mtime) matches from it. Without one
  // (a cold run) there is nothing to match: every file is read, and its stat comes with the read.
  const stats: { size: number; mtime: string }[] = statted && cache.size > 0 ? statted() : found.map((f) => {
    if (cache.size === 0) return { size: -1, mtime: '' };
    try {
      const st = statSync(join(root, f.path), { bigint: true });
      return { size: Number(st.size), mtime: String(st.mtimeNs) };
    } catch {
      return { size: -1, mtime: '' }; // vanished between readdir and stat: reading reports it
    }
  });
  const results: ({ data: unknown; problems: Problem[] } | undefined)[] = found.map((f, i) => {
    const hit = cache.get(f.path);
    return hit && hit.size === stats[i].size && hit.mtime === stats[i].mtime && hit.kind === f.kind ? hit : undefined;
  });
  mark('stat');
  const misses = found.flatMap((f, i) => (results[i] ? [] : [{ index: i, item: { path: f.path, kind: f.kind } }]));
  // Workers write what they parse to cache shards of their own, named for this run.
  const run = `files-${process.pid}-${Date.now().toString(36)}`;
  const { results: parsed, byWorker, shards } = readAll(root, misses.map((m) => m.item), pool, useCache ? run : undefined);
  if (misses.length === 0) closePool(pool);
  misses.forEach((m, k) => {
    results[m.index] = parsed[k];
    stats[m.index] = { size: parsed[k].size, mtime: parsed[k].mtime };
  });
  const changed = misses.length > 0;
  mark(`parse ${misses.length} files`);

  const files: LedgerFile[] = found.map((f, i) => {
    const r = results[i]!;
    const st = stats[i];
    return st.mtime === ''
      ? { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: undefined, mtime: undefined }
      : { path: f.path, kind: f.kind, data: r.data, problems: r.problems, size: st.size, mtime: st.mtime };
  });
  if (misplaced.length > 0) {
    for (const p of misplaced) files.push({ path: p.file, kind: 'record', data: undefined, problems: [p] });
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
      if (stats[i].mtime !== '') fresh.set(f.path, { kind: f.kind, size: stats[i].size, mtime: stats[i].mtime, data: r.data, problems: r.problems });
    });
    // Without records we only saw part of the ledger: keep the cached records as they were.
    if (!withRecords) for (const [path, entry] of cache) if (entry.kind === 'record' && !fresh.has(path)) fresh.set(path, entry);
    writeCache(root, fresh, shards);
  }
  mark('assemble and write cache');
  return assemble(root, files, withRecords);
}

function single<T>(files: LedgerFile[], kind: FileKind): T | undefined {
  return files.find((f) => f.kind === kind)?.data as T | undefined;
}

function ofKind<T>(files: LedgerFile[], kind: FileKind): LedgerFile<T>[] {
  return files.filter((f) => f.kind === kind && !f.problems.some((p) => p.code === 'record-misplaced' || p.code === 'bad-extension')) as LedgerFile<T>[];
}

export function assemble(root: string, files: LedgerFile[], recordsLoaded: boolean): Ledger {
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
  };
}
