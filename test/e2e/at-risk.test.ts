// `record list --at-risk` (issue 16, SPEC §5): the SLA clock of open records, measured as the
// indicators measure — business calendar with a lunch break and a holiday, pauses (ended and
// running), the October DST change — against times left computed by hand below.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, exec } from '../helpers/run.js';
import { writeLedger } from '../helpers/build-ledger.js';

afterAll(cleanup);

// Madrid. Calendar "taller": Mon–Fri 09:00–14:00 and 15:00–18:00 (8 h a day); Monday
// 2026-10-12 is a holiday. Summer time ends on Sunday 2026-10-25 (03:00 CEST → 02:00 CET).
const ledger = writeLedger({
  settings: {
    version: 1, organisation: 'Taller S.L.', locale: 'en', timezone: 'Europe/Madrid', period: 'month', history: 12,
    calendars: { taller: { hours: { 'mon-fri': '09:00-14:00,15:00-18:00' }, holidays: ['2026-10-12'] } },
  },
  team: { roles: [{ id: 'manager', name: 'Manager' }], people: [{ id: 'ana', name: 'Ana', roles: ['manager'] }] },
  services: [
    {
      id: 'rep', name: 'Repairs', owner: 'manager', procedure: 'rep', calendar: 'taller',
      requirements: [
        { id: 'respuesta', kind: 'quantitative', indicator: 'first_response_time', target: { max: '4h' } },
        { id: 'resolucion', kind: 'quantitative', indicator: 'resolution_time', target: { max: '16h' } },
        { id: 'urgentes', kind: 'process', indicator: 'sla_compliance', within: '8h', where: { priority: 'urgent' }, target: { min: '90%' } },
        { id: 'volumen', kind: 'quantitative', indicator: 'volume', target: { max: 100 } },
      ],
    },
    { id: 'tel', name: 'Phone', owner: 'manager', procedure: 'rep', requirements: [{ id: 'cierre', kind: 'quantitative', indicator: 'resolution_time', target: { max: '48h' } }] },
  ],
  procedures: [{ id: 'rep', name: 'Repair', version: 1, effective: '2020-01-01', steps: [{ id: 'fix', name: 'Fix' }] }],
  records: [
    // Friday 13:00, no response: Fri 13–14 (1 h) + 15–18 (3 h), the weekend and the holiday
    // nothing, Tue 09–12 (3 h) → 7 h. Response: 4 − 7 = −3; resolution: 16 − 7 = 9.
    { id: '20261009-aaaa0001', service: 'rep', procedure: 'rep@1', opened: '2026-10-09T13:00:00+02:00', assignee: 'ana', customer: 'C-1' },
    // Tuesday 08:00 (before hours), urgent, answered: 09–12 → 3 h. Urgent SLA: 8 − 3 = 5;
    // resolution: 16 − 3 = 13; the response clock has stopped.
    { id: '20261013-aaaa0002', service: 'rep', procedure: 'rep@1', opened: '2026-10-13T08:00:00+02:00', responded: '2026-10-13T08:30:00+02:00', priority: 'urgent' },
    // Thursday 09:00, paused Thu 11:00 → Fri 10:00: Thu 09–11 (2 h), Fri 10–14 (4 h) + 15–18
    // (3 h), Tue 09–12 (3 h) → 12 h. Resolution: 16 − 12 = 4.
    { id: '20261008-aaaa0003', service: 'rep', procedure: 'rep@1', opened: '2026-10-08T09:00:00+02:00', responded: '2026-10-08T09:10:00+02:00', paused: [{ from: '2026-10-08T11:00:00+02:00', to: '2026-10-09T10:00:00+02:00', reason: 'parts' }] },
    // Tuesday 09:00, paused since 10:00 (a running pause): 1 h. Resolution: 16 − 1 = 15.
    { id: '20261013-aaaa0005', service: 'rep', procedure: 'rep@1', opened: '2026-10-13T09:00:00+02:00', responded: '2026-10-13T09:05:00+02:00', paused: [{ from: '2026-10-13T10:00:00+02:00', reason: 'customer away' }] },
    // Closed, and cancelled: no clock.
    { id: '20261012-aaaa0006', service: 'rep', procedure: 'rep@1', opened: '2026-10-12T09:00:00+02:00', closed: '2026-10-13T09:00:00+02:00', outcome: 'resolved' },
    { id: '20261012-aaaa0007', service: 'rep', procedure: 'rep@1', opened: '2026-10-12T09:00:00+02:00', closed: '2026-10-12T10:00:00+02:00', outcome: 'cancelled' },
    // Elapsed time across the DST change: Sat 10:00 CEST (08:00Z) → Mon 10:00 CET (09:00Z) is
    // 49 h, not 48. Resolution: 48 − 49 = −1.
    { id: '20261024-aaaa0004', service: 'tel', procedure: 'rep@1', opened: '2026-10-24T10:00:00+02:00' },
  ],
});

async function atRisk(...args: string[]) {
  const r = await exec(['--ledger', ledger, 'record', 'list', '--at-risk', '--format', 'json', ...args]);
  const json = JSON.parse(r.stdout) as { records: { id: string; requirement: string; limit_hours: number; elapsed_hours: number; left_hours: number; breached: boolean }[] };
  return { code: r.code, rows: json.records.map((x) => [x.id.slice(-4), x.requirement, x.limit_hours, round(x.elapsed_hours), round(x.left_hours)]) };
}
const round = (x: number) => Math.round(x * 1000) / 1000;

describe('record list --at-risk', () => {
  it('business hours across a lunch break, a weekend, a holiday and pauses; breached first', async () => {
    const all = await atRisk('--as-of', '2026-10-13T12:00:00+02:00', '--within', '20h');
    expect(all.rows).toEqual([
      ['0001', 'respuesta', 4, 7, -3],
      ['0003', 'resolucion', 16, 12, 4],
      ['0002', 'urgentes', 8, 3, 5],
      ['0001', 'resolucion', 16, 7, 9],
      ['0002', 'resolucion', 16, 3, 13],
      ['0005', 'resolucion', 16, 1, 15],
    ]);
    expect(all.code).toBe(1); // something is breached: a cron job notifies
    // default --within 4h: the breached one and the one with exactly 4 h left
    expect((await atRisk('--as-of', '2026-10-13T12:00:00+02:00')).rows).toEqual([['0001', 'respuesta', 4, 7, -3], ['0003', 'resolucion', 16, 12, 4]]);
  });

  it('elapsed time across the October DST change counts the extra hour', async () => {
    const r = await atRisk('--as-of', '2026-10-26T10:00:00+01:00', '--service', 'tel');
    expect(r.rows).toEqual([['0004', 'cierre', 48, 49, -1]]);
    expect(r.code).toBe(1);
  });

  it('nothing at risk: exit 0; the table names the clock and says how late', async () => {
    const none = await exec(['--ledger', ledger, 'record', 'list', '--at-risk', '--as-of', '2026-10-13T12:00:00+02:00', '--within', '1h', '--service', 'tel']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('nothing is breached or about to be');
    const table = await exec(['--ledger', ledger, 'record', 'list', '--at-risk', '--as-of', '2026-10-13T12:00:00+02:00']);
    expect(table.stdout).toMatch(/^breached by 3 h +20261009-aaaa0001 +rep +respuesta \(response\) +C-1 +ana +normal +4 h +7 h$/m);
    expect((await exec(['--ledger', ledger, 'record', 'list', '--at-risk', '--within', 'soon'])).code).toBe(2);
  });
});
