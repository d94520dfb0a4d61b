// Reads that never skip data in silence, caches that never lie, and a load that never hangs
// (issue 12), with real processes: workers that cannot start, die or stall; Ctrl-C during a cold
// load; unreadable folders as a non-root user.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript generator
import { generateLedger } from '../../scripts/lib/ledger-gen.mjs';
import { BIN, FIXTURES, cleanup, runBin, tempDir } from '../helpers/run.js';

afterAll(cleanup);

describe('parse workers that fail', () => {
  const dir = tempDir('aftersales-workers-');
  generateLedger({ records: 3200, out: dir, seed: 5, services: 2, months: 2 });
  const expected = runBin(['--ledger', dir, 'check', '--format', 'json']);
  const scripts = tempDir('aftersales-bad-worker-');
  writeFileSync(join(scripts, 'exits.mjs'), 'process.exit(0);\n');
  // takes the job, then never answers (as a worker stuck in a loop would)
  writeFileSync(join(scripts, 'stalls.mjs'), [
    "import { workerData } from 'node:worker_threads';",
    "workerData.port.on('message', () => { Atomics.store(workerData.shared, 1, 1); Atomics.store(workerData.shared, 4, 1); for (;;) {} });",
    '',
  ].join('\n'));

  const cases: [string, string][] = [
    ['a worker script that is missing', join(scripts, 'missing.mjs')],
    ['a worker that exits at once', join(scripts, 'exits.mjs')],
    ['a worker that takes the job and stalls', join(scripts, 'stalls.mjs')],
  ];
  for (const [name, script] of cases) {
    for (const pass of ['cold', 'warm']) {
      it(`${name}, ${pass}: the load falls back to this thread and gives the same answer`, () => {
        if (pass === 'cold') spawnSync('rm', ['-rf', join(dir, '.aftersales')]);
        const started = Date.now();
        const r = runBin(['--ledger', dir, 'check', '--format', 'json'], { env: { AFTERSALES_PARSE_WORKER: script } });
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(r.stdout).toBe(expected.stdout);
        expect(r.code).toBe(expected.code);
        expect(r.stderr).toBe('');
      }, 30_000);
    }
  }
});

describe('Ctrl-C', () => {
  it('ends a cold check within a second, leaving no cache half-written', async () => {
    const dir = tempDir('aftersales-sigint-');
    generateLedger({ records: 12000, out: dir, seed: 9, services: 2, months: 3 });
    const child = spawn(process.execPath, [BIN, '--ledger', dir, 'check'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    child.kill('SIGINT');
    const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (c, s) => done({ code: c, signal: s })));
    expect(Date.now() - sent).toBeLessThan(1000);
    // Ended by the signal itself: a shell reports 128 + 2 = 130.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    const cache = join(dir, '.aftersales', 'cache');
    const complete = existsSync(cache) ? readdirSync(cache).filter((n) => !n.endsWith('.tmp')) : [];
    // Whatever cache is there was renamed into place whole (and is checksummed): the next run
    // gives the same answer as one without any cache.
    const next = runBin(['--ledger', dir, 'check', '--format', 'json']);
    expect(complete.every((n) => n.endsWith('.json') || n.endsWith('.bin'))).toBe(true);
    spawnSync('rm', ['-rf', cache]);
    expect(next.stdout).toBe(runBin(['--ledger', dir, 'check', '--format', 'json']).stdout);
  });
});

/** setpriv (util-linux) drops to `nobody` for the tests that need a non-root user. */
function asNobody(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', LANG: 'C' };
  delete env.AFTERSALES_LEDGER;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const canDrop = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
const asUser = process.getuid?.() !== 0;
if (!canDrop && !asUser) console.log('skipped: unreadable-folder tests need a non-root user or setpriv');

describe.runIf(canDrop || asUser)('an unreadable folder is an error, never skipped', () => {
  const dir = tempDir('aftersales-unreadable-');
  chmodSync(dir, 0o755);
  cpSync(join(FIXTURES, 'ledgers', 'minimal'), join(dir, 'l'), { recursive: true });
  const ledger = join(dir, 'l');
  spawnSync('chmod', ['-R', 'a+rwX', ledger]);
  chmodSync(join(ledger, 'records', '2026', '11'), 0o000);
  const exec = (args: string[]) => (canDrop ? asNobody(['--ledger', ledger, ...args], dir) : runBin(['--ledger', ledger, ...args]));

  it('check: exit 1 naming the folder', () => {
    const r = exec(['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const problems = JSON.parse(r.stdout).problems;
    expect(problems).toContainEqual(expect.objectContaining({ file: 'records/2026/11', code: 'unreadable-folder', severity: 'error' }));
  });

  it('control: exit 2 naming it', () => {
    const r = exec(['control', '--as-of', '2026-12-01']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('records/2026/11');
  });
});
