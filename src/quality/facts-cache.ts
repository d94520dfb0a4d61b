// The derived facts cache: .aftersales/cache/facts.bin. What the engine derives per record —
// its columns (instants, codes, numbers) and the facts the indicators compute (durations in
// business time, procedure adherence, completeness, training, the unit's next visit) — costs
// about a microsecond per record and fact, and was most of `control` on a large ledger, yet
// depends only on the record and the plan. So the engine starts from what the last run derived
// (Engine's `seed`) and writes it back when it derived something new.
//
// Validity, like the parse cache: a row is keyed by its record file's path, size and stat stamp;
// the whole file by a hash of what the columns and facts read besides the record (time zone,
// calendars, services, procedures, people) and of the tool's code (cache/code-version.ts). A unit's next visit
// and the records' ranks depend on the other records: they are served only when every key is
// the same, and otherwise worked out again from the columns (the `unit` code column; no record
// is read). Anything else is ignored: this is only an accelerator, and failing to write it is
// not an error.
//
// Layout (the payload of a cache/store.ts envelope, which checks its type, size and checksum):
// u32 LE header length, header JSON (with the column names: CACHED_NAMES, then named
// columns, and the values of the code columns: Columns.code), the keys (`path\tsize\tstamp\n` per row, UTF-8), zero padding to 8 bytes, then the
// columns, `rows` float64 each (in the
// machine's byte order: the cache is local to a checkout).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readCacheFile, safeCacheDir, writeCacheFile } from '../cache/store.js';
import { codeVersion } from '../cache/code-version.js';
import type { Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import { CACHED_NAMES, WHOLE_LEDGER_COLUMNS } from './columns.js';
import { Engine } from './engine.js';
import { SortedLookup } from '../ledger/sorted-lookup.js';
import { factsOf, type Seed } from './prepare.js';

const FORMAT = 8;
const MAGIC = 'aftersales-facts';

/** The facts cache of a ledger, or undefined when its cache folder may not be used. */
export function factsPath(root: string): string | undefined {
  const dir = safeCacheDir(root);
  return dir === undefined ? undefined : join(dir, 'facts.bin');
}


/** Hash of everything a record's columns and facts depend on besides the record itself. */
function factsKey(ledger: Ledger): string {
  const plan = {
    format: FORMAT,
    code: codeVersion(),
    tz: ledger.config.timezone,
    calendars: ledger.settings?.calendars ?? null,
    services: ledger.services.map((f) => f.data ?? null),
    procedures: ledger.procedures.map((f) => f.data ?? null),
    people: ledger.team?.people ?? null,
    // the compliance facts: a warranty service on an asset out of warranty
    products: ledger.products?.products ?? null,
  };
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

/** A row's key; a record not read from disk (no size or stamp) can never match. */
function keyLine(f: Ledger['records'][number]): string {
  return f.stamp === undefined ? `${f.path}\t-\t-\n` : `${f.path}\t${f.size}\t${f.stamp}\n`;
}

/** Whether `keys` (as stored) are exactly the lines of `ledger.records`, compared in place. */
function sameKeys(keys: string, ledger: Ledger): boolean {
  let at = 0;
  for (const f of ledger.records) {
    if (f.stamp === undefined || !keys.startsWith(f.path, at)) return false;
    at += f.path.length;
    if (keys.charCodeAt(at) !== 9) return false;
    let size = 0;
    let c = keys.charCodeAt(++at);
    while (c >= 48 && c <= 57) {
      size = size * 10 + (c - 48);
      c = keys.charCodeAt(++at);
    }
    if (c !== 9 || size !== f.size || !keys.startsWith(f.stamp, ++at)) return false;
    at += f.stamp.length;
    if (keys.charCodeAt(at++) !== 10) return false;
  }
  return at === keys.length;
}

interface Stored extends Seed {
  keys: string;
}

function readStored(file: string | undefined, key: string): Stored | undefined {
  // Checked (type, size, checksum) before anything in it is believed: cache-file.ts.
  const buf = file === undefined ? undefined : readCacheFile(file, 'facts', String(FORMAT));
  if (!buf) return undefined;
  try {
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as { magic?: string; key?: string; rows?: number; keysBytes?: number; names?: unknown; codes?: unknown };
    if (header.magic !== MAGIC || header.key !== key || !Number.isInteger(header.rows) || !Number.isInteger(header.keysBytes)) return undefined;
    const names = header.names;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string') || CACHED_NAMES.some((n, k) => names[k] !== n)) return undefined;
    const codes = header.codes;
    if (codes === null || typeof codes !== 'object' || Array.isArray(codes)) return undefined;
    for (const list of Object.values(codes)) if (!Array.isArray(list) || !list.every((n) => typeof n === 'string')) return undefined;
    const keysStart = 4 + headerLength;
    const columnsStart = Math.ceil((keysStart + header.keysBytes!) / 8) * 8;
    const length = header.rows! * names.length;
    if (buf.length !== columnsStart + length * 8) return undefined;
    // A view on the bytes read when they are aligned (a large read has a buffer of its own),
    // a copy otherwise: 17 columns of 100k records are 14 MB.
    const at = buf.byteOffset + columnsStart;
    const columns = at % 8 === 0 ? new Float64Array(buf.buffer, at, length) : new Float64Array(length);
    if (columns.buffer !== buf.buffer) new Uint8Array(columns.buffer).set(buf.subarray(columnsStart));
    return { keys: buf.toString('utf8', keysStart, keysStart + header.keysBytes!), rows: header.rows!, names: names as string[], columns, codes: codes as Record<string, string[]> };
  } catch {
    return undefined; // truncated or foreign
  }
}

/** What a run starts from, and what to compare with when it saves. */
export interface FactsRead {
  key: string;
  seed: Seed | undefined;
  /** The file held exactly these records (nothing added, changed or removed). */
  exact: boolean;
}

export function readFacts(ledger: Ledger): FactsRead {
  const key = factsKey(ledger);
  const stored = readStored(factsPath(ledger.root), key);
  if (!stored) return { key, seed: undefined, exact: false };
  if (stored.rows === ledger.records.length && sameKeys(stored.keys, ledger)) {
    return { key, seed: { rows: stored.rows, names: stored.names, columns: stored.columns, codes: stored.codes }, exact: true };
  }
  // Records were added, changed or removed: take over the rows that are still the same. Both
  // lists are in path order: matched by a forward cursor (ledger/sorted-lookup.ts), not a map.
  const lines = stored.keys.split('\n');
  const rowOf = new SortedLookup(lines.slice(0, stored.rows).map((l) => l.slice(0, l.indexOf('\t'))), (j) => j);
  const R = ledger.records.length;
  const width = stored.names.length;
  const columns = new Float64Array(R * width).fill(NaN);
  ledger.records.forEach((f, i) => {
    const j = f.stamp === undefined ? undefined : rowOf.get(f.path);
    if (j === undefined || `${lines[j]}\n` !== keyLine(f)) return; // changed, new, or not on disk
    // a unit's next visit and the ranks depend on the other records, which changed: not taken over
    for (let k = 0; k < width; k++) if (!WHOLE_LEDGER_COLUMNS.includes(k)) columns[k * R + i] = stored.columns[k * stored.rows + j];
  });
  return { key, seed: { rows: R, names: stored.names, columns, codes: stored.codes }, exact: false };
}

/** Writes the engine's columns and facts when they differ from what was read. Never throws. */
export function writeFacts(engine: Engine, read: FactsRead): void {
  if (read.exact && engine.cols.derived === 0) return; // nothing new
  const ledger = engine.ledger;
  const rows = ledger.records.length;
  const { names, columns, codes } = factsOf(engine.cols, rows);
  let keysText = '';
  for (const f of ledger.records) keysText += keyLine(f);
  const keys = Buffer.from(keysText, 'utf8');
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, key: read.key, rows, keysBytes: keys.length, names, codes }), 'utf8');
  const keysStart = 4 + header.length;
  const columnsStart = Math.ceil((keysStart + keys.length) / 8) * 8;
  const out = Buffer.alloc(columnsStart + columns.byteLength);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  keys.copy(out, keysStart);
  Buffer.from(columns.buffer, columns.byteOffset, columns.byteLength).copy(out, columnsStart);
  const dir = safeCacheDir(ledger.root);
  if (dir) writeCacheFile(dir, 'facts.bin', 'facts', String(FORMAT), out);
}

/**
 * An engine seeded from the facts cache, and a `save` to call once its results are computed.
 * Commands use this; tests and pure callers use `new Engine` (no disk).
 */
export function cachedEngine(ledger: Ledger, lookup: Lookup): { engine: Engine; save: () => void } {
  const read = readFacts(ledger);
  const engine = new Engine(ledger, lookup, read.seed);
  return { engine, save: () => writeFacts(engine, read) };
}

/**
 * An engine for another state of the same ledger (`control --since`: the ledger at a git
 * revision, whose unchanged files are the live ledger's very objects), seeded from `from`'s
 * columns for the records the two share — rather than reading this cache again. What depends on
 * the other records (next visit, ranks) is worked out again; a different plan seeds nothing.
 */
export function engineLike(from: Engine, ledger: Ledger, lookup: Lookup): Engine {
  if (factsKey(ledger) !== factsKey(from.ledger)) return new Engine(ledger, lookup);
  const live = from.ledger.records;
  const seed = factsOf(from.cols, live.length);
  const R = ledger.records.length;
  const width = seed.names.length;
  const columns = new Float64Array(R * width).fill(NaN);
  const liveRow = new SortedLookup(live.map((f) => f.path), (j) => j);
  ledger.records.forEach((f, i) => {
    const j = liveRow.get(f.path);
    if (j === undefined || live[j] !== f) return; // not the same file
    for (let k = 0; k < width; k++) if (!WHOLE_LEDGER_COLUMNS.includes(k)) columns[k * R + i] = seed.columns[k * live.length + j];
  });
  return new Engine(ledger, lookup, { rows: R, names: seed.names, columns, codes: seed.codes });
}
