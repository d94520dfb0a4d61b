// `due` end to end on the cycle-due fixture (as-of 2026-11-26; maintenance has a scheduled need
// every 365d and serves ac-9; products ac-9 and te-4 have maintenance intervals, wm-300 none).
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, exec } from '../helpers/run.js';

afterAll(cleanup);
const dir = copyFixture('cycle-due');
const due = async (...args: string[]) => await exec(['due', '--as-of', '2026-11-26', ...args], { cwd: dir });

describe('due', () => {
  it('lists overdue and due-soon assets sorted by due then serial (JSON of SPEC §5)', async () => {
    const r = await due('--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      asOf: '2026-11-26T00:00:00+01:00',
      assets: [
        // maintenance record cancelled: from the sale date 2025-10-15 + 365 d
        { serial: 'SN-A3', product: 'ac-9', customer: 'C-2', service: 'maintenance', last: null, due: '2026-10-15', status: 'overdue' },
        // only repaired (2026-02-01); no maintenance yet: sold 2025-11-10 + 365 d
        { serial: 'SN-A1', product: 'ac-9', customer: 'C-1', service: 'maintenance', last: null, due: '2026-11-10', status: 'overdue' },
        { serial: 'SN-A5', product: 'ac-9', customer: null, service: 'maintenance', last: null, due: '2026-11-20', status: 'overdue' },
        // maintained 2025-12-01 + 365 d
        { serial: 'SN-A2', product: 'ac-9', customer: 'C-1', service: 'maintenance', last: '2025-12-01', due: '2026-12-01', status: 'due-soon' },
        // water heater: product maintenance 730 d from the sale 2024-12-20 (its only record was cancelled)
        { serial: 'SN-B1', product: 'te-4', customer: 'C-2', service: 'maintenance', last: null, due: '2026-12-20', status: 'due-soon' },
      ],
    });
  });

  it('--within narrows "due soon"', async () => {
    const json = JSON.parse((await due('--format', 'json', '--within', '10d')).stdout);
    expect(json.assets.map((a: { serial: string }) => a.serial)).toEqual(['SN-A3', 'SN-A1', 'SN-A5', 'SN-A2']);
    expect(JSON.parse((await due('--format', 'json', '--within', '0')).stdout).assets).toHaveLength(3);
    for (const bad of ['soon', '10x']) {
      const r = await due('--within', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--within: "${bad}" is not a duration`);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it('one table, soonest due first, the customer a column (issue 15)', async () => {
    const r = await due();
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\d{4}-\d\d-\d\d /.test(l));
    const dues = rows.map((l) => l.slice(0, 10));
    expect(dues).toEqual([...dues].sort());
    expect(rows.find((l) => l.includes('SN-A1'))).toMatch(/ C-1 /);
    expect(rows.find((l) => l.includes('SN-A5'))).toMatch(/ unknown /);
    expect(r.stdout.split('\n')[2]).toMatch(/^due +status +customer +serial +product +service +last intervention$/);
    const bad = await due('--group-by', 'product');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--group-by "product" is not one of: none, customer');
  });

  it('--group-by customer: a table per customer, the unknown customer last', async () => {
    const r = await due('--group-by', 'customer');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('Scheduled services overdue or due within 30 days of 2026-11-26\n')).toBe(true);
    const c1 = out.indexOf('Customer C-1');
    const c2 = out.indexOf('Customer C-2');
    const unknown = out.indexOf('Customer unknown');
    expect(c1).toBeGreaterThan(0);
    expect(c2).toBeGreaterThan(c1);
    expect(unknown).toBeGreaterThan(c2);
    expect(out.slice(c1, c2)).toContain('SN-A1');
    expect(out.slice(c1, c2)).toContain('SN-A2');
    expect(out.slice(c1, c2)).toContain('overdue by 16 d');
    expect(out.slice(c1, c2)).toContain('due in 5 d');
    expect(out.slice(unknown)).toContain('SN-A5');
    expect(out).not.toContain('SN-C1'); // washing machine: no schedule
    expect(out).not.toContain('SN-A4'); // replaced
    expect(out).toContain('5 asset(s): 3 overdue, 2 due soon');
    expect((await exec(['--lang', 'es', 'due', '--as-of', '2026-11-26', '--group-by', 'customer'], { cwd: dir })).stdout).toContain('Cliente C-1');
  });

  it('says when nothing is due, and refuses a bad format', async () => {
    const r = await exec(['due', '--as-of', '2025-01-01'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no asset is overdue or due within 30 days of 2025-01-01\n');
    expect((await exec(['due', '--format', 'csv'], { cwd: dir })).code).toBe(2);
  });
});
