// Deviation keys (SPEC §4): `<service>/<requirement>/<period>` (target),
// `<service>/<requirement>/<period>/trend`, `<service>/<kind>/<period>` (compliance, training,
// action, capacity) and `*/<objective>/<period>`. Parsing only finds the period to recompute
// and the service; the deviation itself is found by running the control engine for that period
// and matching the key exactly.
import { SLUG_RE } from '../ledger/values.js';
import { parsePeriodLabel } from '../time/index.js';

export interface DeviationKey {
  key: string;
  /** A service id, or '*' for a strategic objective. */
  service: string;
  /** Requirement, objective or deviation kind. */
  name: string;
  period: string;
  trend: boolean;
}

/** The parts of a deviation key, or undefined when the text cannot be one. */
export function parseDeviationKey(text: string): DeviationKey | undefined {
  const parts = text.trim().split('/');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  if (parts.length === 4 && parts[3] !== 'trend') return undefined;
  const [service, name, periodText] = parts;
  if (service !== '*' && !SLUG_RE.test(service)) return undefined;
  if (!SLUG_RE.test(name)) return undefined;
  const period = parsePeriodLabel(periodText);
  if (!period) return undefined;
  if (parts.length === 4 && service === '*') return undefined; // objectives get no trend analysis
  const canonical = [service, name, period.label, ...(parts.length === 4 ? ['trend'] : [])].join('/');
  return { key: canonical, service, name, period: period.label, trend: parts.length === 4 };
}
