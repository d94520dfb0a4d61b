// The ledger as it was at a git revision, without writing it anywhere (`control --since REF`):
// its files are the commit's tree, keyed by blob id; a file the live ledger holds with the same
// blob is taken from it, the live ledger's content-keyed parse cache serves most other files
// (read only), and only the rest are read from git (one
// `git cat-file --batch`) and parsed. The ledger's root is the live one, so that the facts cache
// can seed its engine too (read only: callers do not save it). A record's data is read from the
// live cache's buckets on demand (record-buckets.ts).
import { readCache, type CacheIndex } from './cache.js';
import { SortedLookup } from './sorted-lookup.js';
import { classifyPaths } from './discover.js';
import { readBlobs, treeKeys, type Revision } from './git.js';
import { assemble, type Ledger, type LedgerFile } from './load.js';
import { parseBytes } from './parse.js';
import { BucketStore } from './record-buckets.js';
import type { RecordData } from './schema.js';
import type { Translate } from '../i18n/index.js';
import { startProfile } from '../io/profile.js';

export function loadLedgerAt(rev: Revision, live: Ledger, t: Translate): Ledger {
  const profile = startProfile('load at revision');
  const liveRoot = live.root;
  const keys = treeKeys(rev);
  const found = classifyPaths(keys.keys());
  // A file the live ledger holds with the same blob is the very same file: taken as it is (its
  // data already read, or read on demand from the same bucket). Both lists are in path order.
  const livePaths = live.files.filter((f) => !f.listedOnly);
  const liveFile = new SortedLookup(livePaths.map((f) => f.path), (i) => livePaths[i]);
  let cache: CacheIndex | undefined;
  let store: BucketStore | undefined;
  const files: LedgerFile[] = new Array(found.length);
  const missing: number[] = [];
  found.forEach((f, i) => {
    const key = keys.get(f.path)!;
    const same = liveFile.get(f.path);
    if (same && same.stamp === key && same.kind === f.kind) {
      files[i] = same;
      return;
    }
    cache ??= readCache(liveRoot);
    const hit = cache.get(f.path);
    if (!hit || hit.stamp !== key || hit.kind !== f.kind) missing.push(i);
    else if (hit.inBucket) files[i] = (store ??= revisionBuckets(rev, liveRoot, keys, t)).record(f.path, hit.problems, hit.size, key);
    else files[i] = { path: f.path, kind: f.kind, data: hit.data, problems: hit.problems, size: hit.size, stamp: key };
  });
  const blobs = readBlobs(rev, missing.map((i) => keys.get(found[i].path)!.slice('git:'.length)), t);
  for (const i of missing) {
    const f = found[i];
    const key = keys.get(f.path)!;
    const bytes = blobs.get(key.slice('git:'.length)) ?? Buffer.alloc(0);
    const parsed = parseBytes(f.path, f.kind, bytes);
    files[i] = { path: f.path, kind: f.kind, data: parsed.data, problems: parsed.problems, size: bytes.length, stamp: key };
  }
  profile.mark(`parse ${missing.length} files`);
  return assemble(liveRoot, files, true);
}

/** A record's data from the live buckets when they hold this very blob, else from git (read only). */
function revisionBuckets(rev: Revision, liveRoot: string, keys: ReadonlyMap<string, string>, t: Translate): BucketStore {
  return new BucketStore(liveRoot, (path) => {
    const key = keys.get(path)!;
    const bytes = readBlobs(rev, [key.slice('git:'.length)], t).get(key.slice('git:'.length)) ?? Buffer.alloc(0);
    return { data: parseBytes(path, 'record', bytes).data as RecordData | undefined, stamp: key };
  }, false);
}
