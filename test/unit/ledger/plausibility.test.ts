// Plausibility warnings of `check` (issue 13, SPEC §1.6): dates in the future, a record opened
// before the procedure version it cites took effect, an action closed after today. Warnings:
// exit 0, or 1 with --strict.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runCheck } from '../../../src/commands/check.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const NOW = Date.parse('2026-12-02T10:00:00Z');

function addRecord(dir: string, id: string, fields: string): void {
  const folder = join(dir, 'records', id.slice(0, 4), id.slice(4, 6));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${id}.yaml`), `id: ${id}\nservice: warranty-repair\nprocedure: warranty-repair@2\n${fields}`);
}

async function check(dir: string, strict = false) {
  const io = memoryIO({ t, now: NOW });
  const r = await runCheck({ cwd: dir, io, ledger: dir, strict, format: 'json' });
  return { code: r.exitCode, problems: r.problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.severity}`), text: io.stdout.join('') };
}

describe('plausibility', () => {
  it('a record opened in 2027 is a future-date warning; exit 0, or 1 with --strict', async () => {
    const dir = copyFixture('minimal');
    addRecord(dir, '20270105-zzzz0001', 'opened: 2027-01-05T10:00:00+01:00\n');
    const r = await check(dir);
    expect(r.problems).toEqual(['records/2027/01/20270105-zzzz0001.yaml:4 future-date warning']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.text).problems[0].message).toBe('2027-01-05T10:00:00+01:00 is in the future (now: 2026-12-02 11:00)');
    expect((await check(dir, true)).code).toBe(1);
  });

  it('within a day of now is fine (clocks and time zones differ); a pause or closing tomorrow+ is not', async () => {
    const dir = copyFixture('minimal');
    addRecord(dir, '20261202-zzzz0002', 'opened: 2026-12-02T23:00:00+01:00\n');
    addRecord(dir, '20261201-zzzz0003', 'opened: 2026-12-01T10:00:00+01:00\nclosed: 2026-12-09T10:00:00+01:00\noutcome: resolved\nassignee: ana\nsteps: { diagnose: done, repair: done }\ncause: { category: material }\nparts: [{ ref: X, qty: 1 }]\n');
    expect((await check(dir)).problems).toEqual(['records/2026/12/20261201-zzzz0003.yaml:5 future-date warning']);
  });

  it('a record opened before the procedure version it cites took effect', async () => {
    const dir = copyFixture('minimal');
    // warranty-repair@2 took effect on 2026-09-01
    addRecord(dir, '20260815-zzzz0004', 'opened: 2026-08-15T10:00:00+02:00\n');
    const r = await check(dir);
    expect(r.problems).toEqual(['records/2026/08/20260815-zzzz0004.yaml:4 before-procedure warning']);
    expect(JSON.parse(r.text).problems[0].message).toBe('opened on 2026-08-15, before warranty-repair@2 took effect (2026-09-01)');
  });

  it('warm, from the checks the cache kept: the same warnings, and only records with a late instant are read (issue 17)', async () => {
    const dir = copyFixture('minimal');
    addRecord(dir, '20270105-zzzz0001', 'opened: 2027-01-05T10:00:00+01:00\n');
    addRecord(dir, '20260815-zzzz0004', 'opened: 2026-08-15T10:00:00+02:00\n');
    const cold = await check(dir);
    expect(cold.problems).toEqual(['records/2026/08/20260815-zzzz0004.yaml:4 before-procedure warning', 'records/2027/01/20270105-zzzz0001.yaml:4 future-date warning']);
    const cache = join(dir, '.aftersales/cache');
    for (const n of readdirSync(cache)) if (n.startsWith('records-')) rmSync(join(cache, n));
    expect((await check(dir)).text).toBe(cold.text);
    // rebuilt on demand: only the bucket of the record dated in the future was needed
    expect(readdirSync(cache).filter((n) => n.startsWith('records-'))).toEqual(['records-2027-01.json']);
  });

  it('an action closed tomorrow', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, 'actions/20261103-a1b2c3d4.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: open', 'status: done\nclosed: 2026-12-03'));
    const r = await check(dir);
    expect(r.problems).toEqual(['actions/20261103-a1b2c3d4.yaml:12 future-date warning']);
    expect(r.code).toBe(0);
  });
});
