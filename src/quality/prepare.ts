// Records as the engine sees them: instants as epoch ms, defaults applied (priority normal,
// complaint false), the service's calendar attached, durations computed once on demand.
// Everything here is pure: the ledger is already loaded and valid.
import type { RecordData, Service } from '../ledger/schema.js';
import type { Calendar } from './calendar.js';
import { compileCalendar, durationHours } from './calendar.js';
import { recordInstants } from '../ledger/instants.js';
import type { Ledger } from '../ledger/load.js';

export interface Prepared {
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
  // Fields the built-in indicators read, copied once: records' own objects come in many shapes
  // (optional keys), so reading them on every period of every requirement is slow.
  outcome: string | undefined;
  visits: number | undefined;
  serial: string | undefined;
  assignee: string | undefined;
  cost: number | undefined;
  complaint: boolean;
  csat: number | undefined;
  nps: number | undefined;
  effort: number | undefined;
  procedureId: string;
  /** memo of per-record facts (adherence, completeness, training), undefined = not computed */
  _adherent?: boolean;
  _complete?: boolean;
  _trained?: boolean;
  /** memo: resolution / response durations in hours (undefined = not computed yet, null = n/a) */
  _resolution?: number | null;
  _response?: number | null;
}

/** Hours from opened to closed, minus pauses, in business time when the service has a calendar. */
export function resolutionHours(r: Prepared): number | null {
  if (r._resolution === undefined) {
    r._resolution = r.closed === undefined ? null : durationHours(r.opened, r.closed, r.pauses, r.tz, r.calendar);
  }
  return r._resolution;
}

/** Hours from opened to the first response, likewise. */
export function responseHours(r: Prepared): number | null {
  if (r._response === undefined) {
    r._response = r.responded === undefined ? null : durationHours(r.opened, r.responded, r.pauses, r.tz, r.calendar);
  }
  return r._response;
}

export function compileCalendars(ledger: Ledger): Map<string, Calendar> {
  const out = new Map<string, Calendar>();
  for (const [name, def] of Object.entries(ledger.settings?.calendars ?? {})) out.set(name, compileCalendar(def, name));
  return out;
}

export function prepareRecords(ledger: Ledger, services: Map<string, Service>): Prepared[] {
  const tz = ledger.config.timezone;
  const calendars = compileCalendars(ledger);
  const out: Prepared[] = [];
  for (const f of ledger.records) {
    const d = f.data;
    if (!d) continue;
    const svc = services.get(d.service);
    const at = recordInstants(d, tz);
    out.push({
      id: d.id,
      file: f.path,
      service: d.service,
      data: d,
      opened: at.opened,
      closed: at.closed,
      responded: at.responded,
      pauses: at.pauses,
      cancelled: d.outcome === 'cancelled',
      openedDate: at.openedDate,
      calendar: svc?.calendar ? calendars.get(svc.calendar) : undefined,
      tz,
      outcome: d.outcome,
      visits: d.visits,
      serial: d.serial === undefined ? undefined : String(d.serial),
      assignee: d.assignee,
      cost: d.cost,
      complaint: d.complaint === true,
      csat: d.survey?.csat,
      nps: d.survey?.nps,
      effort: d.survey?.effort,
      procedureId: d.procedure.slice(0, d.procedure.indexOf('@')),
      _resolution: undefined,
      _response: undefined,
      _adherent: undefined,
      _complete: undefined,
      _trained: undefined,
    });
  }
  return out;
}

/** A compiled `fieldValue` for one path (filters run it on every record of every period). */
export function fieldGetter(path: string): (r: Prepared) => unknown {
  switch (path) {
    case 'priority':
    case 'complaint':
    case 'resolution_time':
    case 'response_time':
      return (r) => fieldValue(r, path);
  }
  const keys = path.split('.');
  if (keys.length === 1) return (r) => (r.data as Record<string, unknown>)[path];
  if (keys.length === 2) {
    const [a, b] = keys;
    return (r) => {
      const v = (r.data as Record<string, unknown>)[a];
      return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[b] : undefined;
    };
  }
  return (r) => fieldValue(r, path);
}

/**
 * A record field by dotted path, as filters and inline indicators see it: the defaults of
 * SPEC §1.6 count as present; `resolution_time` and `response_time` are the derived durations.
 */
export function fieldValue(r: Prepared, path: string): unknown {
  switch (path) {
    case 'priority':
      return r.data.priority ?? 'normal';
    case 'complaint':
      return r.data.complaint ?? false;
    case 'resolution_time':
      return resolutionHours(r) ?? undefined;
    case 'response_time':
      return responseHours(r) ?? undefined;
  }
  if (!path.includes('.')) return (r.data as Record<string, unknown>)[path];
  let node: unknown = r.data;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
