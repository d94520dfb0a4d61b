// The records' parsed data, cached by folder: .aftersales/cache/records-YYYY-MM.json holds the
// data of every valid record of records/YYYY/MM/, each with the key (size and stamp, or blob id)
// of the bytes it was parsed from. A record served by the parse cache (cache.ts) is a
// CachedRecord: its data is read from its bucket the first time something asks for it — a warm
// `control` or `check` asks for none (the facts cache and the kept checks answer); `export` or
// `report` for all. An entry is used only when its key is the record's: a bucket that is
// missing, damaged or behind the files is rebuilt from them on first use (or, read only, the
// file is parsed).
import { createHash } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readCacheText, safeCacheDir, writeCacheFile } from '../cache/store.js';
import { parseCacheStamp } from './cache.js';
import { startProfile } from '../io/profile.js';
import type { LedgerFile } from './load.js';
import type { PendingProblem, Problem } from './problems.js';
import type { RecordData } from './schema.js';

const NAME = 'records';
const PREFIX = 'records-';

/** A record's bucket: its folder. */
export function bucketOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** records/2026/10 → records-2026-10.json; any other folder by a hash of its path. */
export function bucketFileName(bucket: string): string {
  const m = /^records\/(\d{4})\/(\d{2})$/.exec(bucket);
  return m ? `${PREFIX}${m[1]}-${m[2]}.json` : `${PREFIX}x-${createHash('sha1').update(bucket).digest('hex').slice(0, 16)}.json`;
}

type BucketRow = [path: string, stamp: string, data: RecordData];

/** The data of a record parsed again, and the key of the bytes it was parsed from. */
export type Reparse = (path: string) => { data: RecordData | undefined; stamp: string };

/**
 * Where CachedRecords take their data from. `rebuild` (a live ledger) rewrites a bucket found
 * missing or behind from its files; without it (a git revision, read only) a record is parsed
 * alone.
 */
export class BucketStore {
  private readonly loaded = new Map<string, Map<string, [string, RecordData]>>();
  private readonly members = new Map<string, CachedRecord[]>();
  /** Records parsed again because their bucket did not hold them (for the profile). */
  private reparsed = 0;
  private readonly parsedAgain = new Map<string, { data: RecordData | undefined; stamp: string }>();

  constructor(private readonly root: string, private readonly reparse: Reparse, private readonly rebuild: boolean) {}

  /** A record of the index, served from its bucket on demand. */
  record(path: string, problems: Problem[], size: number, stamp: string): CachedRecord {
    const r = new CachedRecord(path, problems, size, stamp, this);
    const bucket = bucketOf(path);
    let list = this.members.get(bucket);
    if (!list) this.members.set(bucket, (list = []));
    list.push(r);
    return r;
  }

  data(r: CachedRecord): RecordData | undefined {
    const bucket = bucketOf(r.path);
    const rows = this.bucket(bucket);
    const hit = rows.get(r.path);
    if (hit && hit[0] === r.stamp) return hit[1];
    const again = this.parsedAgain.get(r.path);
    if (again) return again.data; // parsed once per run at most
    if (!this.rebuild) {
      const parsed = this.reparse(r.path);
      this.reparsed++;
      this.parsedAgain.set(r.path, parsed);
      return parsed.data;
    }
    // Missing or behind: parse again every record of the folder its bucket does not hold as the
    // index does, and write the bucket of the folder's records.
    const members = this.members.get(bucket) ?? [r];
    for (const m of members) {
      const known = rows.get(m.path);
      if (known && known[0] === m.stamp) continue;
      const parsed = this.reparse(m.path);
      this.reparsed++;
      this.parsedAgain.set(m.path, parsed);
      if (parsed.data !== undefined) rows.set(m.path, [parsed.stamp, parsed.data]);
      else rows.delete(m.path);
    }
    writeBucket(this.root, bucket, members.flatMap((m): BucketRow[] => {
      const row = rows.get(m.path);
      return row ? [[m.path, row[0], row[1]]] : [];
    }));
    startProfile('records').mark(`rebuilt ${bucketFileName(bucket)} (${this.reparsed} records parsed)`);
    return this.parsedAgain.get(r.path)?.data;
  }

  private bucket(bucket: string): Map<string, [string, RecordData]> {
    let rows = this.loaded.get(bucket);
    if (!rows) {
      const profile = startProfile('records');
      rows = readBucket(this.root, bucket);
      this.loaded.set(bucket, rows);
      profile.mark(`read ${bucketFileName(bucket)} (${rows.size} records)`);
    }
    return rows;
  }
}

/** A valid record the parse cache serves: everything but its data is at hand. */
export class CachedRecord implements LedgerFile<RecordData> {
  readonly kind = 'record' as const;
  /** Its own checks and latest instant, when known (load.ts, record-checks.ts). */
  checks: readonly PendingProblem[] | undefined;
  latest: number | undefined;

  constructor(readonly path: string, readonly problems: Problem[], readonly size: number, readonly stamp: string, private readonly store: BucketStore) {}

  get data(): RecordData | undefined {
    return this.store.data(this);
  }

  /** Always: only valid records are cached in buckets (load.ts hasData). */
  get lazy(): true {
    return true;
  }
}

function readBucket(root: string, bucket: string): Map<string, [string, RecordData]> {
  const rows = new Map<string, [string, RecordData]>();
  const dir = safeCacheDir(root);
  if (!dir) return rows;
  try {
    const text = readCacheText(join(dir, bucketFileName(bucket)), NAME, parseCacheStamp());
    if (text === undefined) return rows;
    const list = JSON.parse(text) as BucketRow[];
    if (!Array.isArray(list)) return rows;
    for (const [path, stamp, data] of list) if (typeof path === 'string' && bucketOf(path) === bucket) rows.set(path, [stamp, data]);
  } catch {
    rows.clear(); // a broken bucket: rebuilt or parsed again
  }
  return rows;
}

/** Write a bucket; false when it could not be (its records are then parsed again when needed). */
export function writeBucket(root: string, bucket: string, rows: BucketRow[]): boolean {
  const dir = safeCacheDir(root);
  return dir !== undefined && writeCacheFile(dir, bucketFileName(bucket), NAME, parseCacheStamp(), Buffer.from(JSON.stringify(rows), 'utf8'));
}

/** Remove the bucket files of folders that hold no record any more. */
export function removeOtherBuckets(root: string, buckets: ReadonlySet<string>): void {
  const dir = safeCacheDir(root);
  if (!dir) return;
  const keep = new Set([...buckets].map(bucketFileName));
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(PREFIX) && name.endsWith('.json') && !keep.has(name)) unlinkSync(join(dir, name));
    }
  } catch {
    /* housekeeping of an accelerator: never an error */
  }
}
