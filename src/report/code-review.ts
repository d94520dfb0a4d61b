// What the code-review formats (sarif, codequality) say about each deviation: where it is (its
// requirement's line in the service file; for compliance, the record files), a stable
// fingerprint (its key, which platforms track across runs) and its message.
import { createHash } from 'node:crypto';
import type { Translate } from '../i18n/index.js';
import type { Deviation } from '../quality/control.js';
import type { ControlReport } from './control-formats.js';
import { deviationHeadline, rulesLine } from './deviation-text.js';

export interface Located {
  file: string;
  line: number;
}

/** A compliance deviation lists at most this many record files (the rest are in the message). */
const MAX_RECORDS = 50;

/** The file of a record, from its id (records/<YYYY>/<MM>/<id>.yaml: `check` keeps id and folder in step). */
export function recordFile(id: string): string {
  return `records/${id.slice(0, 4)}/${id.slice(4, 6)}/${id}.yaml`;
}

export function locationsOf(d: Deviation, report: ControlReport): Located[] {
  if (d.kind === 'compliance' && d.records.length > 0) return d.records.slice(0, MAX_RECORDS).map((r) => ({ file: recordFile(r.id), line: 1 }));
  return [report.positions.get(d.key) ?? { file: 'aftersales.yaml', line: 1 }];
}

export function messageOf(d: Deviation, t: Translate): string {
  const parts = [`${d.key}: ${deviationHeadline(d, t)}`];
  if (d.kind === 'trend') parts.push(rulesLine(d, t));
  if (d.acknowledged) parts.push(t('control.acknowledged', { actions: d.actions.join(', ') }));
  return parts.join('; ');
}

/** A fingerprint of the deviation's key: the same deviation, the same fingerprint, run after run. */
export function fingerprintOf(d: Deviation): string {
  return createHash('sha256').update(d.key).digest('hex');
}
