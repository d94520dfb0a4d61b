// Records as the engine sees them: instants as epoch ms, defaults applied (priority normal,
// complaint false), the service's calendar attached. Beside the objects, the same records as
// columns (columns.ts), which the engine's hot loops read. Everything here is pure: the ledger
// is already loaded and valid.
import type { RecordData } from '../ledger/schema.js';
import type { Calendar } from '../time/index.js';
import { compileCalendar } from '../time/index.js';
import { recordInstants } from '../ledger/instants.js';
import { hasData, type Ledger } from '../ledger/load.js';
import type { Lookup } from '../ledger/lookup.js';
import { CACHED_COLUMNS, CACHED_NAMES, Columns, OUTCOME_CODE, Flag } from './columns.js';

export interface Prepared {
  /** Index in the engine's records and columns. */
  ix: number;
  /** Index of the record's file in `ledger.records` (the facts cache's row). */
  row: number;
  /** The columns this record is a row of (its facts are memoised there). */
  cols: Columns;
  id: string;
  file: string;
  service: string;
  data: RecordData;
  opened: number;
  closed: number | undefined;
  responded: number | undefined;
  pauses: { from: number; to: number }[] | undefined;
  cancelled: boolean;
  /** Local date of `opened` in the ledger time zone. */
  openedDate: string;
  calendar: Calendar | undefined;
  tz: string;
  outcome: string | undefined;
  serial: string | undefined;
  assignee: string | undefined;
  procedureId: string;
}

export function compileCalendars(ledger: Ledger): Map<string, Calendar> {
  const out = new Map<string, Calendar>();
  for (const [name, def] of Object.entries(ledger.settings?.calendars ?? {})) out.set(name, compileCalendar(def, name));
  return out;
}

const NO_VALUE = NaN;

/**
 * What the facts cache gives back: columns of `rows` values each (column-major), by row of
 * `ledger.records`, named by `names` — CACHED_NAMES first, then named columns. A row whose
 * `opened` is NaN is not known; other unknown values are NaN.
 */
export interface Seed {
  rows: number;
  names: readonly string[];
  columns: Float64Array;
  /** The values of the code columns (`unit`, a cause dimension's), by column name (Columns.code). */
  codes: Readonly<Record<string, readonly string[]>>;
}


/**
 * The records of the ledger as columns; their objects are built on demand (`cols.record(i)`).
 * Rows the seed knows are taken from it (its columns used in place when every row is a record);
 * the others are read from the records.
 */
export function prepareRecords(ledger: Ledger, lookup: Pick<Lookup, 'services' | 'procedures' | 'people'>, seed?: Seed): Columns {
  const tz = ledger.config.timezone;
  const calendarsByName = compileCalendars(ledger);
  const serviceIds = [...lookup.services.keys()];
  const serviceIndex = new Map(serviceIds.map((id, i) => [id, i]));
  const calendars = serviceIds.map((id) => {
    const name = lookup.services.get(id)!.calendar;
    return name ? calendarsByName.get(name) : undefined;
  });
  const files = ledger.records;
  const R = files.length;
  let n = 0;
  for (const f of files) if (hasData(f)) n++;
  const usable = seed !== undefined && seed.rows === R && seed.columns.length === seed.names.length * R && seed.names.length >= CACHED_COLUMNS;
  const known = usable ? seed.columns : undefined;
  const view = (k: number) => known!.subarray(k * R, (k + 1) * R);
  // Every row a record (the usual case): the seed's columns are the engine's, used in place.
  const inPlace = known !== undefined && n === R;
  const cols = new Columns(n, serviceIds, lookup, files, tz, calendars, inPlace ? CACHED_NAMES.map((_, k) => view(k)) : undefined, usable ? seed.codes : {});
  if (usable) {
    seed.names.forEach((name, k) => {
      if (k >= CACHED_COLUMNS) cols.adoptNamed(name, inPlace ? view(k) : new Float64Array(n).fill(NaN));
    });
  }
  const targets = known && !inPlace ? [...cols.cachedArrays(), ...seed!.names.slice(CACHED_COLUMNS).map((name) => cols.namedColumn(name))] : [];
  let ix = 0;
  for (let row = 0; row < R; row++) {
    if (!hasData(files[row])) continue;
    cols.rows[ix] = row;
    if (known && !Number.isNaN(known[row])) {
      if (!inPlace) for (let k = 0; k < targets.length; k++) targets[k][ix] = known[k * R + row];
      ix++;
      continue;
    }
    const d = files[row].data!; // read only when the facts cache does not know the record
    const at = recordInstants(d, tz);
    const survey = d.survey;
    cols.derived++;
    cols.opened[ix] = at.opened;
    cols.closed[ix] = at.closed ?? NO_VALUE;
    cols.responded[ix] = at.responded ?? NO_VALUE;
    cols.service[ix] = serviceIndex.get(d.service) ?? 0xffff;
    cols.outcome[ix] = d.outcome === undefined ? 0 : OUTCOME_CODE[d.outcome];
    cols.visits[ix] = d.visits ?? NO_VALUE;
    cols.cost[ix] = d.cost ?? NO_VALUE;
    cols.csat[ix] = survey?.csat ?? NO_VALUE;
    cols.nps[ix] = survey?.nps ?? NO_VALUE;
    cols.effort[ix] = survey?.effort ?? NO_VALUE;
    cols.flags[ix] =
      (d.outcome === 'cancelled' ? Flag.Cancelled : 0) | (d.complaint === true ? Flag.Complaint : 0) |
      (d.serial !== undefined ? Flag.Serial : 0) | (d.assignee !== undefined ? Flag.Assignee : 0);
    ix++;
  }
  cols.build = (i) => {
    const row = cols.rows[i];
    const d = files[row].data!;
    const at = recordInstants(d, tz);
    const service = cols.service[i];
    return {
      ix: i,
      row,
      cols,
      id: d.id,
      file: files[row].path,
      service: d.service,
      data: d,
      opened: at.opened,
      closed: at.closed,
      responded: at.responded,
      pauses: at.pauses,
      cancelled: d.outcome === 'cancelled',
      openedDate: at.openedDate,
      calendar: service < calendars.length ? calendars[service] : undefined,
      tz,
      outcome: d.outcome,
      serial: d.serial === undefined ? undefined : String(d.serial),
      assignee: d.assignee,
      procedureId: d.procedure.slice(0, d.procedure.indexOf('@')),
    };
  };
  return cols;
}

/** The columns, facts and named columns of every record by row of `ledger.records` (a Seed). */
export function factsOf(cols: Columns, rows: number): Seed {
  const arrays = [...cols.cachedArrays(), ...cols.namedColumns().values()];
  const names = [...CACHED_NAMES, ...cols.namedColumns().keys()];
  const out = new Float64Array(rows * arrays.length).fill(NaN); // rows without a record know nothing
  arrays.forEach((column, k) => {
    const base = k * rows;
    for (let i = 0; i < cols.n; i++) out[base + cols.rows[i]] = column[i];
  });
  return { rows, names, columns: out, codes: cols.codeNames() };
}

/** Reads a field of record i (filters and inline indicators: no record object is built). */
export type FieldGetter = (cols: Columns, i: number) => unknown;

/**
 * A record field by dotted path, as filters and inline indicators see it: the defaults of
 * SPEC §1.6 count as present; `resolution_time` and `response_time` are the derived durations.
 * Compiled once per path: filters run it on every record of every period.
 */
export function fieldGetter(path: string): FieldGetter {
  switch (path) {
    case 'priority':
      return (cols, i) => cols.dataOf(i).priority ?? 'normal';
    case 'complaint':
      return (cols, i) => cols.dataOf(i).complaint ?? false;
    case 'resolution_time':
      return (cols, i) => cols.resolution(i) ?? undefined;
    case 'response_time':
      return (cols, i) => cols.response(i) ?? undefined;
  }
  const keys = path.split('.');
  if (keys.length === 1) return (cols, i) => (cols.dataOf(i) as Record<string, unknown>)[path];
  if (keys.length === 2) {
    const [a, b] = keys;
    return (cols, i) => {
      const v = (cols.dataOf(i) as Record<string, unknown>)[a];
      return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[b] : undefined;
    };
  }
  return (cols, i) => {
    let node: unknown = cols.dataOf(i);
    for (const key of keys) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}
