// Deviations (SPEC §4) as a discriminated union: one type per kind, each with exactly what it
// carries, so that reporters switch on `kind` (with assertNever) instead of asserting fields.
import type { Unit } from '../../ledger/indicator-catalogue.js';
import type { Cause } from '../causes.js';
import type { CatalogueEntry } from '../suggest.js';
import type { NumericTarget } from '../targets.js';

export type Severity = 'warning' | 'critical';
export type DeviationKind = 'target' | 'trend' | 'compliance' | 'training' | 'action' | 'capacity';
export type ComplianceProblem = 'step-not-done' | 'field-missing' | 'procedure-outdated' | 'assignee-untrained' | 'out-of-warranty';

interface Base {
  key: string;
  severity: Severity;
  /** The service, or `*` for a strategic objective. */
  service: string;
  acknowledged: boolean;
  /** The actions naming the deviation's key (for `action`: the overdue or ineffective ones). */
  actions: string[];
}

/** What target and trend deviations share: a measured requirement (or objective) off course. */
interface Measured extends Base {
  requirement: string;
  value: number | null;
  target: NumericTarget;
  /** The unit of `value` (not in JSON: reporters format with it). */
  unit: Unit;
  /** The owner role and its people; null for a strategic objective (no responsible). */
  responsible: { role: string; people: string[] } | null;
  causes: Cause[];
  suggestions: string[];
  /** Suggestion entries behind `suggestions` (for plans and reports), not in JSON. */
  suggestionEntries: CatalogueEntry[];
}

export interface TargetDeviation extends Measured {
  kind: 'target';
}

export interface TrendDeviation extends Measured {
  kind: 'trend';
  rules: string[];
  /** The values of the XmR chart, oldest first. */
  series: number[];
}

export interface ComplianceDeviation extends Base {
  kind: 'compliance';
  records: { id: string; problems: ComplianceProblem[] }[];
}

export interface TrainingDeviation extends Base {
  kind: 'training';
  people: { id: string; course: string; problem: 'missing' | 'expired' }[];
}

export interface ActionDeviation extends Base {
  kind: 'action';
}

export interface CapacityDeviation extends Base {
  kind: 'capacity';
  /** Utilisation (opened / capacity). */
  value: number;
  capacity: number;
}

export type Deviation = TargetDeviation | TrendDeviation | ComplianceDeviation | TrainingDeviation | ActionDeviation | CapacityDeviation;

/** For the `default` of a switch over every kind: a new kind without its case does not compile. */
export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
