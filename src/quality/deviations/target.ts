// `target` (SPEC §4): a requirement (or strategic objective) missed its target in the period;
// the severity is its status. Names the responsible, the likely causes and suggestions.
import type { Unit } from '../../ledger/indicator-catalogue.js';
import type { Cause } from '../causes.js';
import type { CatalogueEntry } from '../suggest.js';
import type { NumericTarget, Status } from '../targets.js';
import type { TargetDeviation } from './types.js';

export function targetDeviation(a: {
  key: string; service: string; requirement: string; status: Status; value: number | null; target: NumericTarget; unit: Unit;
  responsible: TargetDeviation['responsible']; causes: Cause[]; suggestions: CatalogueEntry[];
}): TargetDeviation | undefined {
  if (a.status !== 'warning' && a.status !== 'critical') return undefined;
  return {
    key: a.key, kind: 'target', severity: a.status, service: a.service, requirement: a.requirement,
    value: a.value, target: a.target, unit: a.unit, responsible: a.responsible, causes: a.causes,
    suggestions: a.suggestions.map((e) => e.title), suggestionEntries: a.suggestions, acknowledged: false, actions: [],
  };
}
