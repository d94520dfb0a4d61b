// control --format sarif: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps…): one result per
// deviation, located at its requirement's line (compliance: the record files), fingerprinted by
// its key; acknowledged deviations carry an external suppression; with --since, the baseline
// state (new / unchanged / absent for fixed ones).
import { createRequire } from 'node:module';
import type { Translate } from '../i18n/index.js';
import type { DeviationKind } from '../quality/deviations/types.js';
import type { ControlReport } from './control-formats.js';
import { fingerprintOf, locationsOf, messageOf } from './code-review.js';

const RULES: Record<DeviationKind, string> = {
  target: 'A requirement missed its target',
  trend: 'An adverse trend on a requirement’s control chart',
  compliance: 'Closed records that break the plan',
  training: 'People lacking a course the plan requires',
  action: 'Corrective or preventive actions overdue or ineffective',
  capacity: 'More interventions than the declared capacity',
};

const BASELINE: Record<string, string> = { new: 'new', unchanged: 'unchanged', fixed: 'absent' };

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export function formatControlSarif(report: ControlReport, t: Translate): string {
  const kinds = Object.keys(RULES) as DeviationKind[];
  const results = [...report.result.deviations, ...(report.since?.fixed ?? [])].map((d) => {
    const state = report.since?.changes.get(d.key);
    return {
      ruleId: `aftersales/${d.kind}`,
      ruleIndex: kinds.indexOf(d.kind),
      level: d.severity === 'critical' ? 'error' : 'warning',
      message: { text: messageOf(d, t) },
      locations: locationsOf(d, report).map((l) => ({ physicalLocation: { artifactLocation: { uri: l.file, uriBaseId: 'LEDGER' }, region: { startLine: l.line } } })),
      partialFingerprints: { 'aftersalesDeviation/v1': fingerprintOf(d) },
      properties: { key: d.key, service: d.service, kind: d.kind },
      ...(state ? { baselineState: BASELINE[state] } : {}),
      ...(d.acknowledged ? { suppressions: [{ kind: 'external', status: 'accepted', justification: d.actions.join(', ') }] } : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'aftersales',
          version: version(),
          rules: kinds.map((k) => ({ id: `aftersales/${k}`, name: k, shortDescription: { text: RULES[k] }, defaultConfiguration: { level: 'warning' } })),
        },
      },
      originalUriBaseIds: { LEDGER: { description: { text: 'the ledger root' } } },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
