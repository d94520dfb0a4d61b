// Content-keyed caches (issue 17): in a git work tree the parse cache is keyed by the files' blob
// ids, so a cache restored into a fresh clone (a CI cache) is fully used — no file parsed — and
// a changed blob is never served stale, whatever its size and mtime.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, runBin, tempDir } from '../helpers/run.js';

afterAll(cleanup);

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

/** How many files the load parsed (AFTERSALES_TIMING's phase line), and the JSON output. */
function control(dir: string): { parsed: number; json: { services: { requirements: { id: string; value: number | null }[] }[] } } {
  const r = runBin(['--ledger', dir, 'control', '--period', '2026-10', '--as-of', '2026-11-05', '--format', 'json', '--fail-on', 'never'], { env: { AFTERSALES_TIMING: '1' } });
  expect(r.code, r.stderr).toBe(0);
  const m = /load: parse (\d+) files/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return { parsed: Number(m![1]), json: JSON.parse(r.stdout) };
}

describe('content-keyed caches', () => {
  it('a cache restored into a fresh clone is fully used; a changed blob is parsed again', () => {
    const origin = copyFixture('minimal');
    writeFileSync(join(origin, '.gitignore'), '.aftersales/\n');
    git(origin, 'init', '-q');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'ledger');
    const files = git(origin, 'ls-files').split('\n').filter((f) => f.endsWith('.yaml')).length;
    expect(control(origin).parsed).toBe(files); // cold: everything
    expect(control(origin).parsed).toBe(0); // warm

    // CI: a fresh clone (new mtimes, ctimes, inodes) with the cache restored
    const clone = join(tempDir(), 'clone');
    git(tempDir(), 'clone', '-q', origin, clone);
    cpSync(join(origin, '.aftersales'), join(clone, '.aftersales'), { recursive: true });
    const restored = control(clone);
    expect(restored.parsed).toBe(0);
    expect(restored.json).toEqual(control(origin).json);

    // the same size, the mtime put back: still a different blob, so parsed and seen
    const record = join(clone, 'records/2026/10/20261002-7k3qzm2a.yaml');
    const before = statSync(record);
    const text = readFileSync(record, 'utf8');
    const edited = text.replace('closed: 2026-10-04T16:30:00+02:00', 'closed: 2026-10-05T16:30:00+02:00');
    expect(edited.length).toBe(text.length);
    writeFileSync(record, edited);
    utimesSync(record, before.atime, before.mtime);
    const after = control(clone);
    expect(after.parsed).toBe(1);
    const hours = (j: typeof after.json) => j.services[0].requirements.find((r) => r.id === 'resolution-time')!.value;
    expect(hours(after.json)).toBe(hours(restored.json)! + 24);
    // committed, and an untracked record added: only the files that differ from the cache's
    // index are parsed — on each run, while they are a few (the index is not written again)
    git(clone, 'commit', '-qam', 'later close');
    writeFileSync(join(clone, 'records/2026/10/20261003-aaaa0001.yaml'), 'id: 20261003-aaaa0001\nservice: warranty-repair\nprocedure: warranty-repair@2\nopened: 2026-10-03T09:00:00+02:00\n');
    expect(control(clone).parsed).toBe(2);
    expect(control(clone).parsed).toBe(2);
  });

  it('control --since reads the ledger at REF through the same cache: nothing re-parsed', () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, '.gitignore'), '.aftersales/\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'ledger');
    control(dir);
    writeFileSync(join(dir, 'records/2026/10/20261003-aaaa0001.yaml'), 'id: 20261003-aaaa0001\nservice: warranty-repair\nprocedure: warranty-repair@2\nopened: 2026-10-03T09:00:00+02:00\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'one more');
    control(dir);
    const r = runBin(['--ledger', dir, 'control', '--period', '2026-10', '--as-of', '2026-11-05', '--format', 'json', '--fail-on', 'never', '--since', 'HEAD~1'], { env: { AFTERSALES_TIMING: '1' } });
    expect(r.code, r.stderr).toBe(0);
    // two loads: the ledger now (the new record is not in the cache's index: parsed), then at
    // HEAD~1 (from git, not written anywhere) — every file served by the live ledger or its cache
    expect([...r.stderr.matchAll(/load(?: at revision)?: parse (\d+) files/g)].map((m) => Number(m[1]))).toEqual([1, 0]);
  });

  it('more than a few records changed: the index and their month\'s bucket are written again, not the others; a folder emptied loses its bucket', () => {
    const dir = copyFixture('minimal');
    control(dir);
    const cacheDir = join(dir, '.aftersales', 'cache');
    expect(readdirSync(cacheDir).filter((n) => n.startsWith('records-')).sort()).toEqual(['records-2026-10.json', 'records-2026-11.json']);
    const index = readFileSync(join(cacheDir, 'files.json'));
    const november = readFileSync(join(cacheDir, 'records-2026-11.json'));
    const add = (from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const id = `20261003-aaaa${String(k).padStart(4, '0')}`;
        writeFileSync(join(dir, `records/2026/10/${id}.yaml`), `id: ${id}\nservice: warranty-repair\nprocedure: warranty-repair@2\nopened: 2026-10-03T09:00:00+02:00\n`);
      }
    };
    add(0, 64); // a few: parsed on each run, nothing written
    expect(control(dir).parsed).toBe(64);
    expect(readFileSync(join(cacheDir, 'files.json'))).toEqual(index);
    add(64, 65); // one more than a few: written
    expect(control(dir).parsed).toBe(65);
    expect(readFileSync(join(cacheDir, 'records-2026-11.json'))).toEqual(november); // untouched
    expect(readFileSync(join(cacheDir, 'records-2026-10.json'), 'utf8')).toContain('20261003-aaaa0064');
    expect(control(dir).parsed).toBe(0); // the bucket serves them
    for (const f of readdirSync(join(dir, 'records/2026/11'))) rmSync(join(dir, 'records/2026/11', f));
    for (const f of readdirSync(join(dir, 'records/2026/10'))) if (f.startsWith('20261003-aaaa')) rmSync(join(dir, 'records/2026/10', f));
    expect(control(dir).parsed).toBe(0);
    expect(readdirSync(cacheDir).filter((n) => n.startsWith('records-'))).toEqual(['records-2026-10.json']);
  });

  it('outside git the caches keep the stat key, as before', () => {
    const dir = copyFixture('minimal'); // a temporary folder, in no repository
    expect(control(dir).parsed).toBeGreaterThan(0);
    expect(control(dir).parsed).toBe(0);
  });
});
