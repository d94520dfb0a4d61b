// The SLA clock of open records (SPEC §5 `record list --at-risk`): for each open record, every
// response or resolution requirement of its service that applies to it (its `where`), the limit,
// the time elapsed at "now" as the indicator measures it (business calendar, pauses, DST) and
// the time left. A response requirement stops ticking once the record has a response.
import type { Lookup } from '../ledger/lookup.js';
import type { Requirement } from '../ledger/schema.js';
import { parseDurationHours } from '../time/index.js';
import type { Columns } from './columns.js';
import { compileFilter } from './filter.js';
import { numericTarget } from './targets.js';

export interface AtRisk {
  /** Row of the record in the columns. */
  row: number;
  service: string;
  requirement: string;
  clock: 'response' | 'resolution';
  limitHours: number;
  elapsedHours: number;
  /** limit − elapsed; negative when breached. */
  leftHours: number;
}

/** The limit a requirement puts on one record, and which clock it reads; undefined: none. */
function limitOf(r: Requirement): { clock: AtRisk['clock']; hours: number } | undefined {
  if (r.indicator === 'first_response_time' || r.indicator === 'resolution_time') {
    const max = numericTarget(r.target).max;
    return max === undefined ? undefined : { clock: r.indicator === 'first_response_time' ? 'response' : 'resolution', hours: max };
  }
  if (r.indicator === 'sla_compliance' && r.within !== undefined) return { clock: 'resolution', hours: parseDurationHours(r.within) };
  return undefined;
}

/**
 * Every clock of an open record that is breached or runs out within `withinHours` at `asOf`,
 * sorted by time left (breached first), then record, then requirement.
 */
export function atRisk(cols: Columns, lookup: Pick<Lookup, 'services'>, asOf: number, withinHours: number): AtRisk[] {
  const out: AtRisk[] = [];
  const clocks = new Map<number, { id: string; clock: AtRisk['clock']; hours: number; where: ReturnType<typeof compileFilter> }[]>();
  cols.serviceIds.forEach((id, k) => {
    const svc = lookup.services.get(id);
    if (!svc) return;
    clocks.set(k, svc.requirements.flatMap((r) => {
      const limit = limitOf(r);
      return limit ? [{ id: r.id, ...limit, where: compileFilter(r.where) }] : [];
    }));
  });
  for (let i = 0; i < cols.n; i++) {
    // open at asOf: not closed yet (or closed after it), already opened, not cancelled
    if (cols.cancelled(i) || cols.opened[i] > asOf || cols.closed[i] <= asOf) continue;
    for (const c of clocks.get(cols.service[i]) ?? []) {
      if (c.clock === 'response' && cols.responded[i] <= asOf) continue;
      if (c.where && !c.where(cols, i)) continue;
      const elapsed = cols.hoursTo(i, asOf);
      const left = c.hours - elapsed;
      if (left <= withinHours) out.push({ row: i, service: cols.serviceIds[cols.service[i]], requirement: c.id, clock: c.clock, limitHours: c.hours, elapsedHours: elapsed, leftHours: left });
    }
  }
  const id = (r: AtRisk) => cols.dataOf(r.row).id;
  return out.sort((a, b) => a.leftHours - b.leftHours || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0) || (a.requirement < b.requirement ? -1 : 1));
}
