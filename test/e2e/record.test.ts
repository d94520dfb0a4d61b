// `aftersales record` end to end: open (flags, --from), close, update, show, list; bad input
// writes nothing and exits 2; many processes at once never lose or overwrite a record; a
// process killed mid-write leaves no partial record.
import { parse } from 'yaml';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, copyFixture, hasStackTrace, exec, runBin } from '../helpers/run.js';

afterAll(cleanup);

/** Every file under records/ (temp files included), relative to it. */
function recordFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, 'records', rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out.sort();
}

function load(dir: string, id: string): Record<string, unknown> {
  return jsyaml.load(readFileSync(join(dir, 'records', id.slice(0, 4), id.slice(4, 6), `${id}.yaml`), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
}

/** `check` accepts the ledger: no problem but the warnings about a killed writer's temporary files. */
async function expectClean(dir: string) {
  const r = await exec(['--ledger', dir, 'check', '--format', 'json']);
  expect(JSON.parse(r.stdout).problems.filter((p: { code: string }) => p.code !== 'leftover-temp')).toEqual([]);
  expect(r.code).toBe(0);
}

/** Run the bin without waiting (for parallel runs); resolves with code, signal and output. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', LANG: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('record (open) without a terminal', () => {
  it('creates the record from flags and prints only its id', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', 'customer=C-1042', '--set', 'serial=00123',
      '--set', 'assignee=ana', '--set', 'opened=2026-11-03T10:00:00+01:00', '--set', 'survey.csat=5', '--set', 'x-crm=44']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^20261103-[0-9a-hjkmnp-tv-z]{8}\n$/);
    const id = r.stdout.trim();
    const text = readFileSync(join(dir, `records/2026/11/${id}.yaml`), 'utf8');
    expect(text).toBe(`# yaml-language-server: $schema=../../../.aftersales/schema/record.json
id: ${id}
service: warranty-repair
procedure: warranty-repair@2
opened: 2026-11-03T10:00:00+01:00
customer: C-1042
serial: "00123"
assignee: ana
survey: { csat: 5 }
x-crm: "44"
`);
    await expectClean(dir);
  });

  it('defaults opened to now in the ledger time zone, in the folder of that month', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'record', 'open', '--service', 'warranty-repair']);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    const data = load(dir, id);
    expect(data.opened).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(id.slice(0, 8)).toBe(String(data.opened).slice(0, 10).replace(/-/g, ''));
    await expectClean(dir);
  });

  it('--from takes a YAML list from a file, or JSON from stdin; ids are generated when absent', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'batch.yaml'), `- { customer: C-1, opened: "2026-10-10T09:00:00+02:00", assignee: ana }
- { service: warranty-repair, customer: C-2, opened: "2026-09-30T23:30:00Z", closed: "2026-10-02T10:00:00+02:00", outcome: resolved, assignee: ana }
- { id: 20261012-abcdefgh, customer: C-3, opened: "2026-10-12T12:00:00+02:00" }
`);
    const r = await exec(['--ledger', dir, 'record', '--service', 'warranty-repair', '--from', join(dir, 'batch.yaml'), '--set', 'channel=email']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ids = r.stdout.trim().split('\n');
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^20261010-/);
    expect(ids[1]).toMatch(/^20261001-/); // 23:30 UTC on 30 Sept is 1 Oct in Madrid
    expect(ids[2]).toBe('20261012-abcdefgh');
    expect(load(dir, ids[1])).toMatchObject({ channel: 'email', opened: '2026-09-30T23:30:00Z', customer: 'C-2' });
    expect(existsSync(join(dir, `records/2026/10/${ids[1]}.yaml`))).toBe(true);

    const json = JSON.stringify({ service: 'warranty-repair', customer: 'C-4', opened: '2026-10-20T08:00:00+02:00' });
    const s = await exec(['--ledger', dir, 'record', '--from', '-'], { input: json });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^20261020-[0-9a-z]{8}\n$/);
    await expectClean(dir);
  });
});

describe('record (open): bad input writes nothing and exits 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown service', ['--service', 'warranty-repar'], /no service "warranty-repar" in services\/[\s\S]*did you mean "warranty-repair"/],
    ['unknown person', ['--service', 'warranty-repair', '--set', 'assignee=bob'], /assignee: no person "bob" in team.yaml/],
    ['unknown product', ['--service', 'warranty-repair', '--set', 'product=wm-301'], /product: no product "wm-301"[\s\S]*did you mean "wm-300"/],
    ['malformed --set', ['--service', 'warranty-repair', '--set', 'customer'], /bad --set "customer": expected path=value/],
    ['misspelt --set field', ['--service', 'warranty-repair', '--set', 'asignee=ana'], /unknown field "asignee" \(did you mean "assignee"\?\)/],
    ['not a number', ['--service', 'warranty-repair', '--set', 'visits=two'], /"two" is not a number/],
    ['bad enum', ['--service', 'warranty-repair', '--set', 'priority=hgh'], /priority: "hgh" is not allowed here[\s\S]*did you mean "high"/],
    ['closed before opened', ['--service', 'warranty-repair', '--set', 'opened=2026-11-03T10:00:00+01:00', '--set', 'closed=2026-11-02T10:00:00+01:00', '--set', 'outcome=resolved'],
      /closed: closed \(2026-11-02T10:00:00\+01:00\) is before opened/],
    ['closed without outcome', ['--service', 'warranty-repair', '--set', 'closed=2030-01-01T10:00:00+01:00'], /closed: a closed record needs an outcome/],
    ['unknown step (would not pass check)', ['--service', 'warranty-repair', '--set', 'steps.diagnos=done'], /procedure warranty-repair@2 has no step "diagnos"[\s\S]*did you mean "diagnose"/],
    ['future procedure version', ['--service', 'warranty-repair', '--set', 'procedure=warranty-repair@3'], /warranty-repair@3 is not a version of the procedure \(current is 2\)/],
    ['no service without a terminal', [], /missing answers: --service S/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const dir = copyFixture('minimal');
      const before = recordFiles(dir);
      const r = await exec(['--ledger', dir, 'record', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(recordFiles(dir)).toEqual(before);
    });
  }

  it('one invalid record in a --from list: none of them is written', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'batch.json'), JSON.stringify([
      { service: 'warranty-repair', customer: 'ok' },
      { service: 'warranty-repair', assignee: 'nobody' },
      { service: 'warranty-repair', id: '20261002-7k3qzm2a', opened: '2026-10-02T09:14:00+02:00' },
    ]));
    const before = recordFiles(dir);
    const r = await exec(['--ledger', dir, 'record', '--from', join(dir, 'batch.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('#2: assignee: no person "nobody"');
    expect(r.stderr).toContain('#3: record 20261002-7k3qzm2a already exists');
    expect(recordFiles(dir)).toEqual(before);
    const bad = await exec(['--ledger', dir, 'record', '--from', join(dir, 'missing.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read');
    const notRecords = await exec(['--ledger', dir, 'record', '--from', '-'], { input: '[1, 2]' });
    expect(notRecords.code).toBe(2);
    expect(notRecords.stderr).toContain('must hold one record');
  });
});

describe('concurrency and crashes', () => {
  it('20 processes at once: 20 distinct, complete, valid records', async () => {
    const dir = copyFixture('minimal');
    const runs = Array.from({ length: 20 }, (_, i) =>
      start(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', `customer=C-${i}`, '--set', 'opened=2026-11-05T10:00:00+01:00']).done,
    );
    const results = await Promise.all(runs);
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    const ids = results.map((r) => r.stdout.trim());
    expect(new Set(ids).size).toBe(20);
    const files = recordFiles(dir).filter((f) => f.startsWith('2026/11/20261105-'));
    expect(files).toHaveLength(20);
    const customers = ids.map((id) => load(dir, id).customer).sort();
    expect(customers).toEqual(Array.from({ length: 20 }, (_, i) => `C-${i}`).sort());
    expect(recordFiles(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
    await expectClean(dir);
  });

  it('a process that dies between writing the temporary file and linking it leaves no record', async () => {
    const dir = copyFixture('minimal');
    const before = recordFiles(dir);
    const r = runBin(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', 'opened=2026-11-05T10:00:00+01:00'], { env: { AFTERSALES_FAULT: 'after-temp-write' } });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe(''); // no id was printed: nothing was created
    const after = recordFiles(dir);
    const leftovers = after.filter((f) => !before.includes(f));
    // only the writer's hidden temporary file remains; it is not a record
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^2026\/11\/\.[0-9a-f]{12}\.tmp$/);
    await expectClean(dir);
    // …and `check` says so, as a warning
    const problems = JSON.parse((await exec(['--ledger', dir, 'check', '--format', 'json'])).stdout).problems;
    expect(problems.map((p: { file: string; code: string; severity: string }) => `${p.file} ${p.code} ${p.severity}`)).toEqual([`records/${leftovers[0]} leftover-temp warning`]);
    const list = await exec(['--ledger', dir, 'record', 'list', '--format', 'json']);
    expect(JSON.parse(list.stdout).records).toHaveLength(2);
  });

  it('processes killed at random moments leave only complete records', async () => {
    const dir = copyFixture('minimal');
    const runs = Array.from({ length: 12 }, (_, i) => {
      const s = start(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', `customer=K-${i}`]);
      setTimeout(() => s.child.kill('SIGKILL'), 40 + i * 15);
      return s.done;
    });
    await Promise.all(runs);
    await expectClean(dir);
  });
});

describe('record close, update, show, list', () => {
  it('close with flags: keeps the file, adds what closing needs; a second close is refused', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    const original = readFileSync(path, 'utf8').replace('customer: C-2001', 'customer: C-2001   # called twice');
    writeFileSync(path, original);
    const r = await exec(['--ledger', dir, 'record', 'close', 'q2m8', '--outcome', 'resolved', '--closed', '2026-11-04T16:30:00+01:00',
      '--step', 'diagnose=done', '--step', 'repair=done', '--step', 'handover-training=n/a',
      '--set', 'cause.category=material', '--set', 'parts=[{ref: BRG-22, qty: 1}]', '--set', 'visits=1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('closed 20261102-q2m8w1zd (records/2026/11/20261102-q2m8w1zd.yaml)\n');
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(original)).toBe(true); // every byte of the original is kept
    expect(text.slice(original.length)).toBe(`closed: 2026-11-04T16:30:00+01:00
outcome: resolved
steps:
  diagnose: done
  repair: done
  handover-training: n/a
cause:
  category: material
parts:
  - ref: BRG-22
    qty: 1
visits: 1
`);
    await expectClean(dir);
    const again = await exec(['--ledger', dir, 'record', 'close', 'q2m8', '--outcome', 'resolved']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already closed');
    expect(again.stderr).toContain('record update 20261102-q2m8w1zd');
  });

  it('close: a missing outcome, bad outcome, unknown step or closed before opened is exit 2 and changes nothing', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    const before = readFileSync(path, 'utf8');
    const cases: [string[], RegExp][] = [
      [[], /missing answers: --outcome O/],
      [['--outcome', 'fixed'], /--outcome "fixed" is not one of: resolved, unresolved/],
      [['--outcome', 'resolved', '--step', 'diagnos=done'], /"diagnos" is not one of[\s\S]*did you mean "diagnose"/],
      [['--outcome', 'resolved', '--step', 'diagnose=finished'], /"finished" is not one of: done, skipped, n\/a/],
      [['--outcome', 'resolved', '--closed', '2026-11-01T10:00:00+01:00'], /closed \(2026-11-01T10:00:00\+01:00\) is before opened/],
      [['--outcome', 'resolved', '--closed', 'yesterday'], /"yesterday" is not a valid timestamp/],
    ];
    for (const [args, message] of cases) {
      const r = await exec(['--ledger', dir, 'record', 'close', '20261102-q2m8w1zd', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(path, 'utf8')).toBe(before);
    }
  });

  it('close takes the words of the ledger language for codes (issue 15): --outcome "sin avería", --step x=hecho', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'aftersales.yaml'), readFileSync(join(dir, 'aftersales.yaml'), 'utf8').replace('locale: en', 'locale: es'));
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    const bad = await exec(['--ledger', dir, 'record', 'close', '20261102-q2m8w1zd', '--outcome', 'resulto']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--outcome "resulto" no es ninguno de estos: resuelto, "no resuelto", sustituido, reembolsado, "sin avería", cancelado');
    expect(bad.stderr).toContain('¿quería decir "resuelto"?');
    const r = await exec(['--ledger', dir, 'record', 'close', '20261102-q2m8w1zd', '--outcome', 'Sin Averia', '--step', 'diagnose=hecho', '--closed', '2026-11-03T10:00:00+01:00']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^outcome: no-fault-found$/m);
    expect(text).toMatch(/diagnose: done/);
  });

  it('close --step all=done marks every step, later --step flags are the exceptions (issue 16)', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    const r = await exec(['--ledger', dir, 'record', 'close', 'q2m8', '--outcome', 'resolved', '--step', 'handover-training=skipped', '--step', 'all=done', '--closed', '2026-11-03T10:00:00+01:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(parse(readFileSync(path, 'utf8')).steps).toEqual({ diagnose: 'done', repair: 'done', 'handover-training': 'skipped' });
  });

  it('pause, resume and cancel edit paused, closed, outcome and notes; refuse what makes no sense (issue 16)', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    const run = (...args: string[]) => exec(['--ledger', dir, 'record', ...args]);
    expect((await run('pause', 'q2m8', '--at', '2026-11-02T12:00:00+01:00')).code).toBe(2); // no reason
    expect((await run('resume', 'q2m8')).stderr).toContain('is not paused');
    expect((await run('pause', 'q2m8', '--reason', 'too early', '--at', '2026-11-02T08:00:00+01:00')).stderr).toContain('is before the record was opened');
    const p = await run('pause', 'q2m8', '--reason', 'waiting for parts', '--at', '2026-11-02T12:00:00+01:00');
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toBe('20261102-q2m8w1zd paused at 2026-11-02T12:00:00+01:00\n');
    expect((await run('pause', 'q2m8', '--reason', 'again')).stderr).toContain('is already paused since 2026-11-02T12:00:00+01:00');
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0); // a running pause is valid
    expect((await run('resume', 'q2m8', '--at', '2026-11-02T11:00:00+01:00')).stderr).toContain('is before the pause started');
    expect((await run('resume', 'q2m8', '--at', '2026-11-03T09:00:00+01:00')).code).toBe(0);
    expect((await run('pause', 'q2m8', '--reason', 'overlap', '--at', '2026-11-02T13:00:00+01:00')).stderr).toContain('falls inside an earlier pause');
    expect((await run('pause', 'q2m8', '--reason', 'customer away', '--at', '2026-11-03T12:00:00+01:00')).code).toBe(0);
    const c = await run('cancel', 'q2m8', '--reason', 'duplicate of 20261102-7k3qzm2a', '--at', '2026-11-04T09:00:00+01:00');
    expect(c.code, c.stderr).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('paused:\n  - from: 2026-11-02T12:00:00+01:00\n    to: 2026-11-03T09:00:00+01:00\n    reason: waiting for parts\n  - from: 2026-11-03T12:00:00+01:00\n    to: 2026-11-04T09:00:00+01:00\n    reason: customer away\n');
    expect(text).toContain('closed: 2026-11-04T09:00:00+01:00\noutcome: cancelled\n');
    expect(text).toContain('notes: "Cancelled on 2026-11-04T09:00:00+01:00: duplicate of 20261102-7k3qzm2a"');
    expect(text.startsWith('# yaml-language-server')).toBe(true); // the file's comment kept
    expect((await run('resume', 'q2m8')).stderr).toContain('is closed');
    expect((await exec(['--ledger', dir, 'check'])).code).toBe(0);
  });

  it('check refuses a running pause on a closed record, or one that is not the last', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}closed: 2026-11-04T09:00:00+01:00\noutcome: resolved\npaused:\n  - { from: 2026-11-03T09:00:00+01:00 }\n`);
    const r = await exec(['--ledger', dir, 'check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pause-not-ended');
  });

  it('update: sets and removes fields, keeps comments; an update that breaks the record is refused', async () => {
    const dir = copyFixture('minimal');
    const path = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    const r = await exec(['--ledger', dir, 'record', 'update', '7k3q', '--set', 'survey.csat=4', '--set', 'notes=second visit booked', '--set', 'x-crm-ref=']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('survey: { csat: 4, nps: 9, effort: 6, courtesy: 5, comment: "Very kind" }');
    expect(text).toContain('notes: second visit booked');
    expect(text).not.toContain('x-crm-ref');
    expect(text).toContain('paused:\n  - { from: 2026-10-03T09:00:00+02:00, to: 2026-10-03T15:00:00+02:00, reason: waiting for parts }');
    await expectClean(dir);

    const moved = await exec(['--ledger', dir, 'record', 'update', '7k3q', '--set', 'opened=2026-09-30T09:00:00+02:00']);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('belongs in records/2026/09/');
    expect(readFileSync(path, 'utf8')).toBe(text);
    const nothing = await exec(['--ledger', dir, 'record', 'update', '7k3q']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to update');
  });

  it('ids: an ambiguous prefix lists the candidates, an unknown id is exit 2', async () => {
    const dir = copyFixture('minimal');
    const amb = await exec(['--ledger', dir, 'record', 'show', '2026']);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('"2026" matches 2 records: 20261002-7k3qzm2a, 20261102-q2m8w1zd');
    const unknown = await exec(['--ledger', dir, 'record', 'close', 'zzzzzz', '--outcome', 'resolved']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no record with id or prefix "zzzzzz"');
    expect(hasStackTrace(unknown.stderr)).toBe(false);
  });

  it('show: the file as it is (yaml) or its data (json)', async () => {
    const dir = copyFixture('minimal');
    const y = await exec(['--ledger', dir, 'record', 'show', 'Q2M8W1ZD']);
    expect(y.code).toBe(0);
    expect(y.stdout).toBe(readFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'utf8'));
    const j = JSON.parse((await exec(['--ledger', dir, 'record', 'show', '20261002', '--format', 'json'])).stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.path).toBe('records/2026/10/20261002-7k3qzm2a.yaml');
    expect(j.record.parts).toEqual([{ ref: 'BRG-22', qty: 1, cost: 18.4 }]);
    expect((await exec(['--ledger', dir, 'record', 'show', '7k3q', '--format', 'xml'])).code).toBe(2);
  });

  it('list: sorted by opened then id, filtered by --open, --service, --period; table or JSON', async () => {
    const dir = copyFixture('minimal');
    const a = (await exec(['--ledger', dir, 'record', '--service', 'warranty-repair', '--set', 'opened=2026-11-02T09:14:00+01:00'])).stdout.trim();
    const all = JSON.parse((await exec(['--ledger', dir, 'record', 'list', '--format', 'json'])).stdout);
    expect(all.schemaVersion).toBe(1);
    expect(all.records.map((r: { id: string }) => r.id)).toEqual(['20261002-7k3qzm2a', ...['20261102-q2m8w1zd', a].sort()]);
    const open = JSON.parse((await exec(['--ledger', dir, 'record', 'list', '--open', '--period', '2026-10', '--format', 'json'])).stdout);
    expect(open.records).toEqual([]);
    const nov = JSON.parse((await exec(['--ledger', dir, 'record', 'list', '--open', '--period', '2026-11', '--service', 'warranty-repair', '--format', 'json'])).stdout);
    expect(nov.records).toHaveLength(2);
    const table = await exec(['--ledger', dir, 'record', 'list', '--period', '2026-Q4']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('20261002-7k3qzm2a');
    expect(table.stdout).toContain('2026-10-02 09:14');
    expect(table.stdout).toContain('3 record(s)');
    expect((await exec(['--ledger', dir, 'record', 'list', '--period', '2026-13'])).code).toBe(2);
    expect((await exec(['--ledger', dir, 'record', 'list', '--service', 'nope'])).code).toBe(2);
    const es = await exec(['--ledger', dir, '--lang', 'es', 'record', 'list', '--open']);
    expect(es.stdout).toContain('abierto');
    // a record file with errors is not listed, and that is said
    writeFileSync(join(dir, 'records/2026/11/20261103-zzzzzzzz.yaml'), 'id: 20261103-zzzzzzzz\nservice: warranty-repair\n');
    const broken = await exec(['--ledger', dir, 'record', 'list', '--format', 'json']);
    expect(JSON.parse(broken.stdout).records).toHaveLength(3);
    expect(broken.stderr).toContain('1 record file(s) with errors are not listed');
  });
});
