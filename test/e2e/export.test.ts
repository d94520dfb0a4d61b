// `aftersales export` end to end: CSV columns in a stable order, cells safe against formula
// injection, JSONL, filters, --output, an invalid ledger refused, and export → import → export.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cleanup, copyFixture, exec } from '../helpers/run.js';

afterAll(cleanup);

async function ledgerWithRisky(): Promise<string> {
  const dir = copyFixture('minimal');
  const r = await exec(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', 'opened=2026-11-10T12:00:00+01:00',
    '--set', 'notes==HYPERLINK("http://evil.example","click")', '--set', 'customer=+34 600 000 000', '--set', 'serial=-123',
    '--set', 'replaced_serial=@SUM(A1)', '--set', 'closed=2026-11-11T12:00:00+01:00', '--set', 'outcome=refunded', '--set', 'cost=0.5',
    '--set', 'assignee=ana', '--set', 'survey.courtesy=3']);
  expect(r.code).toBe(0);
  return dir;
}

describe('export --format csv', () => {
  it('flat columns in a stable order, sorted by opened, defaults filled in', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'export']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout) as string[][];
    expect(rows[0]).toEqual([
      'id', 'service', 'procedure', 'opened', 'responded', 'closed', 'paused', 'channel', 'priority', 'customer', 'product', 'serial', 'sold',
      'assignee', 'visits', 'steps.diagnose', 'steps.handover-training', 'steps.repair', 'outcome', 'complaint', 'cause.category', 'cause.detail',
      'parts', 'replaced_serial', 'cost', 'survey.csat', 'survey.nps', 'survey.effort', 'survey.courtesy', 'survey.comment', 'source.system',
      'source.id', 'notes',
    ]);
    const head = rows[0];
    const first = Object.fromEntries(head.map((h, i) => [h, rows[1][i]]));
    expect(first).toMatchObject({
      id: '20261002-7k3qzm2a', opened: '2026-10-02T09:14:00+02:00', 'steps.repair': 'done', 'cause.category': 'material',
      parts: '[{"ref":"BRG-22","qty":1,"cost":18.4}]', paused: '[{"from":"2026-10-03T09:00:00+02:00","to":"2026-10-03T15:00:00+02:00","reason":"waiting for parts"}]',
      cost: '84.5', 'survey.csat': '5', 'survey.comment': 'Very kind', complaint: 'false', notes: '',
    });
    const second = Object.fromEntries(head.map((h, i) => [h, rows[2][i]]));
    expect(second).toMatchObject({ id: '20261102-q2m8w1zd', priority: 'normal', complaint: 'false', closed: '' });
    expect(r.stdout.endsWith('\r\n')).toBe(true);
  });

  it('neutralises text cells that start with = + - @ (numbers and timestamps untouched)', async () => {
    const dir = await ledgerWithRisky();
    const out = (await exec(['--ledger', dir, 'export', '--period', '2026-11'])).stdout;
    const rows = parse(out) as string[][];
    const row = Object.fromEntries(rows[0].map((h, i) => [h, rows[rows.length - 1][i]]));
    expect(row.notes).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row.customer).toBe("'+34 600 000 000");
    expect(row.serial).toBe("'-123");
    expect(row.replaced_serial).toBe("'@SUM(A1)");
    expect(row.cost).toBe('0.5');
    expect(row.opened).toBe('2026-11-10T12:00:00+01:00');
    expect(out).not.toMatch(/(^|,)[=+@-]/m); // no cell of the file starts a formula
  });

  it('jsonl, --service, --period, --output; bad flags exit 2', async () => {
    const dir = copyFixture('minimal');
    const lines = (await exec(['--ledger', dir, 'export', '--format', 'jsonl'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['20261002-7k3qzm2a', '20261102-q2m8w1zd']);
    expect(lines[1]).toEqual({
      id: '20261102-q2m8w1zd', service: 'warranty-repair', procedure: 'warranty-repair@2', opened: '2026-11-02T09:14:00+01:00',
      channel: 'phone', priority: 'normal', customer: 'C-2001', product: 'wm-300', serial: 'SN-90001', assignee: 'ana', complaint: false,
    });
    expect(Object.keys(lines[0])).not.toContain('x-crm-ref');
    const oct = (await exec(['--ledger', dir, 'export', '--format', 'jsonl', '--period', '2026-10', '--service', 'warranty-repair'])).stdout.trim().split('\n');
    expect(oct).toHaveLength(1);
    const w = await exec(['--ledger', dir, 'export', '--output', join(dir, 'out.csv')]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    expect(w.stderr).toContain('exported 2 record(s)');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\r\n')).toHaveLength(4);
    expect((await exec(['--ledger', dir, 'export', '--format', 'xlsx'])).code).toBe(2);
    expect((await exec(['--ledger', dir, 'export', '--period', 'last'])).code).toBe(2);
    expect((await exec(['--ledger', dir, 'export', '--service', 'nope'])).stderr).toContain('no service "nope"');
  });

  it('an invalid ledger is refused: exit 2 naming the files', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'id: 20261102-q2m8w1zd\nservice: warranty-repair\n');
    const r = await exec(['--ledger', dir, 'export']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('records/2026/11/20261102-q2m8w1zd.yaml');
  });
});

describe('round trip', () => {
  it('export → import into an empty ledger → export gives the same records (plus their source)', async () => {
    const from = await ledgerWithRisky();
    const csv = join(from, 'export.csv');
    expect((await exec(['--ledger', from, 'export', '--output', csv])).code).toBe(0);
    const to = copyFixture('minimal');
    rmSync(join(to, 'records'), { recursive: true });
    const imp = await exec(['--ledger', to, 'import', csv, '--service', 'warranty-repair']);
    expect(imp.stderr).toBe('');
    expect(imp.stdout).toContain('3 created, 0 updated, 0 unchanged, 0 rejected');
    expect((await exec(['--ledger', to, 'check'])).code).toBe(0);
    const a = parse(readFileSync(csv, 'utf8')) as string[][];
    const b = parse((await exec(['--ledger', to, 'export'])).stdout) as string[][];
    expect(b[0]).toEqual(a[0]);
    const drop = (rows: string[][]) => rows.map((r) => r.filter((_c, i) => !a[0][i].startsWith('source.')));
    expect(drop(b)).toEqual(drop(a));
    // the source of a re-imported record is its own id: importing the export again creates nothing
    expect(b[1][a[0].indexOf('source.id')]).toBe(a[1][0]);
    expect((await exec(['--ledger', to, 'import', csv, '--service', 'warranty-repair'])).stdout).toContain('0 created, 0 updated, 3 unchanged');
  });
});
