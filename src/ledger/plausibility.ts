// Plausibility (SPEC §1.6): input that is valid but should raise an eyebrow, reported as
// warnings of `check` (exit 0 unless --strict). Kept apart from the cross-file checks because
// it depends on "now" (the clock, or a test's), which nothing else in the checks does.
// - `future-date`: an instant of a record (opened, responded, closed, a pause) more than one
//   day after now, or an action closed after today (ledger time zone);
// - `before-procedure`: a record opened before the `effective` date of the procedure version it
//   cites. The ledger keeps only the current version of a procedure (its file), so only records
//   citing that version can be judged; older versions' dates are not known. It depends on the
//   record and the plan only, so it is worked out with the record's checks (record-checks.ts)
//   and kept with them in the parse cache, with the record's latest instant.
import { formatInstant, localDate } from '../time/index.js';
import { recordInstants } from './instants.js';
import { hasData, type Ledger } from './load.js';
import { ownChecks, plausibilityOnly } from './record-checks.js';
import type { PendingProblem } from './problems.js';

const DAY_MS = 24 * 3600 * 1000;

export function plausibility(ledger: Ledger, now: number): PendingProblem[] {
  const out: PendingProblem[] = [];
  const tz = ledger.config.timezone;
  const warn = (file: string, path: (string | number)[], code: string, params: Record<string, string>) =>
    out.push({ file, path, code, severity: 'warning', params });
  const limit = now + DAY_MS;
  const nowText = formatInstant(now, tz).slice(0, 16).replace('T', ' ');
  // A record's `before-procedure` warning and latest instant come with its checks (kept by the
  // load): only a record with an instant after the limit is read.
  const checksOf = ownChecks(ledger);
  for (const f of ledger.records) {
    if (!hasData(f)) continue;
    const own = checksOf(f);
    out.push(...plausibilityOnly(own.problems));
    if (own.latest <= limit) continue;
    const r = f.data!;
    const at = recordInstants(r, tz);
    const future = (path: (string | number)[], value: string, instant: number | undefined) => {
      if (instant !== undefined && instant > limit) warn(f.path, path, 'future-date', { value, now: nowText });
    };
    future(['opened'], r.opened, at.opened);
    if (r.responded) future(['responded'], r.responded, at.responded);
    if (r.closed) future(['closed'], r.closed, at.closed);
    r.paused?.forEach((p, i) => {
      future(['paused', i, 'from'], p.from, at.pauses![i].from);
      if (p.to !== undefined) future(['paused', i, 'to'], p.to, at.pauses![i].to);
    });
  }
  const today = localDate(now, tz);
  for (const f of ledger.actions) {
    const closed = f.data?.closed;
    if (closed !== undefined && closed > today) warn(f.path, ['closed'], 'future-date', { value: closed, now: today });
  }
  return out;
}

