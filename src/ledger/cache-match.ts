// Which files the parse cache can serve: a file is served only on an exact match of its key
// (blob id in git, else size and stat stamp) and kind with its entry; everything else is parsed
// again. See cache.ts for the file format and load.ts for the order of the phases.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheEntry, CacheIndex } from './cache.js';
import type { Found } from './discover.js';
import { statStamp } from './read.js';
import { fileBlobKey, type ContentKeys } from './content-keys.js';

export interface FileStat {
  /** -1 and '' when unknown (not stat'ed yet, or vanished). */
  size: number;
  stamp: string;
}

/**
 * Outside git: the stat of every found file (from a worker's `statted` when given), and its cache
 * entry on an exact (size, stamp, kind) match. Without a cache there is nothing to match (a cold
 * run reads every file, and its stat comes with the read): nothing is stat'ed then.
 */
export function statMatch(root: string, found: readonly Found[], cache: Pick<CacheIndex, 'get' | 'size'>, statted?: () => FileStat[]): { stats: FileStat[]; served: (CacheEntry | undefined)[] } {
  if (cache.size === 0) return { stats: found.map(() => ({ size: -1, stamp: '' })), served: found.map(() => undefined) };
  const stats = statted ? statted() : found.map((f) => {
    try {
      const st = statSync(join(root, f.path), { bigint: true });
      return { size: Number(st.size), stamp: statStamp(st) };
    } catch {
      return { size: -1, stamp: '' }; // vanished between readdir and stat: reading reports it
    }
  });
  const served = found.map((f, i) => {
    const hit = cache.get(f.path);
    return hit && hit.stamp === stats[i].stamp && hit.kind === f.kind && hit.size === stats[i].size ? hit : undefined;
  });
  return { stats, served };
}

/**
 * In a git work tree (content-keys.ts): every found file's content key — the index's blob id for
 * files git holds unchanged, the hash of the bytes for the others — with its size as cached, and
 * its cache entry when the key matches (the blob id names the size too). One pass, one lookup
 * per file, in path order (sorted-lookup.ts).
 */
export function contentMatch(root: string, found: readonly Found[], keys: ContentKeys, cache: Pick<CacheIndex, 'get' | 'size'>): { stats: FileStat[]; served: (CacheEntry | undefined)[] } {
  const stats: FileStat[] = new Array(found.length);
  const served: (CacheEntry | undefined)[] = new Array(found.length);
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    const entry = cache.get(f.path);
    const at = keys.position(f.path);
    if (at !== undefined) {
      if (entry && entry.kind === f.kind && keys.isKeyAt(at, entry.stamp)) {
        stats[i] = entry; // its size and key: no object made per file
        served[i] = entry;
      } else stats[i] = { size: entry?.size ?? -1, stamp: keys.keyAt(at) };
      continue;
    }
    const hashed = fileBlobKey(root, f.path);
    stats[i] = hashed ? { size: hashed.size, stamp: hashed.key } : { size: -1, stamp: '' };
    served[i] = entry && hashed && entry.stamp === hashed.key && entry.kind === f.kind && entry.size === hashed.size ? entry : undefined;
  }
  return { stats, served };
}
