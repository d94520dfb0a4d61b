// The safe writer (issue 12): edits change exactly the key asked for, modes are kept, locks
// serialise edits and recover from a dead holder, killed writers' leftovers are cleaned, and a
// bad output path is a usage error before any work.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { FileBusyError, lockPathFor, replaceAtomic, updateFile, withFileLock } from '../../../src/ledger/write.js';
import { runRecordUpdate } from '../../../src/commands/record-update.js';
import { runControl } from '../../../src/commands/control.js';
import { runExport } from '../../../src/commands/export.js';
import { runSchema } from '../../../src/commands/schema.js';
import { runReport } from '../../../src/commands/report.js';
import { runTeamAdd } from '../../../src/commands/team-edit.js';
import { cleanup, copyFixture, tempDir } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const RECORD = 'records/2026/10/20261002-7k3qzm2a.yaml';

function recordWith(dir: string, tail: string): void {
  const file = join(dir, RECORD);
  const text = readFileSync(file, 'utf8').replace(/^survey: .*\n/m, '').replace(/^x-crm-ref: .*\n/m, '');
  writeFileSync(file, text + tail);
}

describe('record update --set key= removes exactly that key', () => {
  it('a block survey followed by notes: notes stays (issue 12 reproducer)', async () => {
    const dir = copyFixture('minimal');
    recordWith(dir, 'survey:\n  csat: 5\n  nps: 9\nnotes: keep me\n');
    const before = readFileSync(join(dir, RECORD), 'utf8');
    const io = memoryIO({ t });
    await runRecordUpdate({ cwd: dir, io, ledger: dir, id: '20261002-7k3qzm2a', set: ['survey='] });
    const after = readFileSync(join(dir, RECORD), 'utf8');
    expect(after).toBe(before.replace('survey:\n  csat: 5\n  nps: 9\n', ''));
    expect(YAML.parse(after).notes).toBe('keep me');
  });

  it('removing a list (parts) works and keeps the key after it', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, RECORD);
    writeFileSync(file, readFileSync(file, 'utf8').replace('parts: [{ ref: BRG-22, qty: 1, cost: 18.40 }]\n', 'parts:\n  - { ref: BRG-22, qty: 1, cost: 18.40 }\n'));
    const before = readFileSync(file, 'utf8');
    const io = memoryIO({ t });
    const r = await runRecordUpdate({ cwd: dir, io, ledger: dir, id: '20261002', set: ['parts='] });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before.replace('parts:\n  - { ref: BRG-22, qty: 1, cost: 18.40 }\n', ''));
  });

  it('removing a required key is refused, nothing written', async () => {
    const dir = copyFixture('minimal');
    const before = readFileSync(join(dir, RECORD), 'utf8');
    await expect(runRecordUpdate({ cwd: dir, io: memoryIO({ t }), ledger: dir, id: '20261002', set: ['outcome='] })).rejects.toMatchObject({ exitCode: 2 });
    expect(readFileSync(join(dir, RECORD), 'utf8')).toBe(before);
  });

  it('keeps a BOM and CRLF line endings', async () => {
    const dir = copyFixture('minimal');
    const file = join(dir, RECORD);
    const crlf = `\uFEFF${readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`;
    writeFileSync(file, crlf);
    await runRecordUpdate({ cwd: dir, io: memoryIO({ t }), ledger: dir, id: '20261002', set: ['cost=90'] });
    expect(readFileSync(file, 'utf8')).toBe(crlf.replace('cost: 84.50', 'cost: 90'));
  });
});

describe('atomic replacement', () => {
  it('keeps the mode of a private file', () => {
    const dir = tempDir();
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'roles: []\n');
    chmodSync(file, 0o600);
    replaceAtomic(file, 'roles: []\npeople: []\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('roles: []\npeople: []\n');
  });

  it('keeps team.yaml private through `team add`', async () => {
    const dir = copyFixture('minimal');
    chmodSync(join(dir, 'team.yaml'), 0o640);
    await runTeamAdd({ cwd: dir, io: memoryIO({ t }), ledger: dir, person: 'zoe', name: 'Zoe', role: ['technician'] });
    expect(statSync(join(dir, 'team.yaml')).mode & 0o777).toBe(0o640);
  });

  it('removes killed writers\' temporary files older than an hour, and only those', () => {
    const dir = tempDir();
    const old = join(dir, '.0123456789ab.tmp');
    const fresh = join(dir, '.ba9876543210.tmp');
    const other = join(dir, '.notes.tmp');
    for (const f of [old, fresh, other]) writeFileSync(f, 'x');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    utimesSync(other, twoHoursAgo, twoHoursAgo);
    replaceAtomic(join(dir, 'a.yaml'), 'a: 1\n');
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp')).sort()).toEqual(['.ba9876543210.tmp', '.notes.tmp']);
  });
});

describe('locks', () => {
  it('a lock left by a dead process is recovered', () => {
    const dir = tempDir();
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'a: 1\n');
    // pid 2^22+1 is above Linux's pid_max default: no such process.
    writeFileSync(lockPathFor(file), `4194305 ${hostname()} 2026-01-01T00:00:00Z\n`);
    updateFile(file, (text) => `${text}b: 2\n`);
    expect(readFileSync(file, 'utf8')).toBe('a: 1\nb: 2\n');
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('a lock held by a live process makes the edit wait, then fail with FileBusyError', () => {
    const dir = tempDir();
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'a: 1\n');
    process.env.AFTERSALES_LOCK_WAIT_MS = '150';
    try {
      withFileLock(file, () => {
        // held by this very (live) process: a second edit cannot take it
        expect(() => updateFile(file, () => 'b: 2\n')).toThrow(FileBusyError);
      });
    } finally {
      delete process.env.AFTERSALES_LOCK_WAIT_MS;
    }
    expect(readFileSync(file, 'utf8')).toBe('a: 1\n');
    expect(existsSync(lockPathFor(file))).toBe(false);
  });
});

describe('output paths are checked before any work', () => {
  const cases: [string, (dir: string) => Promise<unknown>, RegExp][] = [
    ['control --output DIR', (dir) => runControl({ cwd: dir, io: memoryIO({ t }), ledger: dir, output: dir }), /is a folder/],
    ['control --output team.yaml/x', (dir) => runControl({ cwd: dir, io: memoryIO({ t }), ledger: dir, output: 'team.yaml/x' }), /a part of team.yaml\/x is a file/],
    ['export --output /dev/null', (dir) => runExport({ cwd: dir, io: memoryIO({ t }), ledger: dir, output: '/dev/null' }), /not a regular file/],
    ['report --out team.yaml/x.html', (dir) => runReport({ cwd: dir, io: memoryIO({ t }), ledger: dir, out: 'team.yaml/x.html' }), /a part of team.yaml\/x.html is a file/],
    ['schema --out /dev/null', (dir) => runSchema({ cwd: dir, io: memoryIO({ t }), ledger: dir, out: '/dev/null' }), /\/dev\/null is not a folder/],
  ];
  for (const [name, run, message] of cases) {
    it(`${name}: usage error, exit 2, nothing written`, async () => {
      const dir = copyFixture('minimal');
      mkdirSync(join(dir, 'out'));
      const before = readdirSync(dir).sort();
      await expect(run(dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});
