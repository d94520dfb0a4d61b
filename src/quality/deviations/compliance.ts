// `compliance` (SPEC §4): closed (non-cancelled) records of the period that break the plan —
// a mandatory step not done, a field a closed record should hold missing, an older procedure
// version cited after the current one took effect, an untrained assignee, a warranty service
// on an asset out of warranty. Steps, completeness and training are the engine's memoised
// facts (the same the indicators use); the problems of each record are a fact too (a bit each,
// in the named column `compliance`, kept by the facts cache).
import { recordInstants } from '../../ledger/instants.js';
import type { Lookup } from '../../ledger/lookup.js';
import type { Service } from '../../ledger/schema.js';
import { addCalendarMonths } from '../../time/index.js';
import type { Columns } from '../columns.js';
import type { ComplianceDeviation, ComplianceProblem } from './types.js';

/** The problems in the order of their bits in the `compliance` column. */
const PROBLEMS: readonly ComplianceProblem[] = ['step-not-done', 'field-missing', 'procedure-outdated', 'assignee-untrained', 'out-of-warranty'];

/** Record i's problems as bits (PROBLEMS order): a fact of the record and the plan. */
function problemBits(svc: Service, cols: Columns, i: number, lookup: Lookup): number {
  const d = cols.dataOf(i);
  const at = d.procedure.indexOf('@');
  const proc = lookup.procedures.get(d.procedure.slice(0, at));
  let bits = 0;
  if (proc && !cols.adherent(i)) bits |= 1;
  if (!cols.complete(i)) bits |= 2;
  const openedDate = recordInstants(d, cols.tz).openedDate;
  if (proc && Number(d.procedure.slice(at + 1)) < proc.version && openedDate >= proc.effective) bits |= 4;
  if (d.assignee && lookup.people.has(d.assignee) && !cols.trained(i)) bits |= 8;
  if (svc.warranty && d.sold && d.product) {
    const product = lookup.products.get(d.product);
    if (product && addCalendarMonths(d.sold, product.warranty) < openedDate) bits |= 16;
  }
  return bits;
}

export function complianceDeviation(key: string, svc: Service, closed: Uint32Array, cols: Columns, lookup: Lookup): ComplianceDeviation | undefined {
  // Memoised per record like the engine's other facts, and kept by the facts cache: a warm run
  // reads only the records that break the plan (for their ids), if even those (recordId).
  const memo = cols.namedColumn('compliance');
  const records: ComplianceDeviation['records'] = [];
  for (const i of closed) {
    if (cols.cancelled(i)) continue;
    let bits = memo[i];
    if (bits !== bits) {
      bits = problemBits(svc, cols, i, lookup);
      memo[i] = bits;
      cols.derived++;
    }
    if (bits !== 0) records.push({ id: cols.recordId(i), problems: PROBLEMS.filter((_, k) => (bits & (1 << k)) !== 0) });
  }
  if (records.length === 0) return undefined;
  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { key, kind: 'compliance', severity: 'warning', service: svc.id, records, acknowledged: false, actions: [] };
}
