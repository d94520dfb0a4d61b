// `control` end to end on the bundled example ledger (its planted problems are documented in
// examples/electrodomesticos-sol/README.md) and on broken input.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, REPO, exec, tempDir } from '../helpers/run.js';

const EXAMPLE = join(REPO, 'examples', 'electrodomesticos-sol');
const AS_OF = '2026-11-26T12:00:00+01:00';
const control = async (...args: string[]) => await exec(['--ledger', EXAMPLE, 'control', '--as-of', AS_OF, ...args]);

afterAll(cleanup);

interface Json {
  schemaVersion: number;
  period: { label: string };
  services: { id: string; requirements: { id: string; status: string }[] }[];
  deviations: {
    key: string; kind: string; severity: string;
    causes?: { dimension: string; value: string }[];
    records?: { id: string; problems: string[] }[];
    people?: { id: string; course: string; problem: string }[];
    responsible?: { role: string; people: string[] };
    suggestions?: string[];
  }[];
}

describe('control on the example ledger', async () => {
  const out = await control('--format', 'json');
  const json = JSON.parse(out.stdout) as Json;
  const dev = (key: string) => json.deviations.find((d) => d.key === key);

  it('controls the last complete period before --as-of and fails on critical deviations', async () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(json.schemaVersion).toBe(1);
    expect(json.period.label).toBe('2026-10');
  });

  it('names the slow technician as the top cause of slow warranty repairs, with the responsible', async () => {
    const d = dev('reparacion-garantia/tiempo-resolucion/2026-10')!;
    expect(d.kind).toBe('target');
    expect(d.causes![0]).toMatchObject({ dimension: 'assignee', value: 'luis' });
    expect(d.responsible).toEqual({ role: 'responsable-servicio', people: ['marta'] });
    expect(d.suggestions!.length).toBeGreaterThanOrEqual(1);
  });

  it('lists the records that skipped a mandatory step', async () => {
    const d = dev('mantenimiento-preventivo/compliance/2026-10')!;
    const skipped = d.records!.filter((r) => r.problems.includes('step-not-done')).map((r) => r.id);
    expect(skipped).toEqual(['20261020-11ntpk5h', '20261020-4drsk013', '20261027-50xh2hsr', '20261028-5rvpzhzm', '20261029-n91zcpgj']);
  });

  it('flags the expired course and its effect on trained staff', async () => {
    expect(dev('instalacion/training/2026-10')!.people).toEqual([{ id: 'jorge', course: 'gases-fluorados', problem: 'expired' }]);
    expect(dev('instalacion/personal-formado/2026-10')!.causes![0]).toMatchObject({ dimension: 'assignee', value: 'jorge' });
  });

  it('shows the satisfaction drop of 2026-08 when that month is controlled', async () => {
    const aug = JSON.parse((await control('--format', 'json', '--period', '2026-08')).stdout) as Json;
    const inst = aug.services.find((s) => s.id === 'instalacion')!;
    expect(inst.requirements.find((r) => r.id === 'satisfaccion')!.status).toBe('critical');
  });

  it('is deterministic to the byte', async () => {
    expect((await control('--format', 'json')).stdout).toBe(out.stdout);
  });
});

describe('control formats and flags', () => {
  it('table (default) in the ledger language, with statuses and deviations', async () => {
    const r = await control();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Control de calidad');
    expect(r.stdout).toContain('reparacion-garantia/tiempo-resolucion/2026-10');
    // compact (issue 15): one screen, one line per requirement, per deviation its headline and
    // then the responsible, the top cause and the first suggestion; codes shown as words
    expect(r.stdout.split('\n').length - 1).toBeLessThanOrEqual(60);
    expect(r.stdout).toContain('causa: técnico = luis (n=10: 42.1 h frente a 18.5 h)');
    expect(r.stdout).toMatch(/^ {2}personal-formado +de proceso +54\.8% /m);
    expect(r.stdout).not.toMatch(/│|┌|assignee|quantitative/);
    expect(r.stdout).not.toContain('\u001b[');
    const verbose = await control('--verbose');
    expect(verbose.stdout).toContain('causa: prioridad = normal (n=32): 36.6 h en el grupo, 27.2 h sin él');
    expect(verbose.stdout).toContain('20261020-11ntpk5h: paso obligatorio sin hacer');
    const en = (await exec(['--ledger', EXAMPLE, '--lang', 'en', 'control', '--as-of', AS_OF])).stdout;
    expect(en).toContain('Quality control');
    expect(en).toContain('cause: technician = luis (n=10: 42.1 h vs 18.5 h)');
  });

  it('markdown for a pull request comment', async () => {
    const r = await control('--format', 'markdown');
    expect(r.stdout).toMatch(/^## /);
    // only what Markdown needs is escaped (issue 15): ids and periods as they are
    expect(r.stdout).toContain('| reparacion-garantia | tiempo-resolucion |');
    expect(r.stdout).toContain('2026-10');
    expect(r.stdout).not.toMatch(/\\[-.()]/);
  });

  it('github annotations on the line of the requirement in the service file', async () => {
    const r = await control('--format', 'github');
    const line = r.stdout.split('\n').find((l) => l.includes('reparacion-garantia/tiempo-resolucion/2026-10'))!;
    expect(line).toMatch(/^::warning file=services\/reparacion-garantia.yaml,line=(\d+),title=target%3A reparacion-garantia\/tiempo-resolucion\/2026-10::/);
    const n = Number(/line=(\d+)/.exec(line)![1]);
    const text = readFileSync(join(EXAMPLE, 'services/reparacion-garantia.yaml'), 'utf8').split('\n');
    expect(text[n - 1]).toContain('id: tiempo-resolucion');
    expect(r.stdout.split('\n').filter(Boolean).every((l) => /^::(warning|error) /.test(l))).toBe(true);
  });

  it('junit: one testcase per requirement', async () => {
    const r = await control('--format', 'junit');
    const json = JSON.parse((await control('--format', 'json')).stdout) as Json;
    const requirements = json.services.reduce((n, s) => n + s.requirements.length, 0);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const cases = [...r.stdout.matchAll(/<testcase classname="([^"]+)"/g)].filter((m) => m[1] !== 'objectives' && m[1] !== 'deviations');
    expect(cases).toHaveLength(requirements);
    expect(r.stdout).toContain('<failure type="warning"');
  });

  it('--output writes the report to a file; --fail-on decides the exit code', async () => {
    const dir = tempDir();
    const file = join(dir, 'control.json');
    const r = await control('--format', 'json', '--output', file);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
    expect((await control('--fail-on', 'never')).code).toBe(0);
    expect((await control('--fail-on', 'warning')).code).toBe(1);
    expect((await control('--service', 'soporte-tecnico', '--format', 'json')).code).toBe(0);
  });

  it('bad flags are usage errors: exit 2', async () => {
    for (const args of [['--period', '2026-13'], ['--as-of', 'yesterday'], ['--service', 'nope'], ['--format', 'pdf'], ['--fail-on', 'sometimes']]) {
      const r = await control(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it('an invalid ledger is exit 2, naming the files (a report over skipped records would be a lie)', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('visits: 1', 'visits: one'));
    const r = await exec(['--ledger', dir, 'control', '--as-of', '2026-11-26']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records/2026/10/20261002-7k3qzm2a.yaml:17');
    expect(r.stdout).toBe('');
  });

  it('warnings (incomplete records) do not stop control', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + 'closed: 2026-11-03T10:00:00+01:00\noutcome: resolved\nsteps: { diagnose: done, repair: done }\n');
    const r = await exec(['--ledger', dir, 'control', '--as-of', '2026-12-02', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.period.label).toBe('2026-11');
    expect(json.deviations.find((d) => d.kind === 'compliance')!.records).toEqual([{ id: '20261102-q2m8w1zd', problems: ['field-missing'] }]);
  });
});

describe('control and its facts cache', () => {
  it('writes .aftersales/cache/facts.bin, and a second run from it prints the same, byte for byte', async () => {
    const dir = tempDir('aftersales-facts-e2e-');
    cpSync(EXAMPLE, dir, { recursive: true });
    rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
    const args = ['--ledger', dir, 'control', '--as-of', AS_OF, '--format', 'json'];
    const cold = await exec(args);
    expect(existsSync(join(dir, '.aftersales', 'cache', 'facts.bin'))).toBe(true);
    const warm = await exec(args);
    expect(warm.code).toBe(cold.code);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe((await control('--format', 'json')).stdout);
  });
});
