// Which files the parse cache can serve, and what it holds after a load. A file is served only on
// an exact (size, stat stamp, kind) match with its entry; everything else is parsed again. See
// cache.ts for the file format and load.ts for the order of the phases.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheEntry } from './cache.js';
import type { Found } from './discover.js';
import { statStamp } from './read.js';
import { fileBlobKey } from './content-keys.js';

export interface FileStat {
  /** -1 and '' when unknown (not stat'ed yet, or vanished). */
  size: number;
  stamp: string;
}

/**
 * The stat of every found file. Without a cache there is nothing to match it against (a cold
 * run reads every file, and its stat comes with the read): nothing is stat'ed here.
 */
export function statFiles(root: string, found: readonly Found[], cache: ReadonlyMap<string, CacheEntry>, statted?: () => FileStat[]): FileStat[] {
  if (cache.size === 0) return found.map(() => ({ size: -1, stamp: '' }));
  if (statted) return statted();
  return found.map((f) => {
    try {
      const st = statSync(join(root, f.path), { bigint: true });
      return { size: Number(st.size), stamp: statStamp(st) };
    } catch {
      return { size: -1, stamp: '' }; // vanished between readdir and stat: reading reports it
    }
  });
}

/**
 * In a git work tree (content-keys.ts): every found file's content key — the index's blob id for
 * files git holds unchanged, the hash of the bytes for the others — and its size as cached.
 */
export function contentStats(root: string, found: readonly Found[], keys: ReadonlyMap<string, string>, cache: ReadonlyMap<string, CacheEntry>): FileStat[] {
  return found.map((f) => {
    const key = keys.get(f.path);
    if (key !== undefined) return { size: cache.get(f.path)?.size ?? -1, stamp: key };
    const hashed = fileBlobKey(root, f.path);
    return hashed ? { size: hashed.size, stamp: hashed.key } : { size: -1, stamp: '' };
  });
}

/** Per found file, its cache entry when it matches exactly, else undefined. */
export function servedFromCache(found: readonly Found[], stats: readonly FileStat[], cache: ReadonlyMap<string, CacheEntry>): (CacheEntry | undefined)[] {
  return found.map((f, i) => {
    const hit = cache.get(f.path);
    return hit && hit.stamp === stats[i].stamp && hit.kind === f.kind && hit.size === stats[i].size ? hit : undefined;
  });
}
