// `action` (SPEC §4): an action of the service still open after its due date (warning), or one
// verified ineffective with no newer action on the same requirement (critical).
import type { ActionData, Service } from '../../ledger/schema.js';
import type { ActionDeviation } from './types.js';

export function isOverdue(a: ActionData, asOfDate: string): boolean {
  return a.status === 'open' && a.due !== undefined && a.due < asOfDate;
}

function isIneffective(a: ActionData): boolean {
  return a.status === 'ineffective' || a.verification?.result === 'ineffective';
}

export function actionDeviation(key: string, svc: Service, actions: ActionData[], asOfDate: string): ActionDeviation | undefined {
  const mine = actions.filter((a) => a.service === svc.id);
  const newer = (a: ActionData) =>
    mine.some((b) => b !== a && b.requirement === a.requirement && (b.opened > a.opened || (b.opened === a.opened && b.id > a.id)));
  const overdue = mine.filter((a) => isOverdue(a, asOfDate));
  const ineffective = mine.filter((a) => isIneffective(a) && !newer(a));
  if (overdue.length === 0 && ineffective.length === 0) return undefined;
  return {
    key, kind: 'action', severity: ineffective.length > 0 ? 'critical' : 'warning', service: svc.id,
    actions: [...new Set([...overdue, ...ineffective].map((a) => a.id))].sort(), acknowledged: false,
  };
}
