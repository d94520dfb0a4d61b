// control --format github: workflow-command annotations on the service file's line of each
// requirement that deviates (others on the service file's first line); never coloured.
import { readFileSync } from 'node:fs';
import type { Translate } from '../i18n/index.js';
import type { ControlResult, Deviation } from '../quality/control.js';
import { parseForPositions, rangeAt, positionOf } from '../ledger/positions.js';
import { annotation } from './github.js';
import { formatTarget, formatValue } from './format.js';

export function formatControlGithub(result: ControlResult, t: Translate, root?: string): string {
  const lines: string[] = [];
  for (const d of result.deviations) {
    const svc = result.services.find((s) => s.id === d.service);
    const req = svc?.requirements.find((r) => r.id === d.requirement);
    let line: number | undefined;
    if (svc && root) {
      try {
        const src = parseForPositions(readFileSync(`${root}/${svc.file}`, 'utf8'));
        const path = req ? ['requirements', req.index] : d.kind === 'training' ? ['training'] : d.kind === 'capacity' ? ['resources'] : ['id'];
        line = positionOf(src, rangeAt(src, path)[0]).line;
      } catch {
        line = undefined;
      }
    }
    lines.push(annotation({
      level: d.severity === 'critical' ? 'error' : 'warning',
      file: svc?.file ?? 'aftersales.yaml',
      line: line ?? 1,
      title: `${d.kind}: ${d.key}`,
      message: describe(d, result, t),
    }));
  }
  return lines.map((l) => `${l}\n`).join('');
}

function describe(d: Deviation, result: ControlResult, t: Translate): string {
  const unit = d.service === '*' ? result.objectives.find((o) => o.id === d.requirement)?.unit ?? 'number'
    : result.services.find((s) => s.id === d.service)?.requirements.find((r) => r.id === d.requirement)?.unit ?? 'number';
  const parts: string[] = [];
  if (d.kind === 'target') parts.push(t('control.kind.target', { value: formatValue(d.value, unit), target: formatTarget(d.target!, unit, t('status.critical')) }));
  if (d.kind === 'trend') parts.push(t('control.kind.trend', { value: formatValue(d.value, unit) }), t('control.rules', { rules: (d.rules ?? []).join(', '), count: d.series?.length ?? 0 }));
  if (d.kind === 'compliance') parts.push(t('control.kind.compliance', { count: d.records!.length }));
  if (d.kind === 'training') parts.push(t('control.kind.training', { count: d.people!.length }));
  if (d.kind === 'action') parts.push(t('control.kind.action', { actions: d.actions.join(', ') }));
  if (d.kind === 'capacity') parts.push(t('control.kind.capacity', { value: formatValue(d.value, 'ratio'), capacity: d.capacity ?? '' }));
  const top = d.causes?.[0];
  if (top) parts.push(t('control.cause', { dimension: top.dimension, value: top.value, n: top.n, inGroup: formatValue(top.value_in_group, unit), without: formatValue(top.value_without_group, unit) }));
  for (const s of d.suggestions ?? []) parts.push(t('control.suggestion', { title: s }));
  if (d.acknowledged) parts.push(t('control.acknowledged', { actions: d.actions.join(', ') }));
  return parts.join('\n');
}
