// control --format github: workflow-command annotations on the service file's line of each
// deviation (the positions are read before reporting); never coloured.
import type { Translate } from '../i18n/index.js';
import type { Deviation } from '../quality/control.js';
import type { ControlReport } from './control-formats.js';
import { causeLine, deviationHeadline, rulesLine } from './deviation-text.js';
import { annotation } from './github.js';

export function formatControlGithub(report: ControlReport, t: Translate): string {
  return report.result.deviations
    .map((d) => {
      const at = report.positions.get(d.key) ?? { file: 'aftersales.yaml', line: 1 };
      return `${annotation({ level: d.severity === 'critical' ? 'error' : 'warning', file: at.file, line: at.line, title: `${d.kind}: ${d.key}`, message: describe(d, t) })}\n`;
    })
    .join('');
}

function describe(d: Deviation, t: Translate): string {
  const parts = [deviationHeadline(d, t)];
  if (d.kind === 'trend') parts.push(rulesLine(d, t));
  if (d.kind === 'target' || d.kind === 'trend') {
    if (d.causes[0]) parts.push(causeLine(d.causes[0], d.unit, t, true));
    for (const s of d.suggestions) parts.push(t('control.suggestion', { title: s }));
  }
  if (d.acknowledged) parts.push(t('control.acknowledged', { actions: d.actions.join(', ') }));
  return parts.join('\n');
}
