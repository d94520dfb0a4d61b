// control --format junit: one testcase per requirement (and objective) for CI test reports; a
// missed target is a failure, no data is skipped; other deviations are testcases of their own.
import type { Translate } from '../i18n/index.js';
import type { ControlResult } from '../quality/control.js';
import { formatTarget, formatValue } from './format.js';

export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even escaped
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function formatControlJunit(result: ControlResult, t: Translate): string {
  const suites: string[] = [];
  const suite = (name: string, cases: string[], failures: number, skipped: number) =>
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('')}  </testsuite>\n`;
  let total = 0;
  let totalFailures = 0;
  for (const s of result.services) {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const r of s.requirements) {
      const head = `    <testcase classname="${xml(s.id)}" name="${xml(r.id)}">`;
      const detail = `${formatValue(r.value, r.unit)} / ${formatTarget(r.target, r.unit, t('status.critical'))} (n=${r.n})`;
      if (r.status === 'warning' || r.status === 'critical') {
        failures++;
        cases.push(`${head}<failure type="${r.status}" message="${xml(t('control.kind.target', { value: formatValue(r.value, r.unit), target: formatTarget(r.target, r.unit, t('status.critical')) }))}">${xml(detail)}</failure></testcase>\n`);
      } else if (r.status === 'no-data') {
        skipped++;
        cases.push(`${head}<skipped message="${xml(t('status.no-data'))}"/></testcase>\n`);
      } else {
        cases.push(`${head}<system-out>${xml(detail)}</system-out></testcase>\n`);
      }
    }
    total += cases.length;
    totalFailures += failures;
    suites.push(suite(s.id, cases, failures, skipped));
  }
  const other = result.deviations.filter((d) => d.kind !== 'target' || d.service === '*');
  if (result.objectives.length > 0 || other.length > 0) {
    const cases: string[] = [];
    let failures = 0;
    for (const o of result.objectives) {
      const bad = o.status === 'warning' || o.status === 'critical';
      if (bad) failures++;
      cases.push(`    <testcase classname="objectives" name="${xml(o.id)}">${bad ? `<failure type="${o.status}" message="${xml(t('control.kind.target', { value: formatValue(o.value, o.unit), target: formatTarget(o.target, o.unit, t('status.critical')) }))}"/>` : ''}</testcase>\n`);
    }
    for (const d of other.filter((x) => x.service !== '*')) {
      failures++;
      cases.push(`    <testcase classname="deviations" name="${xml(d.key)}"><failure type="${d.severity}" message="${xml(`${d.kind}: ${d.key}`)}"/></testcase>\n`);
    }
    total += cases.length;
    totalFailures += failures;
    suites.push(suite('deviations', cases, failures, 0));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aftersales control ${xml(result.period.label)}" tests="${total}" failures="${totalFailures}">\n${suites.join('')}</testsuites>\n`;
}
