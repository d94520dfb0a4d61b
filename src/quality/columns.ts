// The records as columns: typed arrays indexed like the engine's records. On a large ledger the
// record objects lie scattered in memory, and reading their fields period after period,
// requirement after requirement, was most of `control`; the engine's populations and the
// built-in indicators read these arrays instead. Per-record facts (durations, adherence,
// completeness, training) are memoised here on first use, and kept between runs by the facts
// cache (facts-cache.ts) through `seed`/`unseed`. This is storage: the rules behind the facts
// are the pure functions of record-facts.ts.
import type { LedgerFile } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import { recordInstants } from '../ledger/instants.js';
import { recordIdOf } from '../ledger/record-checks.js';
import type { Procedure, RecordData } from '../ledger/schema.js';
import { elapsedHours, type Calendar } from '../time/index.js';
import type { Prepared } from './prepare.js';
import { isAdherent, isComplete, isTrained, nextVisitAfter } from './record-facts.js';

/** Outcome codes of the `outcome` column (0: none). */
export const OUTCOME_CODE: Record<string, number> = {
  resolved: 1, unresolved: 2, replaced: 3, refunded: 4, 'no-fault-found': 5, cancelled: 6,
};

/** Bits of the `flags` column. */
export const Flag = { Cancelled: 1, Complaint: 2, Serial: 4, Assignee: 8 } as const;

/**
 * What the facts cache keeps of a record, column by column, all float64 (so that a seed's
 * columns can be used in place): the record's own values, then the memoised facts, then the
 * record's rank among all records by opened and by closed, and its unit (serial number) as a
 * code (see `code`) — so that a unit's next visit is worked out again from columns alone when
 * other records change (no record read). Named columns (`namedColumn`: a
 * filter's result, a field's number) follow these.
 */
export const CACHED_NAMES = [
  'opened', 'closed', 'responded', 'service', 'outcome', 'visits', 'cost', 'csat', 'nps', 'effort', 'flags',
  'resolution', 'response', 'adherent', 'complete', 'trained', 'nextVisit', 'rankOpened', 'rankClosed', 'unit',
] as const;
export const CACHED_COLUMNS = CACHED_NAMES.length;
export const RESOLUTION_COLUMN = CACHED_NAMES.indexOf('resolution');
/** Columns that depend on the other records: served only when the cache holds exactly the same records. */
export const WHOLE_LEDGER_COLUMNS: readonly number[] = (['nextVisit', 'rankOpened', 'rankClosed'] as const).map((n) => CACHED_NAMES.indexOf(n));

/** Memo of a duration that does not apply (no `closed` / no `responded`); NaN = not computed. */
const NOT_APPLICABLE = -1;
/** Boolean facts: NaN = not computed. */
const NO = 0;
const YES = 1;

export class Columns {
  readonly opened: Float64Array;
  /** NaN while open. */
  readonly closed: Float64Array;
  /** NaN without a response. */
  readonly responded: Float64Array;
  /** Index into `serviceIds` (0xffff: not a service of the plan). */
  readonly service: Float64Array;
  /** OUTCOME_CODE, 0: none. */
  readonly outcome: Float64Array;
  /** NaN when the record lacks the value. */
  readonly visits: Float64Array;
  readonly cost: Float64Array;
  readonly csat: Float64Array;
  readonly nps: Float64Array;
  readonly effort: Float64Array;
  /** Flag bits. */
  readonly flags: Float64Array;
  /** Position of record i among all records by (opened, index) / among closed ones by (closed, index). */
  readonly rankOpened: Float64Array;
  readonly rankClosed: Float64Array;
  /** Row in `ledger.records` of record i (the facts cache's row). */
  readonly rows: Uint32Array;
  /** How many values were derived here rather than taken from the facts cache (0: nothing to save). */
  derived = 0;
  /** Builds record i's object (set by prepare.ts); objects are made only when asked for. */
  build: (i: number) => Prepared = () => {
    throw new Error('records not prepared');
  };
  private readonly objects: (Prepared | undefined)[];
  /** Text values as codes, per code column: the seed's, then any new ones (see `code`). */
  private readonly dictionaries = new Map<string, { names: string[]; ids: Map<string, number> | undefined }>();
  private readonly unitI: Float64Array;
  private readonly procedures = new Map<string, Procedure | undefined>();

  // Memoised facts.
  private readonly resolutionH: Float64Array;
  private readonly responseH: Float64Array;
  private readonly adherentF: Float64Array;
  private readonly completeF: Float64Array;
  private readonly trainedF: Float64Array;
  /** Opened instant of the next visit to the same unit, Infinity: none; NaN: not computed. */
  private readonly nextVisitT: Float64Array;
  private openedByUnit: Map<number, number[]> | undefined;
  /** Derived columns by name, NaN = not computed (see namedColumn). */
  private readonly named = new Map<string, Float64Array>();

  /**
   * `backing`: the cached columns (CACHED_NAMES order, n values each) to use in place, from a
   * seed; without it the record's own columns are zero and every fact unknown (NaN).
   */
  constructor(
    readonly n: number,
    readonly serviceIds: readonly string[],
    private readonly plan: Pick<Lookup, 'services' | 'procedures' | 'people'>,
    private readonly files: readonly LedgerFile<RecordData>[],
    readonly tz: string,
    /** Calendar of each service (by index), undefined: elapsed time. */
    private readonly calendars: readonly (Calendar | undefined)[],
    backing?: readonly Float64Array[],
    codes: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const [name, names] of Object.entries(codes)) this.dictionaries.set(name, { names: [...names], ids: undefined });
    this.rows = new Uint32Array(n);
    this.objects = new Array(n);
    const column = (k: number, fill: number) => backing?.[k] ?? new Float64Array(n).fill(fill);
    [
      this.opened, this.closed, this.responded, this.service, this.outcome, this.visits, this.cost, this.csat, this.nps, this.effort, this.flags,
    ] = CACHED_NAMES.slice(0, 11).map((_, k) => column(k, 0));
    [
      this.resolutionH, this.responseH, this.adherentF, this.completeF, this.trainedF, this.nextVisitT, this.rankOpened, this.rankClosed, this.unitI,
    ] = CACHED_NAMES.slice(11).map((_, k) => column(11 + k, NaN));
  }

  /** The record's data as loaded (no object is built). */
  dataOf(i: number): RecordData {
    return this.files[this.rows[i]].data!;
  }

  /**
   * Record i's id: its file name, as the record's checks kept by the load found it to be
   * (record-checks.ts recordIdOf), else read from the record.
   */
  recordId(i: number): string {
    const f = this.files[this.rows[i]];
    return f.checks !== undefined ? recordIdOf(f.path, f.checks) : f.data!.id;
  }

  /** The record as an object, built on first use. */
  record(i: number): Prepared {
    let r = this.objects[i];
    if (r === undefined) {
      r = this.build(i);
      this.objects[i] = r;
    }
    return r;
  }

  /**
   * Record i's value of a text column as a code — its index among the column's values, -1 when
   * it has none — memoised in the named column `name` (the facts cache keeps both the codes and
   * the values), `value` read only when not known.
   */
  code(name: string, i: number, value: (i: number) => string | undefined): number {
    const column = name === 'unit' ? this.unitI : this.namedColumn(name);
    let c = column[i];
    // not known yet, or a code its values do not hold (a cache from elsewhere): read again
    if (c !== c || (c >= 0 && !(c < (this.dictionaries.get(name)?.names.length ?? 0)))) {
      c = -1;
      const v = value(i);
      if (v !== undefined) {
        let dict = this.dictionaries.get(name);
        if (!dict) this.dictionaries.set(name, (dict = { names: [], ids: undefined }));
        dict.ids ??= new Map(dict.names.map((s, k) => [s, k]));
        c = dict.ids.get(v) ?? -1;
        if (c < 0) {
          c = dict.names.length;
          dict.names.push(v);
          dict.ids.set(v, c);
        }
      }
      column[i] = c;
      this.derived++;
    }
    return c;
  }

  /** The value a code of the text column `name` stands for. */
  codeName(name: string, code: number): string {
    return this.dictionaries.get(name)!.names[code];
  }

  /** Every code column's values, by column name (for the facts cache). */
  codeNames(): Record<string, readonly string[]> {
    return Object.fromEntries([...this.dictionaries].map(([name, d]) => [name, d.names]));
  }

  /** Index of record i's unit (serial number), -1 without one (the `unit` column). */
  unitOf(i: number): number {
    return this.code('unit', i, this.serialValue);
  }

  // YAML may type a serial as a number
  private readonly serialValue = (i: number): string | undefined => ((this.flags[i] & Flag.Serial) !== 0 ? String(this.dataOf(i).serial) : undefined);

  /** Serial number as text, undefined without one. */
  serialOf(i: number): string | undefined {
    const u = this.unitOf(i);
    return u < 0 ? undefined : this.codeName('unit', u);
  }

  cancelled(i: number): boolean {
    return (this.flags[i] & Flag.Cancelled) !== 0;
  }

  /** Hours from opened to `at` minus pauses, in business time when the service has a calendar. */
  hoursTo(i: number, at: number): number {
    const d = this.dataOf(i);
    return elapsedHours(this.opened[i], at, recordInstants(d, this.tz).pauses, this.tz, this.calendars[this.service[i]]);
  }

  /** Hours from opened to `end[i]` (memoised in `memo`); null when record i has no such instant. */
  private hoursUntil(memo: Float64Array, end: Float64Array, i: number): number | null {
    let h = memo[i];
    if (h !== h) {
      const at = end[i];
      h = at !== at ? NOT_APPLICABLE : this.hoursTo(i, at);
      memo[i] = h;
      this.derived++;
    }
    return h === NOT_APPLICABLE ? null : h;
  }

  /** Hours from opened to closed minus pauses (business hours with a calendar); null while open. */
  resolution(i: number): number | null {
    return this.hoursUntil(this.resolutionH, this.closed, i);
  }

  /** Hours from opened to the first response, likewise; null without a response. */
  response(i: number): number | null {
    return this.hoursUntil(this.responseH, this.responded, i);
  }

  /** The procedure a record follows, by its `name@version` text (records share a handful). */
  private procedureOf(ref: string): Procedure | undefined {
    let p = this.procedures.get(ref);
    if (p === undefined && !this.procedures.has(ref)) {
      p = this.plan.procedures.get(ref.slice(0, ref.indexOf('@')));
      this.procedures.set(ref, p);
    }
    return p;
  }

  /** A boolean fact of record i, memoised in `column` (NaN: not computed yet). */
  private fact(column: Float64Array, i: number, compute: (d: RecordData) => boolean): boolean {
    let v = column[i];
    if (v !== v) {
      v = compute(this.dataOf(i)) ? YES : NO;
      column[i] = v;
      this.derived++;
    }
    return v === YES;
  }

  /** Every mandatory step of the record's procedure done. */
  adherent(i: number): boolean {
    return this.fact(this.adherentF, i, this.isAdherent);
  }

  /** The record holds every field it should (SPEC §1.6). */
  complete(i: number): boolean {
    return this.fact(this.completeF, i, this.isComplete);
  }

  /** The assignee held, on the day the record was opened, every course the service requires of them. */
  trained(i: number): boolean {
    return this.fact(this.trainedF, i, this.isTrained);
  }

  // The facts' rules (record-facts.ts), bound once (no closure per call in the engine's loops).
  private readonly isAdherent = (d: RecordData): boolean => isAdherent(d, this.procedureOf(d.procedure));
  private readonly isComplete = (d: RecordData): boolean => isComplete(d, this.procedureOf(d.procedure));
  private readonly isTrained = (d: RecordData): boolean => isTrained(d, this.plan, this.tz);

  /** unit → opened instants (ascending) of its non-cancelled records, all services. */
  private unitIndex(): Map<number, number[]> {
    if (this.openedByUnit === undefined) {
      const index = new Map<number, number[]>();
      for (let i = 0; i < this.n; i++) {
        // every record's unit, cancelled ones too: the facts cache then knows them all
        const key = this.unitOf(i);
        if (key < 0 || this.cancelled(i)) continue;
        const list = index.get(key);
        if (list) list.push(this.opened[i]);
        else index.set(key, [this.opened[i]]);
      }
      for (const list of index.values()) list.sort((a, b) => a - b);
      this.openedByUnit = index;
    }
    return this.openedByUnit;
  }

  /**
   * When the unit of closed record i was next seen: the opened instant of the first non-cancelled
   * record with the same serial opened after i closed (any service); Infinity when none, or
   * when record i is open or has no serial.
   */
  nextVisit(i: number): number {
    let t = this.nextVisitT[i];
    if (Number.isNaN(t)) {
      const unit = this.unitOf(i);
      const closed = this.closed[i];
      t = Infinity;
      if (unit >= 0 && !Number.isNaN(closed)) t = nextVisitAfter(this.unitIndex().get(unit) ?? [], closed);
      this.nextVisitT[i] = t;
      this.derived++;
    }
    return t;
  }

  /**
   * A derived column by name, created on first use (NaN = not computed): indicators memoise a
   * filter's result or a field's number per record here, and the facts cache keeps it.
   */
  namedColumn(name: string): Float64Array {
    let column = this.named.get(name);
    if (column === undefined) {
      column = new Float64Array(this.n).fill(NaN);
      this.named.set(name, column);
    }
    return column;
  }

  namedColumns(): ReadonlyMap<string, Float64Array> {
    return this.named;
  }

  /** Takes a named column from a seed (n values, used in place). */
  adoptNamed(name: string, column: Float64Array): void {
    this.named.set(name, column);
  }

  /** The arrays the facts cache keeps, in CACHED_NAMES order. */
  cachedArrays(): Float64Array[] {
    return [
      this.opened, this.closed, this.responded, this.service, this.outcome, this.visits, this.cost, this.csat, this.nps, this.effort, this.flags,
      this.resolutionH, this.responseH, this.adherentF, this.completeF, this.trainedF, this.nextVisitT, this.rankOpened, this.rankClosed, this.unitI,
    ];
  }
}
