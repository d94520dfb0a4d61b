// What the report and the review pack compute beyond the control result, against a small ledger
// whose numbers are worked out by hand below (ledger time zone Europe/Madrid, history 3, the
// controlled period 2026-10, as of 2026-11-26).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProblems } from '../../../src/ledger/checks.js';
import { loadLedger, type Ledger } from '../../../src/ledger/load.js';
import { buildLookup, type Lookup } from '../../../src/ledger/lookup.js';
import { runControlEngine, type ControlResult, type Deviation } from '../../../src/quality/control.js';
import { Engine } from '../../../src/quality/engine.js';
import { parseTimestamp } from '../../../src/time/index.js';
import { mergeCatalogues } from '../../../src/ledger/catalogue.js';
import { causeBreakdown, deviationCauses, productDeficiencies } from '../../../src/acting/report-data.js';
import { actionStatuses, opportunities, satisfaction } from '../../../src/acting/review.js';
import { writeLedger, type LedgerSpec } from '../../helpers/build-ledger.js';
import { cleanup } from '../../helpers/run.js';

const TZ = 'Europe/Madrid';
const AS_OF = parseTimestamp('2026-11-26T12:00:00+01:00', TZ);

const base = { service: 'repair', procedure: 'repair@1', steps: { fix: 'done' }, outcome: 'resolved', assignee: 'ana' };
const SPEC: LedgerSpec = {
  settings: { version: 1, organisation: 'T', locale: 'en', timezone: TZ, period: 'month', history: 3 },
  team: {
    roles: [{ id: 'manager', name: 'Manager' }, { id: 'tech', name: 'Technician' }],
    people: [{ id: 'marta', name: 'Marta', roles: ['manager'] }, { id: 'ana', name: 'Ana', roles: ['tech'] }],
  },
  services: [{
    id: 'repair', name: 'Repair', owner: 'manager', procedure: 'repair',
    requirements: [
      { id: 'csat', kind: 'interpersonal', indicator: 'csat', target: { min: '80%' } },
      { id: 'nps', kind: 'qualitative', indicator: 'nps', target: { min: 0 } },
    ],
  }],
  procedures: [{ id: 'repair', name: 'Repair', version: 1, effective: '2025-01-01', steps: [{ id: 'fix', name: 'Fix', mandatory: true }] }],
  products: [{ id: 'wm', name: 'Washer', warranty: 24 }, { id: 'fr', name: 'Fridge', warranty: 24 }],
  records: [
    // S1: closed 08-05; next S1 opened 10-01 (57 days later): not a repeat.
    { ...base, id: '20260805-aaaaaaa1', opened: '2026-08-05T09:00:00+02:00', closed: '2026-08-05T17:00:00+02:00', product: 'wm', serial: 'S1', cause: { category: 'material' }, survey: { csat: 5, nps: 10 } },
    // S1: closed 10-05 12:00; S1 opened again 10-20 (15 days): a repeat visit.
    { ...base, id: '20261001-aaaaaaa2', opened: '2026-10-01T09:00:00+02:00', closed: '2026-10-05T12:00:00+02:00', product: 'wm', serial: 'S1', cause: { category: 'material', detail: 'bearing' }, survey: { csat: 2, nps: 3 } },
    // S1: closed 10-21 12:00; next S1 opened 11-25 (35 days): not a repeat.
    { ...base, id: '20261020-aaaaaaa3', opened: '2026-10-20T09:00:00+02:00', closed: '2026-10-21T12:00:00+02:00', product: 'wm', serial: 'S1', cause: { category: 'material', detail: 'bearing' }, survey: { csat: 4, nps: 8 } },
    { id: '20261125-aaaaaaa4', service: 'repair', procedure: 'repair@1', opened: '2026-11-25T09:00:00+01:00', product: 'wm', serial: 'S1' },
    // S2: the only later record of S2 is cancelled: not a repeat.
    { ...base, id: '20260910-aaaaaaa5', opened: '2026-09-10T09:00:00+02:00', closed: '2026-09-12T09:00:00+02:00', product: 'fr', serial: 'S2', cause: { category: 'people', detail: 'misuse' }, survey: { csat: 5, nps: 9 } },
    { ...base, id: '20260915-aaaaaaa6', opened: '2026-09-15T09:00:00+02:00', closed: '2026-09-15T10:00:00+02:00', product: 'fr', serial: 'S2', outcome: 'cancelled', survey: { csat: 1 } },
    { ...base, id: '20261010-aaaaaaa7', opened: '2026-10-10T09:00:00+02:00', closed: '2026-10-11T09:00:00+02:00', product: 'fr', serial: 'S3', survey: { csat: 5 } },
  ],
  actions: [
    { id: '20260901-bbbbbbb1', type: 'corrective', title: 'Overdue', service: 'repair', requirement: 'csat', opened: '2026-09-01', owner: 'marta', due: '2026-11-01', status: 'open' },
    // Verification after 2026-09-15: first full period after it is 2026-10, over by 2026-11-01.
    { id: '20260902-bbbbbbb2', type: 'corrective', title: 'To verify', service: 'repair', requirement: 'csat', opened: '2026-09-02', owner: 'marta', due: '2026-09-10', status: 'done', closed: '2026-09-10', verification: { after: '2026-09-15' } },
    // Verification after 2026-11-10: first full period 2026-12, not over yet.
    { id: '20261101-bbbbbbb3', type: 'preventive', title: 'Later', service: 'repair', opened: '2026-11-01', owner: 'marta', due: '2026-11-10', status: 'done', closed: '2026-11-09', verification: { after: '2026-11-10' } },
  ],
};

let ledger: Ledger;
let lookup: Lookup;
let engine: Engine;
let result: ControlResult;

beforeAll(() => {
  ledger = loadLedger(writeLedger(SPEC), { cache: false });
  lookup = buildLookup(ledger);
  engine = new Engine(ledger, lookup);
  result = runControlEngine(ledger, lookup, { period: '2026-10', asOf: AS_OF, catalogue: mergeCatalogues([], []) }, engine);
});
afterAll(cleanup);

describe('the hand-made ledger', () => {
  it('is valid', () => {
    expect(allProblems(ledger).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('causes of the period', () => {
  it('counts 6M categories of the closed records, most frequent first, and the details', () => {
    // Closed in 2026-10: records 2 (material, bearing), 3 (material, bearing), 7 (no cause).
    const b = causeBreakdown(engine.population(engine.scope('repair', ['repair']), 'closed', '2026-10'));
    expect(b).toEqual({ closed: 3, withoutCause: 1, categories: [{ key: 'material', count: 2 }], details: [{ category: 'material', detail: 'bearing', count: 2 }] });
  });

  it('leaves cancelled records out', () => {
    // Closed in 2026-09: record 5 (people) and the cancelled record 6.
    const b = causeBreakdown(engine.population(engine.scope('repair', ['repair']), 'closed', '2026-09'));
    expect(b.closed).toBe(1);
    expect(b.categories).toEqual([{ key: 'people', count: 1 }]);
  });
});

describe('product deficiencies', () => {
  it('failure causes and repeat visits (another record of the serial within 30 days) per product', () => {
    const rows = productDeficiencies(engine, lookup, ['2026-08', '2026-09', '2026-10']);
    expect(rows.map((r) => [r.product, r.name, r.closed, r.failures, r.repeats])).toEqual([
      ['wm', 'Washer', 3, 3, 1], // records 1, 2, 3; only 2 is followed by a visit within 30 days
      ['fr', 'Fridge', 2, 1, 0], // records 5 and 7; 6 is cancelled
    ]);
    expect(rows[0].categories).toEqual({ method: 0, machine: 0, material: 3, people: 0, measurement: 0, environment: 0 });
    expect(rows[1].categories.people).toBe(1);
  });
});

describe('review inputs', () => {
  it('CSAT share and NPS per period', () => {
    const [repair] = satisfaction(engine, result, 3);
    // 2026-08: record 1 (csat 5). 2026-09: record 5 (5); the cancelled 6 does not count.
    // 2026-10: records 2 (2), 3 (4), 7 (5) → 2/3. NPS: 3 and 8 → (0 − 1) / 2 × 100 = −50.
    expect(repair.csat.map((p) => [p.period, p.value, p.n])).toEqual([['2026-08', 1, 1], ['2026-09', 1, 1], ['2026-10', 2 / 3, 3]]);
    expect(repair.nps[2]).toEqual({ period: '2026-10', value: -50, n: 2 });
    expect(repair.csatTarget).toEqual({ min: 0.8 });
    expect(repair.npsTarget).toEqual({ min: 0 });
  });

  it('actions, oldest first: overdue when open past due; verification due once its period is over', () => {
    const s = actionStatuses(ledger, result.asOf);
    expect(s.map((a) => [a.action.id, a.overdue, a.verifyDue])).toEqual([
      ['20260901-bbbbbbb1', true, false],
      ['20260902-bbbbbbb2', false, true],
      ['20261101-bbbbbbb3', false, false],
    ]);
  });

  it('improvement opportunities: every period has data and beats the target strictly', () => {
    const r = (id: string, values: (number | null)[], target: { min?: number; max?: number }) => ({
      id, kind: 'process', indicator: 'csat' as const, unit: 'ratio' as const, value: values[values.length - 1], n: 1, target, status: 'ok' as const, index: 0,
      series: values.map((value, i) => ({ period: `2026-0${i + 1}`, value })),
    });
    const fake = { services: [{ id: 's', name: 'S', owner: 'o', file: 'f', requirements: [
      r('margin', [0.9, 0.95, 0.92], { min: 0.8 }),
      r('touches', [0.9, 0.8, 0.92], { min: 0.8 }), // 0.8 = target: met, but no margin
      r('gap', [0.9, null, 0.92], { min: 0.8 }),
      r('lower', [10, 12, 11], { max: 20 }),
    ] }] } as unknown as ControlResult;
    expect(opportunities(fake).map((o) => [o.requirement, o.worst])).toEqual([['margin', 0.9], ['lower', 12]]);
  });
});

describe('causes of the deviations', () => {
  const dev = (key: string, over: Record<string, unknown>): Deviation =>
    ({ key, kind: 'target', severity: 'warning', service: 's', acknowledged: false, actions: [], unit: 'number', causes: [], suggestions: [], suggestionEntries: [], responsible: null, ...over }) as unknown as Deviation;
  it('each requirement counts 1, shared by gain; a trend of the same requirement is not counted twice', () => {
    // r1 (lower is better, value 40): luis → 20 (gain 20), normal → 35 (gain 5): 0.8 and 0.2.
    // r2 (higher is better, value 0.5): luis → 0.9 (gain 0.4): 1.
    const c = (dimension: string, value: string, n: number, without: number) => ({ dimension, value, n, value_in_group: null, value_without_group: without });
    const devs = [
      dev('s/r1/2026-10', { requirement: 'r1', value: 40, target: { max: 30 }, causes: [c('assignee', 'luis', 5, 20), c('priority', 'normal', 9, 35)] }),
      dev('s/r1/2026-10/trend', { kind: 'trend', requirement: 'r1', value: 40, target: { max: 30 }, causes: [c('assignee', 'luis', 5, 20), c('priority', 'normal', 9, 35)] }),
      dev('s/r2/2026-10', { requirement: 'r2', value: 0.5, target: { min: 0.8 }, causes: [c('assignee', 'luis', 4, 0.9)] }),
    ];
    const out = deviationCauses({ deviations: devs } as unknown as ControlResult);
    expect(out.map((x) => [x.dimension, x.value, Number(x.weight.toFixed(6)), x.n, x.requirements])).toEqual([
      ['assignee', 'luis', 1.8, 9, ['s/r1', 's/r2']],
      ['priority', 'normal', 0.2, 9, ['s/r1']],
    ]);
  });
});
