// The business rules behind the per-record facts the engine memoises (columns.ts stores them,
// the facts cache keeps them): pure functions of a record and the plan, so each rule is read
// and tested in one place, apart from the storage that makes them fast.
import { missingFieldsMemo } from '../ledger/completeness.js';
import { recordInstants } from '../ledger/instants.js';
import type { Lookup } from '../ledger/lookup.js';
import type { Procedure, RecordData } from '../ledger/schema.js';
import { trainedFor } from './training.js';

/** Every mandatory step of the record's procedure done (no procedure: not adherent). */
export function isAdherent(d: RecordData, procedure: Procedure | undefined): boolean {
  const steps = d.steps;
  return !!procedure && procedure.steps.every((s) => s.mandatory !== true || steps?.[s.id] === 'done');
}

/** The record holds every field it should (SPEC §1.6). */
export function isComplete(d: RecordData, procedure: Procedure | undefined): boolean {
  return missingFieldsMemo(d, procedure).length === 0;
}

/** The assignee held, on the day the record was opened, every course the service requires of them. */
export function isTrained(d: RecordData, plan: Pick<Lookup, 'services' | 'people'>, tz: string): boolean {
  const person = d.assignee ? plan.people.get(d.assignee) : undefined;
  const service = plan.services.get(d.service);
  return !!person && !!service && trainedFor(service, person, recordInstants(d, tz).openedDate);
}

/**
 * The unit's next visit after a closed record: the first instant in `openedAscending` (the
 * opened instants of the unit's non-cancelled records, any service) later than `closed`;
 * Infinity when there is none.
 */
export function nextVisitAfter(openedAscending: readonly number[], closed: number): number {
  let lo = 0;
  let hi = openedAscending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (openedAscending[mid] <= closed) lo = mid + 1;
    else hi = mid;
  }
  return lo < openedAscending.length ? openedAscending[lo] : Infinity;
}
