// Discovery never skips an entry in silence and never opens what is not a regular file
// (issue 12): FIFOs, sockets, folders named like files, files where folders must be, and
// symlinks leading out of the ledger are problems naming their path.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runCheck } from '../../../src/commands/check.js';
import { runControl } from '../../../src/commands/control.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { cleanup, copyFixture, tempDir } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const REC = 'records/2026/10/20261002-7k3qzm2a.yaml';

async function check(dir: string) {
  const io = memoryIO({ t });
  const r = await runCheck({ cwd: dir, io, ledger: dir, format: 'json' });
  return { code: r.exitCode, problems: r.problems.map((p) => `${p.file} ${p.code} ${p.severity}`) };
}

describe('entries that are not what the layout needs', () => {
  it('a FIFO named like a record: an error, and never opened (no hang)', async () => {
    const dir = copyFixture('minimal');
    expect(spawnSync('mkfifo', [join(dir, 'records/2026/10/20261003-fifo0000.yaml')]).status).toBe(0);
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.problems).toContain('records/2026/10/20261003-fifo0000.yaml not-a-regular-file error');
  });

  it('a socket named like an action: an error', async () => {
    const dir = copyFixture('minimal');
    const server = createServer();
    await new Promise<void>((ok) => server.listen(join(dir, 'actions/20261104-sock0000.yaml'), ok));
    try {
      expect((await check(dir)).problems).toContain('actions/20261104-sock0000.yaml not-a-regular-file error');
    } finally {
      server.close();
    }
  });

  it('a folder named x.yaml: an error', async () => {
    const dir = copyFixture('minimal');
    mkdirSync(join(dir, 'services/ghost.yaml'));
    expect((await check(dir)).problems).toContain('services/ghost.yaml not-a-regular-file error');
  });

  it('a file where records/2026/12 must be a folder: an error, and control refuses (exit 2)', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'records/2026/12'), 'oops');
    expect((await check(dir)).problems).toContain('records/2026/12 not-a-folder error');
    await expect(runControl({ cwd: dir, io: memoryIO({ t }), ledger: dir, asOf: '2026-12-01' })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('a record symlinked from inside the ledger is read; one from outside is an error', async () => {
    const dir = copyFixture('minimal');
    const outside = tempDir();
    renameSync(join(dir, REC), join(dir, 'kept.yaml'));
    symlinkSync(join(dir, 'kept.yaml'), join(dir, REC));
    const inside = loadLedger(dir, { cache: false });
    expect(inside.records.map((f) => f.path)).toContain(REC);
    expect((await check(dir)).problems.filter((p) => p.startsWith(REC))).toEqual([]);

    writeFileSync(join(outside, 'x.yaml'), readFileSync(join(dir, 'kept.yaml')));
    spawnSync('rm', [join(dir, REC)]);
    symlinkSync(join(outside, 'x.yaml'), join(dir, REC));
    expect((await check(dir)).problems).toContain(`${REC} symlink-outside error`);
    expect(loadLedger(dir, { cache: false }).records.map((f) => f.path)).not.toContain(REC);
  });

  it('a killed writer\'s temporary file is a warning (exit 0), another hidden file nothing', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'records/2026/10/.0123456789ab.tmp'), 'half');
    writeFileSync(join(dir, 'records/2026/10/.DS_Store'), 'x');
    const r = await check(dir);
    expect(r.code).toBe(0);
    expect(r.problems).toEqual(['records/2026/10/.0123456789ab.tmp leftover-temp warning']);
  });
});
