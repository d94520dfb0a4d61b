// control --format json: SPEC §5.1, deterministic to the byte (fixed key order, sorted lists,
// unrounded numbers).
import type { ControlResult, Deviation } from '../quality/control.js';
import type { SinceReport } from './control-formats.js';

function deviationOut(d: Deviation, since?: SinceReport): Record<string, unknown> {
  const o: Record<string, unknown> = { key: d.key, kind: d.kind, severity: d.severity, service: d.service };
  const change = since?.changes.get(d.key);
  if (change) o.change = change;
  if (d.kind === 'target' || d.kind === 'trend') {
    o.requirement = d.requirement;
    o.value = d.value;
    o.target = d.target;
    o.responsible = d.responsible;
    o.causes = d.causes;
    o.suggestions = d.suggestions;
    if (d.kind === 'trend') {
      o.rules = d.rules;
      o.series = d.series;
    }
    o.records = [];
  }
  if (d.kind === 'compliance') o.records = d.records;
  if (d.kind === 'training') o.people = d.people;
  if (d.kind === 'capacity') {
    o.value = d.value;
    o.capacity = d.capacity;
  }
  o.acknowledged = d.acknowledged;
  o.actions = d.actions;
  return o;
}

export function controlJson(result: ControlResult, since?: SinceReport): Record<string, unknown> {
  const deviations = since ? [...result.deviations, ...since.fixed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : result.deviations;
  return {
    schemaVersion: 1,
    ledger: result.ledger,
    period: result.period,
    asOf: result.asOf,
    services: result.services.map((s) => ({
      id: s.id,
      owner: s.owner,
      requirements: s.requirements.map((r) => {
        const o: Record<string, unknown> = { id: r.id, kind: r.kind, indicator: r.indicator };
        if (r.stat !== undefined) o.stat = r.stat;
        Object.assign(o, { unit: r.unit, value: r.value, n: r.n, target: r.target, status: r.status });
        return o;
      }),
    })),
    objectives: result.objectives.map((o) => ({
      id: o.id, indicator: o.indicator, value: o.value, n: o.n, unit: o.unit, target: o.target, status: o.status,
    })),
    deviations: deviations.map((d) => deviationOut(d, since)),
    summary: result.summary,
    ...(since ? { since: { ref: since.ref, commit: since.commit, ...since.counts } } : {}),
  };
}

export function formatControlJson(result: ControlResult, since?: SinceReport): string {
  return `${JSON.stringify(controlJson(result, since), null, 2)}\n`;
}
