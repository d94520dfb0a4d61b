// A weekly help-desk sync (issue 16): import week 1 (some tickets open), import week 2 (some
// solved, one reopened, one new, one row broken). The ledger then says what the export says,
// local notes survive, unchanged files are byte-identical and `git diff --stat` names only the
// records that changed. Also: saved mappings (shipped and the ledger's own, checked by `check`),
// --dry-run, naive timestamps in the mapping's zone (DST-correct), ERP inputs (--kind).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);

const HEADER = 'Id,Requester,Assignee,Status,Priority,Via,Created at,Solved at,Satisfaction Score';
const WEEK1 = [
  HEADER,
  '101,C-1,Ana García,Open,Normal,Phone call (incoming),2026-11-02 09:00:00,,Unoffered',
  '102,C-2,Ana García,Pending,High,Mail,2026-11-02 10:30:00,,Unoffered',
  '103,C-3,ana,Solved,Normal,Web form,2026-11-03 08:00:00,2026-11-04 12:00:00,Good',
  '104,C-4,ana,Solved,Urgent,Mail,2026-11-03 09:15:00,2026-11-03 17:45:00,Bad',
].join('\n');
const WEEK2 = [
  HEADER,
  '101,C-1,Ana García,Solved,Normal,Phone call (incoming),2026-11-02 09:00:00,2026-11-09 11:00:00,Good', // solved
  '102,C-2,Ana García,Pending,High,Mail,2026-11-02 10:30:00,,Unoffered', // unchanged, still open
  '103,C-3,ana,Open,Normal,Web form,2026-11-03 08:00:00,,Good', // reopened
  '104,C-4,ana,Solved,Urgent,Mail,2026-11-03 09:15:00,2026-11-03 17:45:00,Bad', // unchanged
  '105,C-5,ana,New,Low,Chat,2026-11-10 16:20:00,,Unoffered', // new
  '106,C-6,ana,Solved,Normal,Mail,yesterday,,Good', // broken date
].join('\n');

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
}

function bySource(dir: string): Map<string, { file: string; text: string; data: Record<string, unknown> }> {
  const out = new Map<string, { file: string; text: string; data: Record<string, unknown> }>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.yaml')) {
        const text = readFileSync(join(dir, r), 'utf8');
        const data = parse(text) as Record<string, unknown>;
        const id = (data.source as { id?: string } | undefined)?.id;
        if (id) out.set(String(id), { file: r, text, data });
      }
    }
  };
  walk('records');
  return out;
}

describe('weekly help-desk sync', () => {
  it('week 2 updates what changed, reopens, creates, rejects; notes survive; git sees only real changes', async () => {
    const dir = copyFixture('minimal');
    const csv1 = join(tempDir(), 'week1.csv');
    const csv2 = join(tempDir(), 'week2.csv');
    writeFileSync(csv1, WEEK1);
    writeFileSync(csv2, WEEK2);
    const run = (...args: string[]) => exec(['--ledger', dir, ...args]);

    const w1 = await run('import', csv1, '--mapping', 'zendesk', '--service', 'warranty-repair');
    expect(w1.stderr).toBe('');
    expect(w1.code).toBe(0);
    expect(w1.stdout).toContain('4 created, 0 updated, 0 unchanged, 0 rejected, of 4 row(s); timestamps without a zone read in Europe/Madrid');
    let tickets = bySource(dir);
    expect(tickets.get('101')!.data).toMatchObject({ opened: '2026-11-02T09:00:00+01:00', assignee: 'ana', customer: 'C-1', channel: 'phone', source: { system: 'zendesk', id: '101' } });
    expect(tickets.get('101')!.data.closed).toBeUndefined();
    expect(tickets.get('103')!.data).toMatchObject({ closed: '2026-11-04T12:00:00+01:00', outcome: 'resolved', survey: { csat: 5 } });

    // a local note on ticket 101, then everything committed
    const note = await run('record', 'update', String(tickets.get('101')!.data.id), '--set', 'notes=customer prefers mornings');
    expect(note.code, note.stderr).toBe(0);
    writeFileSync(join(dir, '.gitignore'), '.aftersales/\n'); // as init writes it
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'week 1');
    const before = bySource(dir);

    // --dry-run says what would change and writes nothing
    const dry = await run('import', csv2, '--mapping', 'zendesk', '--service', 'warranty-repair', '--dry-run');
    expect(dry.code).toBe(1); // the broken row
    expect(dry.stdout).toContain(`would update ${before.get('101')!.data.id}: closed, outcome, survey.csat`);
    expect(dry.stdout).toContain(`would update ${before.get('103')!.data.id}: closed, outcome`);
    expect(dry.stdout).toMatch(/would create 20261110-/);
    expect(dry.stdout).toContain('1 would be created, 2 updated, 2 unchanged, 1 rejected, of 6 row(s)');
    expect(git(dir, 'status', '--porcelain')).toBe('');

    const w2 = await run('import', csv2, '--mapping', 'zendesk', '--service', 'warranty-repair');
    expect(w2.code).toBe(1);
    expect(w2.stderr).toMatch(/week2\.csv:7: opened: "yesterday" is not a valid timestamp/);
    expect(w2.stdout).toContain('1 created, 2 updated, 2 unchanged, 1 rejected, of 6 row(s)');
    tickets = bySource(dir);
    // the ledger says what the export says
    expect(tickets.get('101')!.data).toMatchObject({ closed: '2026-11-09T11:00:00+01:00', outcome: 'resolved', survey: { csat: 5 }, notes: 'customer prefers mornings' });
    expect(tickets.get('103')!.data.closed).toBeUndefined();
    expect(tickets.get('103')!.data.outcome).toBeUndefined();
    expect(tickets.get('105')!.data).toMatchObject({ priority: 'low', channel: 'chat', opened: '2026-11-10T16:20:00+01:00' });
    // unchanged files are byte-identical; git sees only the two changed records (and the new one)
    for (const id of ['102', '104']) expect(tickets.get(id)!.text).toBe(before.get(id)!.text);
    const changed = git(dir, 'diff', '--name-only').trim().split('\n').sort();
    expect(changed).toEqual([before.get('101')!.file, before.get('103')!.file].sort());
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter((l) => l.startsWith('??'))).toEqual([`?? ${tickets.get('105')!.file}`]);
    expect((await run('check')).code).toBe(0);

    // a third import of the same export changes nothing
    const again = await run('import', csv2, '--mapping', 'zendesk', '--service', 'warranty-repair');
    expect(again.stdout).toContain('0 created, 0 updated, 5 unchanged, 1 rejected');
  });

  it("the ledger's own mapping: checked by check, with constants, steps and a zone of its own (DST)", async () => {
    const dir = copyFixture('minimal');
    mkdirSync(join(dir, 'imports'));
    writeFileSync(join(dir, 'imports', 'crm.yaml'), [
      'description: our CRM',
      'service: warranty-repair',
      'source_system: crm',
      'timezone: America/New_York',
      'columns: { source.id: Ref, opened: Opened, closed: Done, outcome: State }',
      'values:',
      '  outcome: { open: open, done: resolved }',
      'constants: { channel: phone }',
      'steps: { diagnose: done }',
      '',
    ].join('\n'));
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);
    const csv = join(tempDir(), 'crm.csv');
    // New York: 2026-11-01 01:30 is ambiguous (EDT then EST); 2026-10-31 is EDT (UTC−4), 2026-11-02 EST (UTC−5)
    writeFileSync(csv, 'Ref,Opened,Done,State\nA1,2026-10-31 10:00,2026-11-02 10:00,done\nA2,2026-11-02 09:00,,open\n');
    const r = await exec(['--ledger', dir, 'import', csv, '--mapping', 'crm']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('timestamps without a zone read in America/New_York');
    const got = bySource(dir);
    // 10:00 EDT = 14:00Z = 15:00 in Madrid (CET after 25 Oct); 10:00 EST = 15:00Z = 16:00 Madrid
    expect(got.get('A1')!.data).toMatchObject({ opened: '2026-10-31T15:00:00+01:00', closed: '2026-11-02T16:00:00+01:00', outcome: 'resolved', channel: 'phone', steps: { diagnose: 'done' }, source: { system: 'crm', id: 'A1' } });
    expect(got.get('A2')!.data.closed).toBeUndefined();

    writeFileSync(join(dir, 'imports', 'bad.yaml'), 'columns: { sourse.id: Ref }\nsteps: { diagnos: done }\nservice: warranty-repair\n');
    const check = await exec(['--ledger', dir, 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('imports/bad.yaml:1:');
    expect(check.stdout).toContain('"sourse.id" is not a field an import can fill');
    expect(check.stdout).toContain('has no step "diagnos"');
    expect((await exec(['--ledger', dir, 'import', csv, '--mapping', 'nope'])).stderr).toContain('no import mapping "nope"; there are: bad, crm, freshdesk, odoo-helpdesk, zendesk');
  });

  it('--kind sales and products: upserts by key, keeps comments and order, reports what changed', async () => {
    const dir = copyFixture('minimal');
    const salesFile = join(dir, 'inputs', 'sales.yaml');
    const before = readFileSync(salesFile, 'utf8');
    const sales = parse(before).sales as { month: string; product: string; units: number }[];
    const first = sales[0];
    const csv = join(tempDir(), 'sales.csv');
    writeFileSync(csv, `Month;Product;Units\n${first.month};${first.product};${first.units + 5}\n${sales[1].month};${sales[1].product};${sales[1].units}\n2026-12;${first.product};40\n2026-12;nope;1\n`);
    const map = ['--map', 'month=Month', '--map', 'product=Product', '--map', 'units=Units'];
    const dry = await exec(['--ledger', dir, 'import', csv, '--kind', 'sales', '--dry-run', ...map]);
    expect(dry.code, dry.stderr).toBe(2); // an unknown product makes the file invalid: nothing written
    expect(dry.stderr).toContain('no product "nope"');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2026-12;nope;1\n', ''));
    const r = await exec(['--ledger', dir, 'import', csv, '--kind', 'sales', ...map]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('→ inputs/sales.yaml: 1 created, 1 updated, 1 unchanged, 0 rejected, of 3 row(s)');
    const after = readFileSync(salesFile, 'utf8');
    expect(after.split('\n')[0]).toBe(before.split('\n')[0]); // the header comment kept
    const now = parse(after).sales as { month: string; product: string; units: number }[];
    expect(now[0]).toEqual({ ...first, units: first.units + 5 });
    expect(now.at(-1)).toEqual({ month: '2026-12', product: first.product, units: 40 });
    expect(now.length).toBe(sales.length + 1);
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);

    const products = join(tempDir(), 'products.csv');
    writeFileSync(products, 'id,name,warranty\nwm-300,Washer WM-300 (new name),24\nnew-1,New product,12\n');
    const p = await exec(['--ledger', dir, 'import', products, '--kind', 'products']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('1 created, 1 updated, 0 unchanged');
    const list = parse(readFileSync(join(dir, 'inputs', 'products.yaml'), 'utf8')).products as { id: string; name: string }[];
    expect(list.find((x) => x.id === 'wm-300')!.name).toBe('Washer WM-300 (new name)');
    expect(list.at(-1)).toEqual({ id: 'new-1', name: 'New product', warranty: 12 });
  });
});
