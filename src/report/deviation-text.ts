// The words of a deviation, written once for every reporter (table, github, markdown, HTML):
// what happened (the headline of its kind), the trend's signals, the responsible, a cause.
import type { Translate } from '../i18n/index.js';
import type { Cause } from '../quality/causes.js';
import { assertNever, type Deviation, type TrendDeviation } from '../quality/deviations/types.js';
import type { Unit } from '../ledger/indicator-catalogue.js';
import { formatTarget, formatValue } from './format.js';
import { causeValueLabel, labelOf, labelsOf } from '../i18n/labels.js';

/** What went wrong, in one sentence of the deviation's kind. */
export function deviationHeadline(d: Deviation, t: Translate): string {
  switch (d.kind) {
    case 'target':
      return t('control.kind.target', { value: formatValue(d.value, d.unit), target: formatTarget(d.target, d.unit, t('status.critical')) });
    case 'trend':
      return t('control.kind.trend', { value: formatValue(d.value, d.unit) });
    case 'compliance':
      return t('control.kind.compliance', { count: d.records.length });
    case 'training':
      return t('control.kind.training', { count: d.people.length });
    case 'action':
      return t('control.kind.action', { actions: d.actions.join(', ') });
    case 'capacity':
      return t('control.kind.capacity', { value: formatValue(d.value, 'ratio'), capacity: d.capacity });
    default:
      return assertNever(d);
  }
}

/** The Nelson rules a trend fired, over how many periods. */
export function rulesLine(d: TrendDeviation, t: Translate): string {
  return t('control.rules', { rules: d.rules.join(', '), count: d.series.length });
}

/** The responsible of a target or trend deviation (the organisation for an objective). */
export function responsibleLine(d: Deviation, t: Translate): string | undefined {
  if (d.kind !== 'target' && d.kind !== 'trend') return undefined;
  if (d.responsible === null) return t('control.responsible.none');
  return t('control.responsible', { role: d.responsible.role, people: d.responsible.people.join(', ') || '—' });
}

function causeParams(cause: Cause, unit: Unit, t: Translate, codes = false): Record<string, string | number> {
  return {
    dimension: codes ? cause.dimension : labelOf(t, 'dimension', cause.dimension),
    value: codes ? cause.value : causeValueLabel(t, cause.dimension, String(cause.value)),
    n: cause.n,
    inGroup: formatValue(cause.value_in_group, unit),
    without: formatValue(cause.value_without_group, unit),
  };
}

/** A cause in a sentence; `codes`: the dimension and value as the file format spells them (github). */
export function causeLine(cause: Cause, unit: Unit, t: Translate, codes = false): string {
  return t('control.cause', causeParams(cause, unit, t, codes));
}

/** A cause in a few words, for the compact table: "technician = jorge (n=14: 0% vs 100%)". */
export function causeShort(cause: Cause, unit: Unit, t: Translate): string {
  return t('control.cause.short', causeParams(cause, unit, t));
}

/** A record's compliance problems in words. */
export function complianceLine(r: { id: string; problems: readonly string[] }, t: Translate): string {
  return t('control.record', { id: r.id, problems: labelsOf(t, 'compliance', r.problems) });
}

/** A training gap in words. */
export function trainingLine(p: { id: string; course: string; problem: string }, t: Translate): string {
  return t('control.person', { id: p.id, course: p.course, problem: labelOf(t, 'training', p.problem) });
}
