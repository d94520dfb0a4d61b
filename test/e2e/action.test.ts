// `action open | list | close | verify` end to end on the cycle fixture (records 2026-01 to
// 2026-08; in 2026-03 repair/resolution-time (60 h > 48 h) and repair/csat (50% < 60%) missed
// their targets; in 2026-05 csat was 70%, resolution time 20 h).
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, REPO, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);

const actionsOf = (dir: string) => (existsSync(join(dir, 'actions')) ? readdirSync(join(dir, 'actions')).filter((f) => f.endsWith('.yaml')).sort() : []);
const load = (dir: string, id: string) => jsyaml.load(readFileSync(join(dir, 'actions', `${id}.yaml`), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, any>;

describe('action open', () => {
  it('pre-fills from a deviation with --yes and prints the new id', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['action', 'open', '--deviation', 'repair/csat/2026-03', '--yes', '--as-of', '2026-04-05'], { cwd: dir });
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^20260405-[0-9a-z]{8}$/);
    expect(r.stderr).toBe(`opened action ${id} (actions/${id}.yaml)\n`);
    const a = load(dir, id);
    expect(a).toMatchObject({
      id, type: 'corrective', service: 'repair', requirement: 'csat', deviation: 'repair/csat/2026-03', opened: '2026-04-05',
      owner: 'marta', due: '2026-05-05', status: 'open', verification: { after: '2026-05-05' },
      title: 'Bring csat of repair back on target (missed in 2026-03)',
    });
    expect(a.analysis).toBeUndefined();
    // the plan: the deviation's suggestions, title and plan each
    expect(a.plan.split('\n')).toHaveLength(3);
    expect(a.plan).toMatch(/^[^\n]+: [^\n]+/);
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });

  it('takes every answer from flags, and a trend or --type preventive gives a preventive action', async () => {
    const dir = copyFixture('cycle');
    const r = await exec([
      'action', 'open', '--deviation', 'repair/resolution-time/2026-03', '--as-of', '2026-04-05', '--title', 'Second supplier for parts',
      '--owner', 'ana', '--due', '2026-04-20', '--plan', 'Sign with a second supplier', '--category', 'material',
      '--why', 'Repairs waited for parts', '--why', 'Stock ran out', '--root-cause', 'Reorder point too low', '--verify-after', '2026-04-30',
    ], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(load(dir, r.stdout.trim())).toEqual({
      id: r.stdout.trim(), type: 'corrective', title: 'Second supplier for parts', service: 'repair', requirement: 'resolution-time',
      deviation: 'repair/resolution-time/2026-03', opened: '2026-04-05', owner: 'ana', due: '2026-04-20',
      analysis: { category: 'material', whys: ['Repairs waited for parts', 'Stock ran out'], root_cause: 'Reorder point too low' },
      plan: 'Sign with a second supplier', status: 'open', verification: { after: '2026-04-30' },
    });
    const p = await exec(['action', 'open', '--type', 'preventive', '--service', 'repair', '--requirement', 'csat', '--title', 'Hold csat', '--due', '2026-10-01', '--as-of', '2026-09-02'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    expect(load(dir, p.stdout.trim())).toMatchObject({ type: 'preventive', service: 'repair', requirement: 'csat', owner: 'marta', due: '2026-10-01' });
  });

  it('without a terminal names the missing answers (exit 2) and writes nothing', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['action', 'open', '--deviation', 'repair/csat/2026-03', '--as-of', '2026-04-05'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing answers: --due DATE, --category 6M, --why TEXT, --root-cause TEXT');
    expect(r.stderr).toContain('--yes');
    const s = await exec(['action', 'open', '--yes', '--as-of', '2026-04-05'], { cwd: dir });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('missing answers: --title T, --owner ID');
    expect(actionsOf(dir)).toEqual([]);
    expect(hasStackTrace(r.stderr + s.stderr)).toBe(false);
  });

  it('an unknown deviation is exit 2 listing the deviations of its period', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['action', 'open', '--deviation', 'repair/resolution/2026-03', '--yes', '--as-of', '2026-04-05'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no deviation "repair/resolution/2026-03" in its period');
    expect(r.stderr).toContain('deviations of 2026-03: repair/csat/2026-03, repair/resolution-time/2026-03');
    expect(r.stderr).toContain('did you mean "repair/resolution-time/2026-03"?');
    const none = await exec(['action', 'open', '--deviation', 'repair/csat/2026-06', '--yes', '--as-of', '2026-07-05'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('2026-06 has no deviations');
    const bad = await exec(['action', 'open', '--deviation', 'repair-csat-2026-06', '--yes'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a deviation key');
    expect(actionsOf(dir)).toEqual([]);
  });

  it('refuses bad flags with exit 2 and writes nothing', async () => {
    const dir = copyFixture('cycle');
    const base = ['action', 'open', '--yes', '--as-of', '2026-04-05', '--title', 'T', '--owner', 'marta'];
    const cases: [string[], string][] = [
      [['--type', 'corective'], '--type "corective" is not one of: corrective, preventive'],
      [['--category', 'money'], '--category "money" is not one of: method, machine'],
      [['--due', '2026-02-30'], '--due: "2026-02-30" is not a date'],
      [['--due', '2026-04-01'], 'the due date 2026-04-01 is before the opening date 2026-04-05'],
      [['--service', 'repairs'], 'no service "repairs"'],
      [['--service', 'repair', '--requirement', 'speed'], 'no requirement "speed"'],
      [['--requirement', 'csat'], '--requirement needs --service'],
      [['--owner', 'nobody'], 'no person or role "nobody"'],
      [['--deviation', 'repair/csat/2026-03', '--service', 'other'], 'contradicts deviation repair/csat/2026-03'],
      [['--deviation', 'repair/csat/2026-03', '--deviation', 'repair/resolution-time/2026-03'], 'an action answers one deviation, 2 were given'],
    ];
    for (const [flags, message] of cases) {
      const r = await exec([...base, ...flags], { cwd: dir });
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr, flags.join(' ')).toContain(message);
    }
    expect(actionsOf(dir)).toEqual([]);
  });
});

describe('action list, close and verify', async () => {
  const dir = copyFixture('cycle');
  const open = async (key: string, due: string) => (await exec(['action', 'open', '--deviation', key, '--yes', '--due', due, '--as-of', '2026-04-05'], { cwd: dir })).stdout.trim();
  const a = await open('repair/resolution-time/2026-03', '2026-04-20');
  const b = await open('repair/csat/2026-03', '2026-04-30');

  it('lists the actions as a table and as JSON, filtered by --open, --overdue and --service', async () => {
    const table = await exec(['action', 'list', '--as-of', '2026-04-25'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(a);
    expect(table.stdout).toContain('overdue'); // a is due 2026-04-20
    expect(table.stdout).toContain('2 action(s)');
    const json = JSON.parse((await exec(['action', 'list', '--format', 'json', '--overdue', '--as-of', '2026-04-25'], { cwd: dir })).stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.actions.map((x: { id: string }) => x.id)).toEqual([a]);
    expect(JSON.parse((await exec(['action', 'list', '--format', 'json', '--open'], { cwd: dir })).stdout).actions).toHaveLength(2);
    expect((await exec(['action', 'list', '--service', 'repairs'], { cwd: dir })).code).toBe(2);
    expect((await exec(['action', 'list', '--format', 'xml'], { cwd: dir })).code).toBe(2);
  });

  it('closes an action by a prefix of its random part; a closed action cannot be closed again', async () => {
    const r = await exec(['action', 'close', a.slice(9, 13), '--date', '2026-04-18'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`closed ${a} on 2026-04-18 (actions/${a}.yaml)\n`);
    const text = readFileSync(join(dir, 'actions', `${a}.yaml`), 'utf8');
    expect(text).toContain('status: done\nclosed: 2026-04-18\nverification:');
    const again = await exec(['action', 'close', a], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`action ${a} is not open (status done, closed 2026-04-18)`);
    expect((await exec(['action', 'close', '2026'], { cwd: dir })).stderr).toContain('"2026" matches 2 actions');
    expect((await exec(['action', 'close', 'zzzz'], { cwd: dir })).code).toBe(2);
    expect((await exec(['action', 'close', b, '--date', '2026-04-01'], { cwd: dir })).stderr).toContain('is before the opening date');
  });

  it('verify says when it can run and writes nothing before the period is complete', async () => {
    const before = readFileSync(join(dir, 'actions', `${a}.yaml`), 'utf8');
    const r = await exec(['action', 'verify', a, '--as-of', '2026-05-31T23:59:00'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${a}: repair/resolution-time is measured in 2026-05, the first full period starting on or after 2026-04-20; run verify again on or after 2026-06-01\n`);
    expect(readFileSync(join(dir, 'actions', `${a}.yaml`), 'utf8')).toBe(before);
  });

  it('verify of an open action is exit 2: close it first', async () => {
    const r = await exec(['action', 'verify', b, '--as-of', '2026-07-01'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`action ${b} cannot be verified: its status is open`);
    expect(r.stderr).toContain(`aftersales action close ${b}`);
  });

  it('verify measures the requirement in the first full period starting on or after verification.after and writes the result', async () => {
    const r = await exec(['action', 'verify', a, '--as-of', '2026-06-01'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${a}: repair/resolution-time in 2026-05 = 20 h (n=10), target ≤ 48 h (> 4 d critical): effective → verified\n`);
    const data = load(dir, a);
    expect(data.status).toBe('verified');
    expect(data.verification).toEqual({ after: '2026-04-20', period: '2026-05', value: 20, result: 'effective' });
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
    const again = await exec(['action', 'verify', a, '--as-of', '2026-06-01'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('its status is verified (verification period 2026-05)');
  });

  it('verify without an id takes every done action due for verification', async () => {
    await exec(['action', 'close', b, '--date', '2026-04-29'], { cwd: dir });
    // b: after 2026-04-30 → 2026-05 (csat 70% < 80%): ineffective
    const r = await exec(['action', 'verify', '--as-of', '2026-06-02'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${b}: repair/csat in 2026-05 = 70% (n=10), target ≥ 80% (< 60% critical): ineffective — open a new action on it\n`);
    expect(load(dir, b)).toMatchObject({ status: 'ineffective', verification: { period: '2026-05', value: 0.7, result: 'ineffective' } });
    expect((await exec(['action', 'verify', '--as-of', '2026-06-02'], { cwd: dir })).stdout).toBe('no done action to verify\n');
  });
});

describe('action on a broken ledger', () => {
  it('refuses an invalid action file with exit 2 and no stack trace', async () => {
    const dir = copyFixture('cycle');
    const id = (await exec(['action', 'open', '--deviation', 'repair/csat/2026-03', '--yes', '--as-of', '2026-04-05'], { cwd: dir })).stdout.trim();
    const file = join(dir, 'actions', `${id}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: open', 'status: opened'));
    const r = await exec(['action', 'close', id], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`actions/${id}.yaml has errors`);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const v = await exec(['action', 'verify', '--as-of', '2026-09-01'], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('invalid file');
  });
});

describe('actions on service-wide deviations (the example ledger)', () => {
  it('an action on a compliance deviation is verified by counting the records that break the plan', async () => {
    const dir = tempDir('aftersales-example-');
    cpSync(join(REPO, 'examples', 'electrodomesticos-sol'), dir, { recursive: true });
    const open = await exec(['action', 'open', '--deviation', 'mantenimiento-preventivo/compliance/2026-09', '--yes', '--due', '2026-10-15', '--as-of', '2026-10-05'], { cwd: dir });
    expect(open.code, open.stderr).toBe(0);
    const id = open.stdout.trim();
    expect(load(dir, id)).toMatchObject({
      type: 'corrective', service: 'mantenimiento-preventivo', deviation: 'mantenimiento-preventivo/compliance/2026-09', owner: 'marta',
      title: 'Que las intervenciones de mantenimiento-preventivo vuelvan a seguir el plan (2026-09)', // the ledger's language
    });
    expect(load(dir, id).requirement).toBeUndefined();
    await exec(['action', 'close', id, '--date', '2026-10-14'], { cwd: dir });
    // 2026-11: three maintenance records skipped the mandatory safety test (example README (b))
    const v = await exec(['--lang', 'en', 'action', 'verify', id, '--as-of', '2026-12-02'], { cwd: dir });
    expect(v.stdout).toBe(`${id}: mantenimiento-preventivo/compliance in 2026-11 = 3 (n=14), target ≤ 0: ineffective — open a new action on it\n`);
    expect(load(dir, id)).toMatchObject({ status: 'ineffective', verification: { period: '2026-11', value: 3, result: 'ineffective' } });
  });
});
