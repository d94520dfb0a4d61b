// The control engine against values computed by hand from the records below (the arithmetic is
// in the comments). Ledger time zone Europe/Madrid; controlled period 2026-10 =
// [2026-10-01T00:00+02:00, 2026-11-01T00:00+01:00) — DST ends on 2026-10-25 inside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLedger, type Ledger } from '../../../src/ledger/load.js';
import { allProblems } from '../../../src/ledger/checks.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import { runControlEngine, failing, type ControlResult } from '../../../src/quality/control.js';
import { mergeCatalogues } from '../../../src/ledger/catalogue.js';
import { parseTimestamp } from '../../../src/time/index.js';
import { controlJson } from '../../../src/report/control-json.js';
import { cleanup } from '../../helpers/run.js';
import { writeLedger, type LedgerSpec } from '../../helpers/build-ledger.js';

const TZ = 'Europe/Madrid';
const AS_OF = parseTimestamp('2026-11-26T12:00:00+01:00', TZ);

const STEPS_DONE = { diagnose: 'done', repair: 'done' };
const full = { cause: { category: 'material' }, parts: [{ ref: 'P1', qty: 1 }] };

function rec(id: string, fields: Record<string, unknown>) {
  return { id, service: 'repair', procedure: 'repair@2', product: 'wm', ...fields };
}

/** Volume per month of service `calls`: 10, 9, 8, 7, 6, 5 from 2026-05 to 2026-10 (a falling run). */
function callRecords() {
  const out: Record<string, unknown>[] = [];
  const months = ['05', '06', '07', '08', '09', '10'];
  months.forEach((m, i) => {
    for (let k = 0; k < 10 - i; k++) {
      out.push({
        id: `2026${m}1${k}-c${m}${k}cccc`.slice(0, 17),
        service: 'calls', procedure: 'calls@1', opened: `2026-${m}-1${k}T10:00:00+02:00`,
      });
    }
  });
  return out;
}

export const SPEC: LedgerSpec = {
  settings: {
    version: 1, organisation: 'Hand Computed S.L.', locale: 'en', timezone: TZ, period: 'month', history: 12,
    objectives: [{ id: 'csat-all', indicator: 'csat', target: { min: '60%' } }],
  },
  team: {
    roles: [{ id: 'manager', name: 'Manager' }, { id: 'technician', name: 'Technician', reports_to: 'manager' }],
    people: [
      { id: 'marta', name: 'Marta', roles: ['manager'] },
      { id: 'ana', name: 'Ana', roles: ['technician'], training: [{ course: 'diag', completed: '2026-01-01' }] },
      // luis's course expires on 2026-10-08: trained for r3 (opened 10-05), not for r4 (10-10)
      { id: 'luis', name: 'Luis', roles: ['technician'], training: [{ course: 'diag', completed: '2026-01-01', expires: '2026-10-08' }] },
    ],
  },
  services: [
    {
      id: 'repair', name: 'Repair', owner: 'manager', procedure: 'repair', warranty: true,
      requirements: [
        { id: 'volume', kind: 'quantitative', indicator: 'volume', target: { min: 1 } },
        { id: 'backlog', kind: 'quantitative', indicator: 'backlog', target: { max: 5 } },
        { id: 'res-median', kind: 'quantitative', indicator: 'resolution_time', target: { max: '2d' } },
        { id: 'res-p90', kind: 'quantitative', indicator: 'resolution_time', stat: 'p90', target: { max: '48h', critical: '72h' } },
        { id: 'res-mean', kind: 'quantitative', indicator: 'resolution_time', stat: 'mean', target: { max: '48h' } },
        { id: 'response', kind: 'quantitative', indicator: 'first_response_time', target: { max: '1h' } },
        { id: 'sla', kind: 'process', indicator: 'sla_compliance', within: '24h', target: { min: '40%' } },
        { id: 'ftf', kind: 'qualitative', indicator: 'first_time_fix', target: { min: '70%', critical: '50%' } },
        { id: 'repeat', kind: 'qualitative', indicator: 'repeat_rate', target: { max: '10%' } },
        { id: 'csat', kind: 'interpersonal', indicator: 'csat', target: { min: '50%' } },
        { id: 'nps', kind: 'interpersonal', indicator: 'nps', target: { min: 30, critical: 0 } },
        { id: 'ces', kind: 'interpersonal', indicator: 'ces', target: { min: 5 } },
        { id: 'complaints', kind: 'qualitative', indicator: 'complaint_resolution', target: { min: '90%' } },
        { id: 'adherence', kind: 'process', indicator: 'procedure_adherence', target: { min: '80%' } },
        { id: 'completeness', kind: 'process', indicator: 'record_completeness', target: { min: '90%', critical: '70%' } },
        { id: 'trained', kind: 'process', indicator: 'trained_staff', target: { min: '100%' } },
        { id: 'cost', kind: 'quantitative', indicator: 'cost', target: { max: 100 } },
        { id: 'claims', kind: 'quantitative', indicator: 'warranty_claim_rate', target: { max: 25 } },
        { id: 'utilisation', kind: 'quantitative', indicator: 'utilisation', target: { max: '90%' } },
        { id: 'urgent-sla', kind: 'process', indicator: 'sla_compliance', within: '24h', where: { priority: 'urgent' }, target: { min: '90%' } },
        { id: 'email-share', kind: 'qualitative', indicator: { type: 'share', population: 'opened', match: { channel: 'email' } }, target: { min: '10%' } },
        { id: 'quick-share', kind: 'qualitative', indicator: { type: 'share', match: { resolution_time: { lte: '24h' } } }, target: { min: '10%' } },
        { id: 'p50-inline', kind: 'quantitative', indicator: { type: 'percentile', field: 'resolution_time', p: 50 }, target: { max: '2d' } },
      ],
      resources: [{ name: 'Technicians', kind: 'people', role: 'technician', quantity: 2, capacity: 10 }],
      training: [{ role: 'technician', courses: ['diag'] }],
    },
    {
      id: 'calls', name: 'Calls', owner: 'manager', procedure: 'calls',
      requirements: [{ id: 'volume', kind: 'quantitative', indicator: 'volume', target: { min: 3 } }],
    },
  ],
  procedures: [
    {
      id: 'repair', name: 'Repair', version: 2, effective: '2026-09-01',
      steps: [
        { id: 'diagnose', name: 'Diagnose', role: 'technician', mandatory: true, captures: ['cause'] },
        { id: 'repair', name: 'Repair', role: 'technician', mandatory: true, captures: ['parts'] },
        { id: 'handover', name: 'Handover', role: 'technician', mandatory: false },
      ],
    },
    { id: 'calls', name: 'Calls', version: 1, effective: '2026-01-01', steps: [{ id: 'answer', name: 'Answer' }] },
  ],
  products: [{ id: 'wm', name: 'Washer', warranty: 24 }],
  sales: [
    // under warranty at 2026-11-01T00:00 (period end): start(M) < end < start(M + 24 months)
    { month: '2024-10', product: 'wm', units: 500 }, // until 2026-10-01: expired
    { month: '2024-11', product: 'wm', units: 300 }, // until 2026-11-01 = end: not > end, expired
    { month: '2024-12', product: 'wm', units: 200 }, // until 2026-12-01: counts
    { month: '2026-10', product: 'wm', units: 100 }, // counts
    { month: '2026-11', product: 'wm', units: 999 }, // starts at end: not < end
  ],
  records: [
    // r7: opened in September, closed on 2026-10-01: in October's closed population. 72 h. Cites @1
    // while opened after v2 took effect (2026-09-01): procedure-outdated.
    rec('20260928-aaaaaaa7', { procedure: 'repair@1', opened: '2026-09-28T10:00:00+02:00', closed: '2026-10-01T10:00:00+02:00', assignee: 'ana', visits: 1, outcome: 'resolved', cost: 80, channel: 'email', steps: STEPS_DONE, ...full, cause: { category: 'people' } }),
    // r1: 10 h; serial A repeats (r4 opened 9 days later); sold 2024-01-15 + 24 months < opened: out of warranty
    rec('20261001-aaaaaaa1', { opened: '2026-10-01T09:00:00+02:00', responded: '2026-10-01T09:30:00+02:00', closed: '2026-10-01T19:00:00+02:00', assignee: 'ana', visits: 1, outcome: 'resolved', serial: 'A', sold: '2024-01-15', channel: 'phone', survey: { csat: 5, nps: 10, effort: 7 }, cost: 100, steps: STEPS_DONE, ...full }),
    // r2: 24 h elapsed − 2 h paused = 22 h; two visits; done step `repair` without parts: field-missing
    rec('20261002-aaaaaaa2', { opened: '2026-10-02T09:00:00+02:00', responded: '2026-10-02T10:00:00+02:00', closed: '2026-10-03T09:00:00+02:00', paused: [{ from: '2026-10-02T12:00:00+02:00', to: '2026-10-02T14:00:00+02:00' }], assignee: 'ana', visits: 2, outcome: 'resolved', serial: 'B', channel: 'phone', priority: 'urgent', survey: { csat: 3, nps: 7 }, cost: 50, steps: STEPS_DONE, cause: { category: 'material' } }),
    // r3: 48 h; unresolved; mandatory `repair` skipped: step-not-done
    rec('20261005-aaaaaaa3', { opened: '2026-10-05T08:00:00+02:00', closed: '2026-10-07T08:00:00+02:00', assignee: 'luis', visits: 1, outcome: 'unresolved', serial: 'C', channel: 'phone', survey: { csat: 4, nps: 6 }, cost: 150, steps: { diagnose: 'done', repair: 'skipped' }, cause: { category: 'method' } }),
    // r4: 34 h; a complaint, resolved; luis's course expired on 10-08: assignee-untrained
    rec('20261010-aaaaaaa4', { opened: '2026-10-10T10:00:00+02:00', closed: '2026-10-11T20:00:00+02:00', assignee: 'luis', visits: 1, outcome: 'resolved', serial: 'A', channel: 'email', complaint: true, survey: { csat: 2, nps: 9 }, steps: STEPS_DONE, ...full }),
    // r5: cancelled: counts in volume only
    rec('20261012-aaaaaaa5', { opened: '2026-10-12T10:00:00+02:00', closed: '2026-10-12T11:00:00+02:00', outcome: 'cancelled', assignee: 'ana', serial: 'A' }),
    // r6: still open: backlog
    rec('20261020-aaaaaaa6', { opened: '2026-10-20T10:00:00+02:00', assignee: 'ana' }),
    // r8: opened after the DST change, closed exactly at the period end: backlog of October,
    // closed population of November
    rec('20261031-aaaaaaa8', { opened: '2026-10-31T20:00:00+01:00', closed: '2026-11-01T00:00:00+01:00', assignee: 'ana', visits: 1, outcome: 'resolved', steps: STEPS_DONE, ...full }),
    ...callRecords(),
  ],
  actions: [
    // overdue (due before the as-of date): an `action` deviation, warning
    { id: '20261015-bbbbbbb1', type: 'corrective', title: 'Old fix', service: 'repair', requirement: 'cost', opened: '2026-10-15', owner: 'marta', due: '2026-11-01', status: 'open' },
    // verified ineffective and nothing newer on `ftf`: critical
    { id: '20261001-bbbbbbb2', type: 'corrective', title: 'Did not work', service: 'repair', requirement: 'ftf', opened: '2026-10-01', owner: 'marta', status: 'ineffective', verification: { after: '2026-10-01', result: 'ineffective' } },
    // ineffective, but a newer action on `res-p90` exists (and acknowledges its deviation)
    { id: '20260901-bbbbbbb3', type: 'corrective', title: 'First try', service: 'repair', requirement: 'res-p90', opened: '2026-09-01', owner: 'marta', status: 'ineffective' },
    { id: '20261110-bbbbbbb4', type: 'corrective', title: 'Second try', service: 'repair', requirement: 'res-p90', deviation: 'repair/res-p90/2026-10', opened: '2026-11-10', owner: 'ana', due: '2026-12-15', status: 'open' },
  ],
  suggestions: [
    { id: 'coach', indicators: ['resolution_time'], dimension: 'assignee', type: 'corrective', title: 'Coach the person', plan: 'Pair them.' },
    { id: 'generic-time', indicators: ['resolution_time'], type: 'corrective', title: 'Find where time goes', plan: 'Time each step.' },
    { id: 'anything', type: 'preventive', title: 'Review in the next meeting', plan: 'Add it to the agenda.' },
  ],
};

let dir: string;
let ledger: Ledger;
let result: ControlResult;

function run(overrides: Partial<Parameters<typeof runControlEngine>[2]> = {}): ControlResult {
  const catalogue = mergeCatalogues([], ledger.suggestions?.suggestions ?? []);
  return runControlEngine(ledger, buildLookup(ledger), { period: '2026-10', asOf: AS_OF, catalogue, ...overrides });
}

function req(id: string, service = 'repair') {
  return result.services.find((s) => s.id === service)!.requirements.find((r) => r.id === id)!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read each kind's own fields
function dev(key: string): any {
  return result.deviations.find((d) => d.key === key);
}

beforeAll(() => {
  dir = writeLedger(SPEC);
  ledger = loadLedger(dir, { cache: false });
  expect(allProblems(ledger).filter((p) => p.severity === 'error')).toEqual([]);
  result = run();
});
afterAll(cleanup);

describe('period and populations', () => {
  it('reports the period in the ledger time zone, DST-correct', () => {
    expect(result.period).toEqual({ label: '2026-10', start: '2026-10-01T00:00:00+02:00', end: '2026-11-01T00:00:00+01:00' });
    expect(result.asOf).toBe('2026-11-26T12:00:00+01:00');
  });

  it('volume counts opened records, cancelled included: r1 r2 r3 r4 r5 r6 r8 = 7', () => {
    expect(req('volume')).toMatchObject({ value: 7, n: 7, unit: 'count', status: 'ok' });
  });

  it('backlog: opened before the end and not closed before it: r6 (open) + r8 (closed at the end) = 2', () => {
    expect(req('backlog')).toMatchObject({ value: 2, n: 2 });
  });
});

describe('durations and statistics', () => {
  // closed in October, not cancelled: r7 72 h, r1 10 h, r2 22 h (24 − 2 paused), r3 48 h, r4 34 h
  // sorted: 10, 22, 34, 48, 72
  it('resolution_time median = 34 h (middle of five)', () => {
    expect(req('res-median')).toMatchObject({ value: 34, n: 5, unit: 'hours', stat: 'median', target: { max: 48 }, status: 'ok' });
  });

  it('resolution_time p90: h = (5−1)·0.9 = 3.6 → 48 + 0.6·(72 − 48) = 62.4 h: over 48, under 72: warning', () => {
    const r = req('res-p90');
    expect(r.value).toBeCloseTo(62.4, 10);
    expect(r).toMatchObject({ n: 5, stat: 'p90', target: { max: 48, critical: 72 }, status: 'warning' });
  });

  it('resolution_time mean = 186 / 5 = 37.2 h', () => {
    expect(req('res-mean').value).toBeCloseTo(37.2, 10);
  });

  it('first_response_time: opened with responded: r1 0.5 h, r2 1 h → median 0.75 h', () => {
    expect(req('response')).toMatchObject({ value: 0.75, n: 2 });
  });

  it('an inline percentile of the derived resolution_time equals the median', () => {
    expect(req('p50-inline')).toMatchObject({ value: 34, n: 5, unit: 'hours', indicator: { type: 'percentile', field: 'resolution_time', p: 50 } });
  });
});

describe('shares and scores', () => {
  it('sla_compliance within 24 h: r1 (10) and r2 (22) of 5 = 0.4; bound inclusive → ok at min 40%', () => {
    expect(req('sla')).toMatchObject({ value: 0.4, n: 5, unit: 'ratio', target: { min: 0.4 }, status: 'ok' });
  });

  it('first_time_fix: resolved with 1 visit: r7 r1 r4 of 5 = 0.6: under 70%, over 50% → warning', () => {
    expect(req('ftf')).toMatchObject({ value: 0.6, n: 5, status: 'warning' });
  });

  it('repeat_rate (30 d): of r1 r2 r3 r4 (with serial), r1 is followed by r4 (serial A) → 1/4', () => {
    expect(req('repeat')).toMatchObject({ value: 0.25, n: 4, status: 'critical' });
  });

  it('csat: csat ≥ 4 among r1 5, r2 3, r3 4, r4 2 → 2/4 = 0.5', () => {
    expect(req('csat')).toMatchObject({ value: 0.5, n: 4, status: 'ok' });
  });

  it('nps: 10, 7, 6, 9 → promoters 2, detractors 1 → 100·(2−1)/4 = 25: under 30, over 0 → warning', () => {
    expect(req('nps')).toMatchObject({ value: 25, n: 4, unit: 'score', status: 'warning' });
  });

  it('ces: only r1 answered effort 7 → mean 7, n 1', () => {
    expect(req('ces')).toMatchObject({ value: 7, n: 1 });
  });

  it('complaint_resolution: r4 (complaint, resolved) → 1/1', () => {
    expect(req('complaints')).toMatchObject({ value: 1, n: 1 });
  });

  it('procedure_adherence: r3 skipped a mandatory step → 4/5', () => {
    expect(req('adherence')).toMatchObject({ value: 0.8, n: 5, status: 'ok' });
  });

  it('record_completeness: r2 lacks parts (captured by its done step repair) → 4/5: under 90%, over 70% → warning', () => {
    expect(req('completeness')).toMatchObject({ value: 0.8, n: 5, status: 'warning' });
  });

  it('trained_staff: r4 (luis after his course expired) → 4/5', () => {
    expect(req('trained')).toMatchObject({ value: 0.8, n: 5, status: 'critical' });
  });

  it('cost: mean of 80, 100, 50, 150 (r4 has none) = 95', () => {
    expect(req('cost')).toMatchObject({ value: 95, n: 4, unit: 'currency', stat: 'mean' });
  });

  it('warranty_claim_rate: 6 opened non-cancelled / (200 + 100) units under warranty × 1000 = 20', () => {
    expect(req('claims')).toMatchObject({ value: 20, n: 6, unit: 'per 1000 units', status: 'ok' });
  });

  it('utilisation: 6 opened non-cancelled / capacity 10 = 0.6', () => {
    expect(req('utilisation')).toMatchObject({ value: 0.6, n: 6 });
  });

  it('a `where` restricts the population: urgent closed records = r2 only, 22 h ≤ 24 h → 1/1', () => {
    expect(req('urgent-sla')).toMatchObject({ value: 1, n: 1 });
  });

  it('inline share over opened: email among r1 r2 r3 r4 r6 r8 (cancelled out) = r4 → 1/6', () => {
    expect(req('email-share').value).toBeCloseTo(1 / 6, 12);
    expect(req('email-share').n).toBe(6);
  });

  it('inline share with a duration in the match: ≤ 24 h = r1, r2 → 2/5; the definition shows hours', () => {
    expect(req('quick-share')).toMatchObject({ value: 0.4, n: 5, indicator: { type: 'share', match: { resolution_time: { lte: 24 } } } });
  });
});

describe('deviations', () => {
  it('target: a missed requirement with responsible, causes and suggestions', () => {
    const d = dev('repair/res-p90/2026-10')!;
    expect(d).toMatchObject({ kind: 'target', severity: 'warning', service: 'repair', requirement: 'res-p90', target: { max: 48, critical: 72 } });
    expect(d.responsible).toEqual({ role: 'manager', people: ['marta'] });
    // priority normal = r7 r1 r3 r4 (r2 is urgent): in the group 10, 34, 48, 72 → p90: h = 2.7 →
    // 48 + 0.7·24 = 64.8; without it only r2: 22 → improves by 62.4 − 22 = 40.4.
    // assignee ana = r7 r1 r2 (72, 10, 22): without her r3 48, r4 34 → p90 = 34 + 0.9·14 = 46.6
    // (improves by 15.8); in her group p90 of 10, 22, 72 = 22 + 0.8·50 = 62. luis has 2 records
    // (< 3): not a group. channel phone (r1 r2 r3) without → 34, 72 → 68.2 (worse); material
    // (r1 r2 r4) → 48, 72 → 69.6 (worse); product wm holds all records: nothing left without it.
    expect(d.causes).toHaveLength(2);
    expect(d.causes![0]).toMatchObject({ dimension: 'priority', value: 'normal', n: 4, value_without_group: 22 });
    expect(d.causes![0].value_in_group).toBeCloseTo(64.8, 10);
    expect(d.causes![1]).toMatchObject({ dimension: 'assignee', value: 'ana', n: 3 });
    expect(d.causes![1].value_in_group).toBeCloseTo(62, 10);
    expect(d.causes![1].value_without_group).toBeCloseTo(46.6, 10);
    // top cause `priority`: the assignee entry does not match; the resolution_time entry, then any
    expect(d.suggestions).toEqual(['Find where time goes', 'Review in the next meeting']);
  });

  it('acknowledgement: an open, not overdue action naming the key', () => {
    expect(dev('repair/res-p90/2026-10')).toMatchObject({ acknowledged: true, actions: ['20261110-bbbbbbb4'] });
    expect(dev('repair/ftf/2026-10')).toMatchObject({ acknowledged: false, actions: [] });
  });

  it('severity follows the status; requirements met give no deviation', () => {
    expect(dev('repair/repeat/2026-10')!.severity).toBe('critical');
    expect(dev('repair/ftf/2026-10')!.severity).toBe('warning');
    expect(dev('repair/sla/2026-10')).toBeUndefined();
    expect(dev('repair/volume/2026-10')).toBeUndefined();
  });

  it('compliance lists each record closed in the period with its problems', () => {
    expect(dev('repair/compliance/2026-10')).toMatchObject({
      kind: 'compliance', severity: 'warning',
      records: [
        { id: '20260928-aaaaaaa7', problems: ['procedure-outdated'] },
        { id: '20261001-aaaaaaa1', problems: ['out-of-warranty'] },
        { id: '20261002-aaaaaaa2', problems: ['field-missing'] },
        { id: '20261005-aaaaaaa3', problems: ['step-not-done'] },
        { id: '20261010-aaaaaaa4', problems: ['assignee-untrained'] },
      ],
    });
  });

  it('training: a course expired at the as-of date', () => {
    expect(dev('repair/training/2026-10')).toMatchObject({ kind: 'training', severity: 'warning', people: [{ id: 'luis', course: 'diag', problem: 'expired' }] });
  });

  it('action: overdue (warning) and verified ineffective with no newer action (critical)', () => {
    // bbbbbbb3 is ineffective but bbbbbbb4 is newer on the same requirement: not listed
    expect(dev('repair/action/2026-10')).toMatchObject({ kind: 'action', severity: 'critical', actions: ['20261001-bbbbbbb2', '20261015-bbbbbbb1'] });
  });

  it('capacity: utilisation above 1', () => {
    expect(dev('repair/capacity/2026-10')).toBeUndefined();
    const small = structuredClone(SPEC);
    (small.services[0].resources as { capacity: number }[])[0].capacity = 5;
    const l = loadLedger(writeLedger(small), { cache: false });
    const r = runControlEngine(l, buildLookup(l), { period: '2026-10', asOf: AS_OF, catalogue: [] });
    // 6 / 5 = 1.2
    expect(r.deviations.find((d) => d.kind === 'capacity')).toMatchObject({ key: 'repair/capacity/2026-10', value: 1.2, capacity: 5, severity: 'warning' });
  });

  it('trend: a falling run of 6 volumes (10, 9, 8, 7, 6, 5) fires nelson-3 though the target (≥ 3) is met', () => {
    // The history starts with the first calls record (2026-05-10, SPEC §3.1): the six periods
    // before it are no-data and left out, so the series is the six volumes themselves.
    // centre = 45/6 = 7.5; moving ranges 1,1,1,1,1 → mean 1, σ̂ = 1/1.128 = 0.887,
    // LCL = 7.5 − 2.66 = 4.84 < 5: no nelson-1; fewer than 9 values: no nelson-2; the latest 6
    // fall strictly: nelson-3.
    expect(req('volume', 'calls')).toMatchObject({ value: 5, status: 'ok' });
    expect(req('volume', 'calls').series.slice(0, 6).map((p) => p.value)).toEqual([null, null, null, null, null, null]);
    expect(dev('calls/volume/2026-10/trend')).toMatchObject({ kind: 'trend', severity: 'warning', rules: ['nelson-3'], series: [10, 9, 8, 7, 6, 5] });
    expect(dev('calls/volume/2026-10')).toBeUndefined();
    // preventive suggestions first for a trend
    expect(dev('calls/volume/2026-10/trend')!.suggestions).toEqual(['Review in the next meeting']);
  });

  it('strategic objective over all services: csat 0.5 < 60%, no critical → critical, no responsible', () => {
    expect(result.objectives).toEqual([{ id: 'csat-all', indicator: 'csat', value: 0.5, n: 4, unit: 'ratio', target: { min: 0.6 }, status: 'critical' }]);
    expect(dev('*/csat-all/2026-10')).toMatchObject({ kind: 'target', severity: 'critical', service: '*', responsible: null });
  });

  it('deviations are sorted by key', () => {
    const keys = result.deviations.map((d) => d.key);
    expect(keys).toEqual([...keys].sort());
  });

  it('fail-on: critical counts unacknowledged critical deviations; --strict counts acknowledged too', () => {
    const crit = failing(result, 'critical', false).map((d) => d.key);
    expect(crit).toContain('repair/repeat/2026-10');
    expect(failing(result, 'never', true)).toEqual([]);
    expect(failing(result, 'warning', false).map((d) => d.key)).not.toContain('repair/res-p90/2026-10');
    expect(failing(result, 'warning', true).map((d) => d.key)).toContain('repair/res-p90/2026-10');
  });
});

describe('edge cases', () => {
  it('a period before the first record: every indicator is no-data, counts included (SPEC §3.1)', () => {
    const r = run({ period: '2025-01' });
    expect(r.services.map((s) => `${s.id}:${s.requirements.length}`)).toEqual(['calls:1', 'repair:23']);
    for (const svc of r.services) {
      for (const x of svc.requirements) expect(x, `${svc.id}/${x.id}`).toMatchObject({ value: null, n: 0, status: 'no-data' });
    }
    expect(r.deviations.filter((d) => d.kind === 'target' || d.kind === 'trend')).toEqual([]);
  });

  it('an empty period after the first record: statistics and shares are no-data, counts are 0', () => {
    // calls has records from 2026-05 to 2026-10; none in 2026-12
    const calls = run({ period: '2026-12' }).services.find((s) => s.id === 'calls')!;
    expect(calls.requirements.find((x) => x.id === 'volume')).toMatchObject({ value: 0, n: 0, status: 'critical' });
    const r = run({ period: '2026-12' });
    // the calls volume target (≥ 3) is missed by 0: a count is a real value
    expect(r.deviations.find((d) => d.key === 'calls/volume/2026-12')).toMatchObject({ severity: 'critical', value: 0 });
  });

  it('a record closed exactly at the period end belongs to the next period', () => {
    const r = run({ period: '2026-11' });
    // November closed population: r8 only; r8 was opened 2026-10-31T20:00+01:00 → 4 h
    expect(r.services[1].requirements.find((x) => x.id === 'res-median')).toMatchObject({ value: 4, n: 1 });
  });

  it('ISO weeks: 2026-W40 = [2026-09-28, 2026-10-05): r7, r1 and r2 opened', () => {
    const r = run({ period: '2026-W40' });
    expect(r.period).toEqual({ label: '2026-W40', start: '2026-09-28T00:00:00+02:00', end: '2026-10-05T00:00:00+02:00' });
    expect(r.services.find((s) => s.id === 'repair')!.requirements.find((x) => x.id === 'volume')).toMatchObject({ value: 3 }); // r7, r1, r2
  });

  it('--service restricts the services and leaves the objectives out', () => {
    const r = run({ service: 'calls' });
    expect(r.services.map((s) => s.id)).toEqual(['calls']);
    expect(r.objectives).toEqual([]);
    expect(r.deviations.every((d) => d.service === 'calls')).toBe(true);
  });

  it('JSON output is deterministic and follows SPEC §5.1', () => {
    const a = JSON.stringify(controlJson(run()));
    const b = JSON.stringify(controlJson(run()));
    expect(a).toBe(b);
    const json = controlJson(result) as { services: { requirements: Record<string, unknown>[] }[]; summary: Record<string, number> };
    expect(Object.keys(json)).toEqual(['schemaVersion', 'ledger', 'period', 'asOf', 'services', 'objectives', 'deviations', 'summary']);
    expect(Object.keys(json.services[1].requirements[3])).toEqual(['id', 'kind', 'indicator', 'stat', 'unit', 'value', 'n', 'target', 'status']);
    expect(json.summary.requirements).toBe(24);
    expect(json.summary.deviations).toBe(result.deviations.length);
  });
});

describe('business calendars, DST and cancelled-only periods', () => {
  // calendar office: Mon–Fri 09:00–14:00 and 15:00–18:00; 2026-10-12 (Monday) is a holiday
  const spec: LedgerSpec = {
    settings: {
      version: 1, organisation: 'Desk', timezone: TZ, history: 6,
      calendars: { office: { hours: { 'mon-fri': '09:00-14:00,15:00-18:00' }, holidays: ['2026-10-12'] } },
    },
    team: { roles: [{ id: 'lead', name: 'Lead' }], people: [{ id: 'eva', name: 'Eva', roles: ['lead'] }] },
    services: [{
      id: 'desk', name: 'Desk', owner: 'lead', procedure: 'desk', calendar: 'office',
      requirements: [
        { id: 'mean', kind: 'quantitative', indicator: 'resolution_time', stat: 'mean', target: { max: '8h' } },
        { id: 'median', kind: 'quantitative', indicator: 'resolution_time', target: { max: '8h' } },
        { id: 'volume', kind: 'quantitative', indicator: 'volume', target: { min: 0 } },
        { id: 'csat', kind: 'qualitative', indicator: 'csat', target: { min: '80%' } },
      ],
    }],
    procedures: [{ id: 'desk', name: 'Desk', version: 1, effective: '2026-01-01', steps: [{ id: 'solve', name: 'Solve' }] }],
    records: [
      // Fri 17:00 → Tue 10:00 across a weekend and a Monday holiday: Fri 17–18 (1 h) + Tue 09–10 (1 h) = 2 h
      { id: '20261009-ddddddd1', service: 'desk', procedure: 'desk@1', opened: '2026-10-09T17:00:00+02:00', closed: '2026-10-13T10:00:00+02:00', outcome: 'resolved', assignee: 'eva' },
      // Fri 17:00 (+02:00) → Mon 10:00 (+01:00), DST ends on Sunday: 1 h + 1 h = 2 h (66 h elapsed)
      { id: '20261023-ddddddd2', service: 'desk', procedure: 'desk@1', opened: '2026-10-23T17:00:00+02:00', closed: '2026-10-26T10:00:00+01:00', outcome: 'resolved', assignee: 'eva' },
      // Mon 08:00 → 16:30 with a pause 13:00–15:30 over the lunch break: working 09–14 + 15–16:30 = 6.5 h,
      // the pause covers working 13–14 and 15–15:30 = 1.5 h → 5 h
      { id: '20261026-ddddddd3', service: 'desk', procedure: 'desk@1', opened: '2026-10-26T08:00:00+01:00', closed: '2026-10-26T16:30:00+01:00', paused: [{ from: '2026-10-26T13:00:00+01:00', to: '2026-10-26T15:30:00+01:00' }], outcome: 'resolved', assignee: 'eva' },
      // September: a single cancelled record
      { id: '20260915-ddddddd4', service: 'desk', procedure: 'desk@1', opened: '2026-09-15T10:00:00+02:00', closed: '2026-09-15T11:00:00+02:00', outcome: 'cancelled', assignee: 'eva' },
    ],
  };

  it('measures business hours: holidays, weekends, lunch breaks, pauses, the DST change', () => {
    const l = loadLedger(writeLedger(spec), { cache: false });
    const r = runControlEngine(l, buildLookup(l), { period: '2026-10', asOf: AS_OF, catalogue: [] });
    const reqs = r.services[0].requirements;
    // 2, 2, 5 → mean 3, median 2
    expect(reqs.find((x) => x.id === 'mean')).toMatchObject({ value: 3, n: 3 });
    expect(reqs.find((x) => x.id === 'median')).toMatchObject({ value: 2, n: 3 });
  });

  it('a period with only a cancelled record: volume 1, everything else empty', () => {
    const l = loadLedger(writeLedger(spec), { cache: false });
    const r = runControlEngine(l, buildLookup(l), { period: '2026-09', asOf: AS_OF, catalogue: [] });
    const reqs = r.services[0].requirements;
    expect(reqs.find((x) => x.id === 'volume')).toMatchObject({ value: 1, n: 1 });
    expect(reqs.find((x) => x.id === 'mean')).toMatchObject({ value: null, n: 0, status: 'no-data' });
    expect(reqs.find((x) => x.id === 'csat')).toMatchObject({ value: null, n: 0, status: 'no-data' });
    expect(r.deviations).toEqual([]);
  });
});
