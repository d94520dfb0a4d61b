// Numbers a service manager can trust (issue 13, SPEC §3.1, §4): no false trend alarms in a
// young ledger, no cause that explains nothing, claim rate and utilisation 0 (not no-data) over
// an empty population when units or capacity exist. Values computed by hand in the comments.
import { afterAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../../../src/ledger/load.js';
import { allProblems } from '../../../src/ledger/checks.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import { runControlEngine } from '../../../src/quality/control.js';
import { parseTimestamp } from '../../../src/time/index.js';
import { cleanup } from '../../helpers/run.js';
import { writeLedger, type LedgerSpec } from '../../helpers/build-ledger.js';

afterAll(cleanup);
const TZ = 'Europe/Madrid';

function base(records: Record<string, unknown>[], extra: Partial<LedgerSpec> = {}, period = 'month'): LedgerSpec {
  return {
    settings: { version: 1, organisation: 'Young S.L.', locale: 'en', timezone: TZ, period, history: 12 },
    team: { roles: [{ id: 'manager', name: 'Manager' }], people: [{ id: 'ana', name: 'Ana', roles: ['manager'] }, { id: 'luis', name: 'Luis', roles: ['manager'] }] },
    services: [{
      id: 'help', name: 'Help', owner: 'manager', procedure: 'help', warranty: true,
      requirements: [
        { id: 'backlog', kind: 'quantitative', indicator: 'backlog', target: { max: 50 } },
        { id: 'volume', kind: 'quantitative', indicator: 'volume', target: { max: 1000 } },
        { id: 'claims', kind: 'quantitative', indicator: 'warranty_claim_rate', target: { max: 25 } },
        { id: 'load', kind: 'quantitative', indicator: 'utilisation', target: { max: '100%' } },
      ],
      resources: [{ name: 'Agents', kind: 'people', role: 'manager', quantity: 2, capacity: 2 }],
    }],
    procedures: [{ id: 'help', name: 'Help', version: 1, effective: '2020-01-01', steps: [{ id: 'answer', name: 'Answer' }] }],
    products: [{ id: 'wm', name: 'Washer', warranty: 24 }],
    sales: [{ month: '2025-01', product: 'wm', units: 400 }],
    records,
    ...extra,
  };
}

function control(spec: LedgerSpec, period: string, asOf: string) {
  const dir = writeLedger(spec);
  const ledger = loadLedger(dir, { cache: false });
  expect(allProblems(ledger).filter((p) => p.severity === 'error')).toEqual([]);
  return runControlEngine(ledger, buildLookup(ledger), { period, asOf: parseTimestamp(asOf, TZ), catalogue: [] });
}

const open = (id: string, opened: string, more: Record<string, unknown> = {}) => ({ id, service: 'help', procedure: 'help@1', opened, ...more });

describe('a young ledger raises no false trend alarm', () => {
  it('one month of records, monthly, history 12: the 11 months before are no-data; no trend', () => {
    // five records opened in October 2026 and still open: backlog 5, volume 5
    const records = [1, 2, 3, 4, 5].map((k) => open(`2026100${k}-ypng000${k}`, `2026-10-0${k}T10:00:00+02:00`));
    const r = control(base(records), '2026-10', '2026-11-05T10:00:00+01:00');
    const backlog = r.services[0].requirements.find((x) => x.id === 'backlog')!;
    expect(backlog).toMatchObject({ value: 5, n: 5, status: 'ok' });
    // Before the rule the series was eleven 0s then 5: centre 0.417, σ̂ 0.403, UCL 1.63 < 5 →
    // a false nelson-1. Now the eleven periods are no-data and one value is too few (< 6).
    expect(backlog.series.map((p) => p.value)).toEqual([null, null, null, null, null, null, null, null, null, null, null, 5]);
    expect(r.deviations.filter((d) => d.kind === 'trend')).toEqual([]);
  });

  it('quarterly over a 14-month ledger: only the quarters from the first record count', () => {
    // 30 records a month from 2025-09 to 2026-10 (14 months); quarters of history 12 end with
    // 2026-Q3: 2024-Q4 … 2026-Q3. 2025-Q3 ends 2025-10-01, after the first record (2025-09-01):
    // measured (30); the seven quarters before are no-data. Volumes: 30, 90, 90, 90, 90 → five
    // values, fewer than 6: no trend (before: seven 0s first, and a false nelson-1).
    const records: Record<string, unknown>[] = [];
    for (let m = 0; m < 14; m++) {
      const y = 2025 + Math.floor((8 + m) / 12);
      const mm = String(((8 + m) % 12) + 1).padStart(2, '0');
      for (let k = 1; k <= 30; k++) {
        const day = `${y}-${mm}-${String(((k - 1) % 28) + 1).padStart(2, '0')}`;
        const id = `${day.replace(/-/g, '')}-q${mm}${String(k).padStart(2, '0')}${y % 10}xx`;
        records.push(open(id, `${day}T10:00:00+01:00`, { closed: `${day}T12:00:00+01:00`, outcome: 'resolved' }));
      }
    }
    const r = control(base(records, {}, 'quarter'), '2026-Q3', '2026-11-05T10:00:00+01:00');
    const volume = r.services[0].requirements.find((x) => x.id === 'volume')!;
    expect(volume.series.map((p) => p.value)).toEqual([null, null, null, null, null, null, null, 30, 90, 90, 90, 90]);
    expect(r.deviations.filter((d) => d.kind === 'trend')).toEqual([]);
  });
});

describe('claim rate and utilisation over an empty population', () => {
  it('are 0 when units under warranty or capacity exist (a period after the first record)', () => {
    // one record in 2026-09; October has none. Units under warranty at 2026-11-01: the 400 sold
    // in 2025-01 (until 2027-01-01) → 1000 × 0 / 400 = 0. Utilisation 0 / 2 = 0.
    const r = control(base([open('20260915-zzzz0001', '2026-09-15T10:00:00+02:00')]), '2026-10', '2026-11-05T10:00:00+01:00');
    const req = (id: string) => r.services[0].requirements.find((x) => x.id === id)!;
    expect(req('claims')).toMatchObject({ value: 0, n: 0, status: 'ok' });
    expect(req('load')).toMatchObject({ value: 0, n: 0, status: 'ok' });
  });
});

describe('a group holding the whole population is never a cause', () => {
  it('utilisation over capacity: the assignees are causes, `priority = normal` (every record) is not', () => {
    // six records in October, all priority normal and channel phone; ana 3, luis 3. Capacity 2:
    // utilisation 6/2 = 3 (max 100%: critical). Without ana: 3/2 = 1.5, without luis: 1.5 (gain
    // 1.5 each, tie → by value: ana, luis). Without all six (priority normal, channel phone) it
    // would be 0 — the "cause" that explains nothing, which must not appear.
    const records = [1, 2, 3, 4, 5, 6].map((k) => open(`2026101${k}-cazz000${k}`, `2026-10-1${k}T10:00:00+02:00`, { assignee: k <= 3 ? 'ana' : 'luis', channel: 'phone' }));
    const r = control(base(records), '2026-10', '2026-11-05T10:00:00+01:00');
    const d = r.deviations.find((x) => x.key === 'help/load/2026-10')!;
    expect(d).toMatchObject({ kind: 'target', severity: 'critical', value: 3 });
    expect(d.kind === 'target' && d.causes).toEqual([
      { dimension: 'assignee', value: 'ana', n: 3, value_in_group: 1.5, value_without_group: 1.5 },
      { dimension: 'assignee', value: 'luis', n: 3, value_in_group: 1.5, value_without_group: 1.5 },
    ]);
  });
});

describe('action verify measures the first full period starting on or after verification.after', () => {
  it('after 2026-10-01 → 2026-10: missed there, ineffective, and control shows the critical action deviation', async () => {
    const { translator } = await import('../../../src/i18n/index.js');
    const { memoryIO } = await import('../../../src/io/io.js');
    const { runActionVerify } = await import('../../../src/commands/action-verify.js');
    const { runControl } = await import('../../../src/commands/control.js');
    const t = translator('en');
    // October: 60 opened → utilisation 60/2 = 30 (target ≤ 100%: missed). November: 1 → 50%: met.
    const records = [
      ...Array.from({ length: 60 }, (_, k) => open(`202610${String((k % 28) + 1).padStart(2, '0')}-vrfy${String(k).padStart(4, '0')}`, `2026-10-${String((k % 28) + 1).padStart(2, '0')}T10:00:00+02:00`)),
      open('20261110-vrfyn001', '2026-11-10T10:00:00+01:00'),
    ];
    const action = {
      id: '20260915-act00001', type: 'corrective', title: 'Spread the load', service: 'help', requirement: 'load',
      opened: '2026-09-15', owner: 'ana', due: '2026-09-30', status: 'done', closed: '2026-09-30', verification: { after: '2026-10-01' },
    };
    const dir = writeLedger(base(records, { actions: [action] }));
    const io = memoryIO({ t });
    const r = await runActionVerify({ cwd: dir, io, ledger: dir, id: '20260915-act00001', asOf: '2026-12-02' });
    // The old rule ("the first period starting after 2026-10-02") measured November and said effective.
    expect(r.outcomes).toEqual([{ id: '20260915-act00001', kind: 'verified', period: '2026-10', value: 30, result: 'ineffective' }]);
    const out = memoryIO({ t });
    const c = await runControl({ cwd: dir, io: out, ledger: dir, asOf: '2026-12-02', format: 'json', failOn: 'critical' });
    expect(c.result.deviations.find((d) => d.kind === 'action')).toMatchObject({ key: 'help/action/2026-11', severity: 'critical', actions: ['20260915-act00001'] });
    expect(c.exitCode).toBe(1);
  });
});

describe('requirement ids that are a deviation kind', () => {
  it('are a check error (reserved-id) at the id, and control refuses the ledger', async () => {
    const { translator } = await import('../../../src/i18n/index.js');
    const { memoryIO } = await import('../../../src/io/io.js');
    const { runCheck } = await import('../../../src/commands/check.js');
    const { runControl } = await import('../../../src/commands/control.js');
    const t = translator('en');
    const spec = base([open('20261005-zzzz0002', '2026-10-05T10:00:00+02:00')]);
    (spec.services[0].requirements as Record<string, unknown>[]).push({ id: 'compliance', kind: 'process', indicator: 'procedure_adherence', target: { min: '90%' } });
    const dir = writeLedger(spec);
    const io = memoryIO({ t });
    const r = await runCheck({ cwd: dir, io, ledger: dir });
    expect(r.exitCode).toBe(1);
    expect(r.problems.map((p) => `${p.file} ${p.code} ${p.severity}`)).toEqual(['services/help.yaml reserved-id error']);
    const { readFileSync } = await import('node:fs');
    const line = readFileSync(`${dir}/services/help.yaml`, 'utf8').split('\n')[r.problems[0].line - 1];
    expect(line).toMatch(/id: compliance$/); // placed at the id itself
    expect(io.stdout.join('')).toContain('the requirement id "compliance" is the name of a kind of deviation');
    await expect(runControl({ cwd: dir, io: memoryIO({ t }), ledger: dir, asOf: '2026-11-05' })).rejects.toMatchObject({ exitCode: 2 });
  });
});
