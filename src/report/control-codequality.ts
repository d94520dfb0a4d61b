// control --format codequality: GitLab's Code Quality report (a JSON array of issues), one per
// deviation, at its requirement's line (compliance: the first record file), with the
// deviation's key as a stable fingerprint. Acknowledged deviations are `info`.
import type { Translate } from '../i18n/index.js';
import type { ControlReport } from './control-formats.js';
import { fingerprintOf, locationsOf, messageOf } from './code-review.js';

export function formatControlCodequality(report: ControlReport, t: Translate): string {
  const issues = report.result.deviations.map((d) => {
    const at = locationsOf(d, report)[0];
    return {
      description: messageOf(d, t),
      check_name: `aftersales/${d.kind}`,
      fingerprint: fingerprintOf(d),
      severity: d.acknowledged ? 'info' : d.severity === 'critical' ? 'critical' : 'minor',
      location: { path: at.file, lines: { begin: at.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
