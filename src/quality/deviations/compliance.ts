// `compliance` (SPEC §4): closed (non-cancelled) records of the period that break the plan —
// a mandatory step not done, a field a closed record should hold missing, an older procedure
// version cited after the current one took effect, an untrained assignee, a warranty service
// on an asset out of warranty. Steps, completeness and training are the engine's memoised
// facts (the same the indicators use).
import { recordInstants } from '../../ledger/instants.js';
import type { Lookup } from '../../ledger/lookup.js';
import type { Service } from '../../ledger/schema.js';
import { addCalendarMonths } from '../../time/index.js';
import type { Columns } from '../columns.js';
import type { ComplianceDeviation, ComplianceProblem } from './types.js';

export function complianceDeviation(key: string, svc: Service, closed: Uint32Array, cols: Columns, lookup: Lookup): ComplianceDeviation | undefined {
  const records: ComplianceDeviation['records'] = [];
  for (const i of closed) {
    if (cols.cancelled(i)) continue;
    const d = cols.dataOf(i);
    const at = d.procedure.indexOf('@');
    const proc = lookup.procedures.get(d.procedure.slice(0, at));
    const problems: ComplianceProblem[] = [];
    if (proc && !cols.adherent(i)) problems.push('step-not-done');
    if (!cols.complete(i)) problems.push('field-missing');
    const openedDate = recordInstants(d, cols.tz).openedDate;
    if (proc && Number(d.procedure.slice(at + 1)) < proc.version && openedDate >= proc.effective) problems.push('procedure-outdated');
    if (d.assignee && lookup.people.has(d.assignee) && !cols.trained(i)) problems.push('assignee-untrained');
    if (svc.warranty && d.sold && d.product) {
      const product = lookup.products.get(d.product);
      if (product && addCalendarMonths(d.sold, product.warranty) < openedDate) problems.push('out-of-warranty');
    }
    if (problems.length > 0) records.push({ id: d.id, problems });
  }
  if (records.length === 0) return undefined;
  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { key, kind: 'compliance', severity: 'warning', service: svc.id, records, acknowledged: false, actions: [] };
}
