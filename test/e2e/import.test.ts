// `aftersales import` end to end: the shipped help-desk sample into the example ledger,
// idempotence, dry run, `;` + BOM + --date-format, broken rows, a file that is not UTF-8.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, FIXTURES, hasStackTrace, REPO, exec, tempDir } from '../helpers/run.js';
import { cpSync } from 'node:fs';

afterAll(cleanup);

const SAMPLE = join(REPO, 'examples', 'helpdesk-export.csv');
const CSV = join(FIXTURES, 'csv');
/** The mapping documented for the sample (README). */
const SAMPLE_MAP = [
  '--service', 'soporte-tecnico', '--source-system', 'zendesk',
  '--map', 'opened=Created at', '--map', 'responded=First response at', '--map', 'closed=Resolved at',
  '--map', 'outcome=Status', '--map', 'priority=Priority', '--map', 'channel=Via', '--map', 'customer=Requester',
  '--map', 'assignee=Assignee', '--map', 'product=Product', '--map', 'serial=Serial number',
  '--map', 'survey.csat=Satisfaction', '--map', 'notes=Subject',
];

function records(dir: string): { path: string; data: Record<string, unknown> }[] {
  const out: { path: string; data: Record<string, unknown> }[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out.push({ path: p, data: jsyaml.load(readFileSync(join(dir, p), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown> });
    }
  };
  walk('records');
  return out;
}

function exampleCopy(): string {
  const dir = tempDir('aftersales-example-');
  cpSync(join(REPO, 'examples', 'electrodomesticos-sol'), dir, { recursive: true });
  return dir;
}

describe('import: the shipped help-desk export', () => {
  it('creates 30 records that pass check; a second import creates nothing', async () => {
    const dir = exampleCopy();
    const before = records(dir).length;
    const r = await exec(['--ledger', dir, '--lang', 'en', 'import', SAMPLE, ...SAMPLE_MAP]);
    expect(r.stderr).toBe(''); // no progress bar without a terminal, no rejected rows
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${SAMPLE}: 30 created, 0 updated, 0 unchanged, 0 rejected, of 30 row(s); timestamps without a zone read in Europe/Madrid\n`);
    const imported = records(dir).filter((x) => (x.data.source as { system?: string } | undefined)?.system === 'zendesk');
    expect(imported).toHaveLength(30);
    expect(records(dir)).toHaveLength(before + 30);
    const first = imported.find((x) => (x.data.source as { id: string }).id === '48206')!;
    expect(first.data).toMatchObject({
      service: 'soporte-tecnico', procedure: 'soporte-tecnico@1', opened: '2026-11-02T10:40:00+01:00',
      responded: '2026-11-02T12:06:00+01:00', closed: '2026-11-03T21:40:00+01:00', outcome: 'resolved',
      priority: 'low', channel: 'phone', customer: 'María Castro', assignee: 'lucia', product: 'lavadora-ls7',
      serial: 'LS7-2345-454711', survey: { csat: 2 }, notes: 'Ruido, vibraciones al centrifugar',
    });
    expect(first.path).toMatch(/^records\/2026\/11\/20261102-[0-9a-z]{8}\.yaml$/);
    // open tickets (Open, Pending) are open records
    expect(imported.filter((x) => x.data.closed === undefined).length).toBeGreaterThan(0);
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);

    const again = await exec(['--ledger', dir, '--lang', 'en', 'import', SAMPLE, ...SAMPLE_MAP]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 created, 0 updated, 30 unchanged, 0 rejected');
    expect(records(dir)).toHaveLength(before + 30);
  });

  it('--dry-run checks every row and writes nothing', async () => {
    const dir = exampleCopy();
    const before = records(dir).length;
    const r = await exec(['--ledger', dir, '--lang', 'en', 'import', SAMPLE, ...SAMPLE_MAP, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(dry run, nothing written): 30 would be created');
    expect(records(dir)).toHaveLength(before);
  });
});

describe('import: formats', () => {
  it('`;` separator, BOM, CRLF, --date-format in the ledger time zone, decimal commas, quoted newlines', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'import', join(CSV, 'tickets-semicolon.csv'), '--service', 'warranty-repair', '--date-format', 'dd/MM/yyyy HH:mm',
      '--map', 'source.id=Nº ticket', '--map', 'opened=Abierto', '--map', 'closed=Cerrado', '--map', 'outcome=Estado', '--map', 'priority=Prioridad',
      '--map', 'assignee=Técnico', '--map', 'product=Producto', '--map', 'cost=Coste', '--map', 'notes=Notas', '--source-system', 'legacy']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = records(dir).filter((x) => x.data.source).sort((a, b) => String((a.data.source as { id: string }).id).localeCompare(String((b.data.source as { id: string }).id)));
    expect(got.map((x) => x.data)).toEqual([
      expect.objectContaining({ opened: '2026-10-02T09:14:00+02:00', closed: '2026-10-04T16:30:00+02:00', outcome: 'resolved', priority: 'high', assignee: 'ana', product: 'wm-300', cost: 84.5, notes: 'Ruido; vibración\nal centrifugar', source: { system: 'legacy', id: '9001' } }),
      expect.objectContaining({ opened: '2026-10-03T10:00:00+02:00', priority: 'low', source: { system: 'legacy', id: '9002' } }),
      // 02:30 on 29 March does not exist in Madrid: read as 03:30 CEST
      expect.objectContaining({ opened: '2026-03-29T03:30:00+02:00', closed: '2026-03-29T05:00:00+02:00', priority: 'normal', notes: 'cambio de hora: "02:30" no existe' }),
    ]);
    expect(got[1].data.closed).toBeUndefined(); // "Abierto": still open
    expect(got[2].path).toMatch(/^records\/2026\/03\/20260329-/);
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);
  });

  it('a broken row is reported with its line and reason, and the rest imported: exit 1', async () => {
    const dir = copyFixture('minimal');
    const args = ['--ledger', dir, 'import', join(CSV, 'tickets-broken.csv'), '--service', 'warranty-repair', '--map', 'opened=Created at', '--map', 'closed=Resolved at',
      '--map', 'outcome=Status', '--map', 'assignee=Assignee', '--map', 'priority=Priority', '--map', 'notes=Subject'];
    const r = await exec(args);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const lines = r.stderr.trim().split('\n').map((l) => l.replace(`${join(CSV, 'tickets-broken.csv')}:`, ''));
    expect(lines).toEqual([
      '3: unreadable row: Invalid Record Length: expect 7, got 3',
      '4: assignee: no person "bob" in team.yaml (add the person to team.yaml or use one of: marta, ana)',
      expect.stringMatching(/^5: opened: "2026-13-45 11:00" is not a valid timestamp/),
      expect.stringMatching(/^6: closed: closed \(2026-10-06T11:00:00\+02:00\) is before opened \(2026-10-07T11:00:00\+02:00\)/),
      expect.stringMatching(/^9: priority: "Critical" is not allowed here/),
      expect.stringMatching(/^10: unreadable row: Quote Not Closed/),
    ]);
    expect(r.stdout).toContain('2 created, 0 updated, 0 unchanged, 6 rejected, of 8 row(s)');
    const got = records(dir).filter((x) => x.data.source).map((x) => x.data);
    expect(got.map((d) => (d.source as { id: string }).id).sort()).toEqual(['101', '106']);
    expect(got.find((d) => (d.source as { id: string }).id === '106')).toMatchObject({ notes: 'Fine, with a\nsecond line', priority: 'urgent', assignee: 'marta' });
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);
    // again: the two are skipped, the broken rows are still reported
    const again = await exec(args);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged, 6 rejected');
  });

  it('a file that is not UTF-8 is exit 2 with where, and nothing is written', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'import', join(CSV, 'tickets-latin1.csv'), '--service', 'warranty-repair', '--map', 'opened=Created at']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not UTF-8 text (byte 0xe9 at line 2, column 8)');
    expect(r.stderr).toContain('iconv');
    expect(records(dir)).toHaveLength(2);
  });

  it('usage errors: unknown service, unknown column or field, no ticket id, missing file: exit 2', async () => {
    const dir = copyFixture('minimal');
    const file = join(CSV, 'tickets-broken.csv');
    const cases: [string[], RegExp][] = [
      [[file, '--service', 'warranty', '--map', 'opened=Created at'], /no service "warranty"/],
      [[file, '--service', 'warranty-repair', '--map', 'opened=Created'], /no column "Created" in the CSV; its columns are: Ticket ID, Subject/],
      [[file, '--service', 'warranty-repair', '--map', 'openned=Created at'], /unknown record field "openned"[\s\S]*did you mean "opened"/],
      [[file, '--service', 'warranty-repair'], /no column gives when the intervention was opened/],
      [[file, '--map', 'opened=Created at'], /which service/],
      [[join(CSV, 'nope.csv'), '--service', 'warranty-repair'], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const r = await exec(['--ledger', dir, 'import', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(join(dir, 'noid.csv'), 'When,What\n2026-10-01 10:00,x\n');
    const noId = await exec(['--ledger', dir, 'import', join(dir, 'noid.csv'), '--service', 'warranty-repair', '--map', 'opened=When']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('--map source.id=Column');
    expect(records(dir)).toHaveLength(2);
  });
});
