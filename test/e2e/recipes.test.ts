// The CI recipes in the repository (issue 17): the composite GitHub Action (action.yml), the
// pre-commit hook (.pre-commit-hooks.yaml) and the GitLab CI template (ci/gitlab-ci.yml). GitHub
// and GitLab cannot run here, so each test runs what the recipe would run — its shell steps,
// with the environment the platform would set — against a fixture repository with a pull
// request that adds a record breaking a target. Installing aftersales is replaced by the built
// checkout (an `aftersales` on PATH, or GITHUB_ACTION_PATH pointing here).
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, cleanup, copyFixture, tempDir } from '../helpers/run.js';

afterAll(cleanup);

// The recipes control the last complete month before now (they pass no --as-of): the slow repair
// is dated in it, whenever the suite runs.
const last = new Date();
last.setUTCDate(1);
last.setUTCMonth(last.getUTCMonth() - 1);
const YM = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
const SLOW_FILE = `records/${YM.replace('-', '/')}/${YM.replace('-', '')}03-aaaa0001.yaml`;
const SLOW = `id: ${YM.replace('-', '')}03-aaaa0001
service: warranty-repair
procedure: warranty-repair@2
opened: ${YM}-03T09:00:00Z
closed: ${YM}-12T09:00:00Z
channel: phone
assignee: ana
steps: { diagnose: done, repair: done }
outcome: resolved
cause: { category: material }
parts: [{ ref: BRG-22, qty: 1 }]
`;

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

let clone: string;
let shim: string;

beforeAll(() => {
  // "origin": main holds the fixture ledger; the clone is a pull request branch adding a slow repair
  const origin = copyFixture('minimal');
  writeFileSync(join(origin, '.gitignore'), '.aftersales/\n');
  git(origin, 'init', '-q', '-b', 'main');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'ledger');
  clone = join(tempDir(), 'clone');
  git(tempDir(), 'clone', '-q', origin, clone);
  git(clone, 'checkout', '-q', '-b', 'slow-repair');
  mkdirSync(join(clone, SLOW_FILE, '..'), { recursive: true });
  writeFileSync(join(clone, SLOW_FILE), SLOW);
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', 'a slow repair');
  shim = join(tempDir(), 'bin');
  mkdirSync(shim);
  writeFileSync(join(shim, 'aftersales'), `#!/usr/bin/env bash\nexec node "${join(REPO, 'bin', 'aftersales.js')}" "$@"\n`);
  chmodSync(join(shim, 'aftersales'), 0o755);
});

/** The environment of a CI job: this one's, minus what changes the output, plus the platform's. */
function jobEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shim}:${process.env.PATH}`, NO_COLOR: '1', LANG: 'C', CI: 'true', ...extra };
  for (const k of ['AFTERSALES_LEDGER', 'FORCE_COLOR']) if (!(k in extra)) delete env[k];
  return env;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): { code: number; out: string; err: string } {
  // as GitHub runs a bash step (and GitLab a job's lines): stop at the first failing command
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `${{ inputs.x }}` and `${{ github.x }}` of a step's env, as the runner would expand them. */
function expand(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => context[name] ?? '');
}

describe('GitHub Action (action.yml)', () => {
  const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { name?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> }[] };
  };

  function runAction(inputs: Record<string, string>) {
    const context: Record<string, string> = { 'github.base_ref': 'main', 'github.action_path': REPO };
    for (const [k, v] of Object.entries(action.inputs)) context[`inputs.${k}`] = inputs[k] ?? v.default;
    const summary = join(tempDir(), 'summary.md');
    writeFileSync(summary, '');
    const results: { name: string; code: number; out: string; err: string }[] = [];
    for (const step of action.runs.steps) {
      if (!step.run || step.name === 'Install aftersales') continue; // npm ci of this checkout: it is built already
      const env = jobEnv({ GITHUB_ACTION_PATH: REPO, GITHUB_STEP_SUMMARY: summary, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, context)])) });
      const r = bash(step.run, clone, env);
      results.push({ name: step.name ?? '', ...r });
      if (r.code !== 0) break; // a failing step ends the job
    }
    return { results, summary: readFileSync(summary, 'utf8') };
  }

  it('is a composite action that sets up Node 20 and restores the cache keyed by the aftersales version', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
    const cache = action.runs.steps.find((s) => s.uses?.startsWith('actions/cache'))!;
    expect(cache.with!.path).toContain('.aftersales/cache');
    expect(cache.with!.key).toContain('package-lock.json');
  });

  it('on the pull request: check passes, control fails on the new critical deviation, summary and SARIF written', () => {
    const { results, summary } = runAction({ sarif: 'true' });
    expect(results.map((r) => [r.name, r.code])).toEqual([['aftersales check', 0], ['aftersales control', 1]]);
    const control = results[1];
    expect(control.out).toMatch(/^::error file=services\/warranty-repair.yaml,line=\d+,title=target%3A warranty-repair\/resolution-time\//m);
    expect(summary).toMatch(/^## /m);
    const sarif = JSON.parse(readFileSync(join(clone, 'aftersales.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { baselineState?: string }) => r.baselineState === 'new')).toBe(true);
  });

  it('fail-on never: the job passes and still reports', () => {
    const { results } = runAction({ 'fail-on': 'never' });
    expect(results.map((r) => r.code)).toEqual([0, 0]);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('checks the ledger files being committed: a broken staged record stops the commit', () => {
    const [hook] = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[];
    expect(hook).toMatchObject({ id: 'aftersales-check', language: 'node', pass_filenames: false });
    const file = SLOW_FILE;
    expect(new RegExp(hook.files).test(file)).toBe(true);
    const env = jobEnv({});
    delete env.CI;
    expect(bash(hook.entry, clone, env).code).toBe(0);
    writeFileSync(join(clone, file), SLOW.replace('channel: phone', 'channel: pigeon'));
    git(clone, 'add', file);
    const broken = bash(hook.entry, clone, env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`${file}:6:10`);
    git(clone, 'checkout', '-q', 'HEAD', '--', file);
    expect(bash(hook.entry, clone, env).code).toBe(0);
  });
});

describe('GitLab CI template (ci/gitlab-ci.yml)', () => {
  it('on a merge request: check passes, a Code Quality report is left, only the new deviation fails the job', () => {
    const job = (parse(readFileSync(join(REPO, 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { variables: Record<string, string>; script: string[]; before_script: string[]; cache: { key: string; paths: string[] }; artifacts: { reports: { codequality: string } } }>).aftersales;
    expect(job.cache.paths).toEqual(['.aftersales/cache']);
    expect(job.cache.key).toContain('$AFTERSALES_VERSION');
    expect(job.before_script.join('\n')).toContain('npm install -g'); // replaced here by the built checkout
    const env = jobEnv({ ...job.variables, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
    // GitLab runs the lines in one shell; the first failing line fails the job
    const r = bash(job.script.join('\n'), clone, env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('deviation(s) at or above');
    const report = JSON.parse(readFileSync(join(clone, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string } }[];
    expect(report.map((i) => i.check_name)).toContain('aftersales/target');
    expect(existsSync(join(clone, 'aftersales-summary.md'))).toBe(true);
  });
});
