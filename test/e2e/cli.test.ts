// The CLI's contract: exit codes, no stack traces, languages, colour, init/schema/check.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, REPO, cleanup, copyFixture, hasStackTrace, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);

describe('exit codes and errors', () => {
  it('--help and --version exit 0', async () => {
    expect((await exec(['--help'])).code).toBe(0);
    const v = await exec(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command or option is a usage error: exit 2', async () => {
    const r = await exec(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command');
    expect((await exec(['check', '--bogus'])).code).toBe(2);
    expect((await exec(['--lang', 'fr', 'check'])).code).toBe(2);
  });

  it('no ledger: exit 2 with a hint, no stack trace', async () => {
    const dir = tempDir();
    const r = await exec(['check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no ledger found');
    expect(r.stderr).toContain('aftersales init');
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect((await exec(['--ledger', join(dir, 'nope'), 'check'])).code).toBe(2);
  });

  it('finds the ledger by walking up, or from AFTERSALES_LEDGER', async () => {
    const dir = copyFixture('minimal');
    const sub = join(dir, 'records', '2026');
    expect((await exec(['check'], { cwd: sub })).code).toBe(0);
    expect((await exec(['check'], { cwd: tempDir(), env: { AFTERSALES_LEDGER: dir } })).code).toBe(0);
  });

  it('a reader that closes the pipe early gets no stack trace (EPIPE)', async () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --ledger "${join(REPO, 'examples/electrodomesticos-sol')}" export --format csv | head -1`], {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stdout.startsWith('id,service,procedure,opened')).toBe(true);
    expect(r.stderr).not.toContain('EPIPE');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('an unknown --format is exit 2', async () => {
    const dir = copyFixture('minimal');
    expect((await exec(['--ledger', dir, 'check', '--format', 'xml'])).code).toBe(2);
  });
});

describe('check', () => {
  it('a clean ledger: exit 0', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--ledger', dir, 'check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no problems');
  });

  it('warnings exit 0, or 1 with --strict', async () => {
    const dir = copyFixture('minimal');
    // closed without the captures of its done steps: a completeness warning (SPEC §1.6)
    const file = join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + 'closed: 2026-11-03T10:00:00+01:00\noutcome: resolved\nsteps: { diagnose: done, repair: done }\n');
    const r = await exec(['--ledger', dir, 'check', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.problems).toEqual([
      expect.objectContaining({ code: 'incomplete-record', severity: 'warning', file: 'records/2026/11/20261102-q2m8w1zd.yaml', line: 11 }),
    ]);
    expect(out.problems[0].message).toContain('cause, parts');
    expect((await exec(['--ledger', dir, 'check', '--strict'])).code).toBe(1);
  });

  it('reports all problems, not the first, each with a hint', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'services/second.yaml'), 'id: second\nname: S\nowner: nobody\nprocedure: nothing\nrequirements: []\nbogus: 1\n');
    const r = await exec(['--ledger', dir, 'check', '--format', 'json']);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).problems.map((p: { code: string }) => p.code).sort();
    expect(codes).toEqual(['unknown-key']); // schema errors first: the file is invalid
    writeFileSync(join(dir, 'services/second.yaml'), 'id: second\nname: S\nowner: nobody\nprocedure: nothing\nrequirements: []\n');
    const r2 = JSON.parse((await exec(['--ledger', dir, 'check', '--format', 'json'])).stdout);
    expect(r2.problems.map((p: { code: string }) => p.code).sort()).toEqual(['unknown-procedure', 'unknown-role']);
    for (const p of r2.problems) expect(p.hint).not.toBe('');
  });

  it('github format escapes annotations', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'services/warranty-repair.yaml'), readFileSync(join(dir, 'services/warranty-repair.yaml'), 'utf8').replace('owner: service-manager', 'owner: service-manger'));
    const r = await exec(['--ledger', dir, 'check', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=services\/warranty-repair.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=unknown-role::/m);
    expect(r.stdout).toContain('%0A'); // message and hint on two lines, escaped
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('accepts a UTF-8 BOM and CRLF line endings', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    writeFileSync(file, '\ufeff' + readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    const r = await exec(['--ledger', dir, 'check']);
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
  });

  it('speaks Spanish with --lang es or the ledger locale, and colours only when allowed', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'services/second.yaml'), 'id: second\nname: S\nowner: nobody\nprocedure: warranty-repair\nrequirements: []\n');
    const es = await exec(['--ledger', dir, '--lang', 'es', 'check']);
    expect(es.stdout).toContain('no hay ningún rol');
    writeFileSync(join(dir, 'aftersales.yaml'), readFileSync(join(dir, 'aftersales.yaml'), 'utf8').replace('locale: en', 'locale: es'));
    expect((await exec(['--ledger', dir, 'check'])).stdout).toContain('no hay ningún rol');
    expect((await exec(['--ledger', dir, '--lang', 'en', 'check'])).stdout).toContain('no role');
    const plain = await exec(['--ledger', dir, 'check'], { env: { FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b['); // NO_COLOR wins
    const colour = await exec(['--ledger', dir, 'check'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(colour.stdout).toContain('\u001b[');
    expect((await exec(['--ledger', dir, '--no-color', 'check'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } })).stdout).not.toContain('\u001b[');
  });
});

describe('init and schema', () => {
  it('init makes a ledger that checks clean, with schemas and modelines', async () => {
    const dir = tempDir();
    const r = await exec(['init', 'ledger'], { cwd: dir });
    expect(r.code).toBe(0);
    const root = join(dir, 'ledger');
    for (const f of ['aftersales.yaml', 'team.yaml', '.gitignore', 'services', 'procedures', 'records', 'actions', 'inputs']) {
      expect(existsSync(join(root, f))).toBe(true);
    }
    expect(readFileSync(join(root, 'aftersales.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/\.aftersales\/schema\/settings\.json\n/);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toContain('.aftersales/');
    expect(existsSync(join(root, '.aftersales/schema/record.json'))).toBe(true);
    expect((await exec(['check'], { cwd: root })).code).toBe(0);
    // never over an existing ledger
    const again = await exec(['init', 'ledger'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a ledger');
  });

  it('init --example copies the example ledger, which checks without errors', async () => {
    const dir = tempDir();
    const r = await exec(['init', 'demo', '--example'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'demo/aftersales.yaml'))).toBe(true);
    const check = await exec(['check', '--format', 'json'], { cwd: join(dir, 'demo') });
    const errors = JSON.parse(check.stdout).problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('schema --out writes draft-07 JSON Schemas that allow x- keys and refuse others', async () => {
    const dir = tempDir();
    const r = await exec(['schema', '--out', join(dir, 's')]);
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(join(dir, 's/record.json'), 'utf8'));
    expect(record.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(record.additionalProperties).toBe(false);
    expect(record.patternProperties).toEqual({ '^x-': {} });
    expect(record.required).toEqual(['id', 'service', 'procedure', 'opened']);
    for (const kind of ['settings', 'team', 'service', 'procedure', 'products', 'sales', 'benchmarks', 'record', 'action', 'suggestions']) {
      expect(existsSync(join(dir, `s/${kind}.json`))).toBe(true);
    }
  });
});
