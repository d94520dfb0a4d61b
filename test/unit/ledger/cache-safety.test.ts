// Caches that never lie and never escape (issue 12): a corrupted cache is ignored and rebuilt
// (never a wrong number, never a crash), an edit that keeps the size and restores the mtime is
// still seen, caches are written only inside the real ledger folder, and only regular files of a
// plausible size are read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runCheck } from '../../../src/commands/check.js';
import { runControl } from '../../../src/commands/control.js';
import { cleanup, copyFixture, tempDir } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const AS_OF = '2026-04-05T10:00:00+02:00';

async function control(dir: string): Promise<{ out: string; err: string }> {
  const io = memoryIO({ t });
  await runControl({ cwd: dir, io, ledger: dir, asOf: AS_OF, format: 'json', failOn: 'never' });
  return { out: io.stdout.join(''), err: io.stderr.join('') };
}

/** The same ledger without any cache: what every cached run must print. */
async function truth(dir: string): Promise<string> {
  const copy = tempDir();
  spawnSync('cp', ['-a', `${dir}/.`, copy]);
  spawnSync('rm', ['-rf', join(copy, '.aftersales')]);
  return (await control(copy)).out.split(copy).join(dir);
}

describe('corrupted caches are ignored and rebuilt', () => {
  for (const name of ['facts.bin', 'files.json']) {
    it(`bit flips anywhere in ${name} never change the numbers or throw`, async () => {
      const dir = copyFixture('cycle');
      const expected = await truth(dir);
      expect((await control(dir)).out).toBe(expected); // writes the caches
      const file = join(dir, '.aftersales/cache', name);
      const good = readFileSync(file);
      let seed = 7;
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const bad = Buffer.from(good);
        const at = k === 0 ? bad.length - 1 : seed % bad.length; // the last byte, then anywhere
        bad[at] ^= 1 << (seed % 8);
        writeFileSync(file, bad);
        expect((await control(dir)).out, `flip at ${at}`).toBe(expected);
      }
      writeFileSync(file, good.subarray(0, good.length - 5)); // truncated
      expect((await control(dir)).out).toBe(expected);
      writeFileSync(file, 'not a cache');
      expect((await control(dir)).out).toBe(expected);
    });
  }

  it('bit flips in the records\' buckets never change what control and check say', async () => {
    const dir = copyFixture('cycle');
    const expected = await truth(dir);
    const checkOut = async () => {
      const io = memoryIO({ t });
      await runCheck({ cwd: dir, io, ledger: dir, format: 'json' });
      return io.stdout.join('');
    };
    const checked = await checkOut(); // cold: writes the caches
    expect((await control(dir)).out).toBe(expected);
    const cache = join(dir, '.aftersales/cache');
    const buckets = readdirSync(cache).filter((n) => n.startsWith('records-'));
    expect(buckets.length).toBeGreaterThan(1);
    let seed = 11;
    for (const name of buckets) {
      const good = readFileSync(join(cache, name));
      for (let k = 0; k < 3; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const bad = Buffer.from(good);
        bad[seed % bad.length] ^= 1 << (seed % 8);
        writeFileSync(join(cache, name), bad);
        expect((await control(dir)).out, `${name}: flip at ${seed % bad.length}`).toBe(expected);
        writeFileSync(join(cache, name), bad);
        expect(await checkOut(), `${name}: flip at ${seed % bad.length}`).toBe(checked);
      }
    }
  });

  it('an edit of the same size with the mtime restored (touch -r) is seen', async () => {
    const dir = copyFixture('cycle');
    await control(dir);
    const records = join(dir, 'records/2026/03');
    const name = readdirSync(records).sort()[0];
    const file = join(records, name);
    const ref = join(tempDir(), 'ref');
    writeFileSync(ref, '');
    spawnSync('touch', ['-r', file, ref]); // keep the mtime to the nanosecond, as `touch -r` does
    const before = statSync(file, { bigint: true });
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/^priority: \w+$/m, (l) => (l.endsWith('normal') ? 'priority: urgent' : l)).replace(/csat: (\d)/, (_, d) => `csat: ${d === '5' ? '1' : '5'}`);
    expect(edited.length).toBe(text.length);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    spawnSync('touch', ['-r', ref, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect((await control(dir)).out).toBe(await truth(dir));
  });
});

describe('caches stay inside the ledger', () => {
  for (const link of ['.aftersales', '.aftersales/cache']) {
    it(`${link} as a symlink out of the ledger: nothing written there, one warning`, async () => {
      const dir = copyFixture('minimal');
      const outside = tempDir();
      writeFileSync(join(outside, 'keep.txt'), 'mine');
      if (link === '.aftersales/cache') mkdirSync(join(dir, '.aftersales'));
      symlinkSync(outside, join(dir, link));
      const io = memoryIO({ t });
      const r = await runCheck({ cwd: dir, io, ledger: dir });
      expect(r.exitCode).toBe(0);
      expect(readdirSync(outside)).toEqual(['keep.txt']);
      const warnings = io.stderr.join('').split('\n').filter((l) => l.includes('leads out of the ledger'));
      expect(warnings).toEqual([`warning: ${link} leads out of the ledger: running without the cache (nothing is read from or written there)`]);
    });
  }

  it('a symlink inside the ledger is fine', async () => {
    const dir = copyFixture('minimal');
    mkdirSync(join(dir, 'derived'));
    symlinkSync(join(dir, 'derived'), join(dir, '.aftersales'));
    const io = memoryIO({ t });
    await runCheck({ cwd: dir, io, ledger: dir });
    expect(io.stderr.join('')).toBe('');
    expect(existsSync(join(dir, 'derived/cache/files.json'))).toBe(true);
  });

  it('a cache file that is a FIFO or a link to /dev/zero is not read (no hang, no 3 GB)', async () => {
    const dir = copyFixture('cycle');
    const expected = await truth(dir);
    mkdirSync(join(dir, '.aftersales/cache'), { recursive: true });
    expect(spawnSync('mkfifo', [join(dir, '.aftersales/cache/files.json')]).status).toBe(0);
    symlinkSync('/dev/zero', join(dir, '.aftersales/cache/facts.bin'));
    expect((await control(dir)).out).toBe(expected);
  });
});
