// When an action's effect can be measured (SPEC §1.7 `verification.after`, §5 `action verify`):
// in the first full period that STARTS ON OR AFTER the date D, in the ledger's kind of period
// (after 2026-12-01 → 2026-12; after 2026-12-02 → 2027-01). The review pack uses the same rule.
import { nextPeriod, periodDates, periodOfDate, type PeriodKind } from '../time/index.js';

export { addDays, daysBetween } from '../time/index.js';

/** The label of the first full period of `kind` starting on or after date `after`. */
export function firstFullPeriodFrom(after: string, kind: PeriodKind): string {
  const label = periodOfDate(after, kind);
  return periodDates(label).start === after ? label : nextPeriod(label);
}
