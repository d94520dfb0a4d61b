// `control --since REF` and `check --since REF` (issue 17, SPEC §5) on a fixture repository of
// three commits — a record added that breaks a target, the record fixed, a requirement changed —
// with the exact new / unchanged / fixed sets; a shallow clone without REF; SARIF 2.1.0 (checked
// against the official schema) and GitLab Code Quality output.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanup, copyFixture, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);
const require = createRequire(import.meta.url);

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'protocol.file.allow=always', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

const PERIOD = ['--period', '2026-11', '--as-of', '2026-12-05'];
// Closed after 9 days (resolution 5d, critical 7d: critical), otherwise complete and satisfied.
const RECORD = `id: 20261103-aaaa0001
service: warranty-repair
procedure: warranty-repair@2
opened: 2026-11-03T09:00:00+01:00
responded: 2026-11-03T10:00:00+01:00
closed: 2026-11-12T09:00:00+01:00
channel: phone
customer: C-9
product: wm-300
serial: SN-1
sold: 2025-06-01
assignee: ana
steps: { diagnose: done, repair: done }
outcome: resolved
cause: { category: material }
parts: [{ ref: BRG-22, qty: 1 }]
survey: { csat: 5, courtesy: 4.8 }
`;

type Json = { deviations: { key: string; change?: string }[]; since?: Record<string, unknown> };
const sets = (json: Json) => {
  const out: Record<string, string[]> = { new: [], unchanged: [], fixed: [] };
  for (const d of json.deviations) out[d.change!].push(d.key);
  return out;
};

describe('--since on a repository of three commits', () => {
  let dir: string;
  const commits: string[] = [];
  beforeAll(() => {
    dir = copyFixture('minimal');
    writeFileSync(join(dir, '.gitignore'), '.aftersales/\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    commits.push(git(dir, 'rev-parse', 'HEAD'));
    writeFileSync(join(dir, 'records/2026/11/20261103-aaaa0001.yaml'), RECORD); // breaks resolution-time
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'a slow repair');
    commits.push(git(dir, 'rev-parse', 'HEAD'));
  });

  const control = async (...args: string[]) => {
    const r = await exec(['--ledger', dir, 'control', ...PERIOD, '--format', 'json', ...args]);
    return { code: r.code, json: JSON.parse(r.stdout) as Json, stderr: r.stderr };
  };

  it('commit 1 adds a record that breaks a target: one new deviation, the overdue action unchanged', async () => {
    const r = await control('--since', commits[0]);
    expect(sets(r.json)).toEqual({ new: ['warranty-repair/resolution-time/2026-11'], unchanged: ['warranty-repair/action/2026-11'], fixed: [] });
    expect(r.json.since).toEqual({ ref: commits[0], commit: commits[0], new: 1, unchanged: 1, fixed: 0 });
    expect(r.code).toBe(1); // the new one is critical
    // the action deviation (a warning) was there before: with --since it does not fail the run
    expect((await control('--since', 'HEAD', '--fail-on', 'warning')).code).toBe(0);
    expect((await control('--fail-on', 'warning')).code).toBe(1);
  });

  it('commit 2 fixes the record: the deviation is listed as fixed, with its values at REF', async () => {
    const file = join(dir, 'records/2026/11/20261103-aaaa0001.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('closed: 2026-11-12T09:00:00+01:00', 'closed: 2026-11-04T09:00:00+01:00'));
    git(dir, 'commit', '-qam', 'fixed');
    commits.push(git(dir, 'rev-parse', 'HEAD'));
    const r = await control('--since', commits[1]);
    expect(sets(r.json)).toEqual({ new: [], unchanged: ['warranty-repair/action/2026-11'], fixed: ['warranty-repair/resolution-time/2026-11'] });
    expect(r.json.deviations.find((d) => d.key.includes('resolution-time'))).toMatchObject({ change: 'fixed', severity: 'critical', value: 216 });
    expect(r.code).toBe(0);
    const table = await exec(['--ledger', dir, 'control', ...PERIOD, '--since', commits[1]]);
    expect(table.stdout).toContain('[fixed] critical warranty-repair/resolution-time/2026-11');
    expect(table.stdout).toContain(`since ${commits[1]} (${commits[1].slice(0, 12)}): 0 new, 1 unchanged, 1 fixed`);
  });

  it('commit 3 changes a requirement: a new deviation from the plan, not from records', async () => {
    const file = join(dir, 'services/warranty-repair.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('target: { min: 4.5, critical: 4.0 }', 'target: { min: 4.9, critical: 4.0 }'));
    git(dir, 'commit', '-qam', 'stricter courtesy');
    commits.push(git(dir, 'rev-parse', 'HEAD'));
    const r = await control('--since', commits[2], '--fail-on', 'warning');
    expect(sets(r.json)).toEqual({ new: ['warranty-repair/courtesy/2026-11'], unchanged: ['warranty-repair/action/2026-11'], fixed: [] });
    expect(r.code).toBe(1);
    // over two commits: the slow repair came and went, the courtesy one is new
    expect(sets((await control('--since', commits[0])).json)).toEqual({ new: ['warranty-repair/courtesy/2026-11'], unchanged: ['warranty-repair/action/2026-11'], fixed: [] });
  });

  it('check --since: only the changed files, the whole ledger when the plan changed', async () => {
    // a broken record committed before REF is not reported; one changed since is
    const old = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    writeFileSync(old, readFileSync(old, 'utf8').replace('visits: 1', 'visits: one'));
    git(dir, 'commit', '-qam', 'broken old record');
    const head = git(dir, 'rev-parse', 'HEAD');
    const fresh = join(dir, 'records/2026/11/20261103-aaaa0001.yaml');
    writeFileSync(fresh, readFileSync(fresh, 'utf8').replace('channel: phone', 'channel: pigeon'));
    const r = await exec(['--ledger', dir, 'check', '--since', head, '--format', 'json']);
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { problems: { file: string }[] }).problems.map((p) => p.file);
    expect([...new Set(files)]).toEqual(['records/2026/11/20261103-aaaa0001.yaml']);
    const all = await exec(['--ledger', dir, 'check', '--since', commits[2], '--format', 'json']); // services changed since
    expect(new Set((JSON.parse(all.stdout) as { problems: { file: string }[] }).problems.map((p) => p.file))).toEqual(new Set(['records/2026/10/20261002-7k3qzm2a.yaml', 'records/2026/11/20261103-aaaa0001.yaml']));
    git(dir, 'checkout', '-q', '--', '.');
    git(dir, 'reset', '-q', '--hard', commits[3]);
  });

  it('a shallow clone without REF: exit 2 with the fetch-depth hint; an unknown ref: exit 2', async () => {
    const shallow = join(tempDir(), 'shallow');
    git(tempDir(), 'clone', '-q', '--depth', '1', `file://${dir}`, shallow);
    const r = await exec(['--ledger', shallow, 'control', ...PERIOD, '--since', 'HEAD~1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shallow clone');
    expect(r.stderr).toContain('fetch-depth: 0');
    expect((await exec(['--ledger', dir, 'control', ...PERIOD, '--since', 'no-such-branch'])).stderr).toContain('no such revision');
    const plain = await exec(['--ledger', copyFixture('minimal'), 'control', ...PERIOD, '--since', 'HEAD']); // not in git
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('needs the ledger in a git repository');
  });

  it('sarif is valid SARIF 2.1.0 (the official schema), located and fingerprinted; codequality too', async () => {
    const r = await exec(['--ledger', dir, 'control', ...PERIOD, '--since', commits[2], '--format', 'sarif', '--fail-on', 'never']);
    const sarif = JSON.parse(r.stdout);
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    // The official schema: oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json (commit e0583813).
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const results = sarif.runs[0].results as { ruleId: string; baselineState?: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[];
    const courtesy = results.find((x) => x.ruleId === 'aftersales/target')!;
    expect(courtesy.baselineState).toBe('new');
    const at = courtesy.locations[0].physicalLocation;
    expect(at.artifactLocation.uri).toBe('services/warranty-repair.yaml');
    const lines = readFileSync(join(dir, 'services/warranty-repair.yaml'), 'utf8').split('\n');
    expect(lines[at.region.startLine - 1]).toContain('id: courtesy');
    // the same deviation, the same fingerprint, run after run
    const again = JSON.parse((await exec(['--ledger', dir, 'control', ...PERIOD, '--format', 'sarif', '--fail-on', 'never'])).stdout);
    expect(again.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'aftersales/target').partialFingerprints).toEqual(courtesy.partialFingerprints);

    const cq = JSON.parse((await exec(['--ledger', dir, 'control', ...PERIOD, '--format', 'codequality', '--fail-on', 'never'])).stdout) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(cq.map((i) => i.check_name).sort()).toEqual(['aftersales/action', 'aftersales/target']);
    expect(cq.every((i) => /^[0-9a-f]{64}$/.test(i.fingerprint) && ['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity))).toBe(true);

    const check = JSON.parse((await exec(['--ledger', dir, 'check', '--format', 'sarif'])).stdout);
    expect(ajv.validate(schema, check)).toBe(true);
  });
});
