// When an action's effect can be measured (SPEC §1.7 `verification.after`): in the first FULL
// period after the date D, i.e. the first period (of the ledger's kind) whose start is at or
// after local midnight of D + 1 day. A period starting on D itself is not "after" D: the action
// was still being carried out that day.
import { addDays, nextPeriod, periodDates, periodOfDate, type PeriodKind } from '../quality/periods.js';

export { addDays, daysBetween } from '../quality/periods.js';

/** The label of the first full period of `kind` after date `after`. */
export function firstFullPeriodAfter(after: string, kind: PeriodKind): string {
  const day = addDays(after, 1);
  const label = periodOfDate(day, kind);
  return periodDates(label).start === day ? label : nextPeriod(label);
}
