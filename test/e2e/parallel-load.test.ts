// The parallel load (worker threads, ≥ 3000 files) and its cache — an index and the records'
// data by month folder — end to end on a generated ledger: same problems cold and warm, the
// warm run parses nothing, and a file changed after the cold run is seen whichever thread
// parsed it; only its month's bucket is written again.
import { readdirSync, readFileSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript generator
import { generateLedger } from '../../scripts/lib/ledger-gen.mjs';
import { cleanup, runBin, tempDir } from '../helpers/run.js';

afterAll(cleanup);

function parsedCount(stderr: string): number {
  return Number(/load: parse (\d+) files/.exec(stderr)?.[1] ?? NaN);
}

describe('parallel load and its cache', () => {
  const dir = tempDir('aftersales-parallel-');
  generateLedger({ records: 3500, out: dir, seed: 7, services: 2, months: 3 });
  const env = { AFTERSALES_TIMING: '1' };

  it('cold and warm runs agree; the warm one parses nothing', () => {
    const cold = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(cold.stderr)).toBeGreaterThan(3500);
    const months = readdirSync(join(dir, 'records')).flatMap((y) => readdirSync(join(dir, 'records', y)).map((m) => `records-${y}-${m}.json`));
    const cached = readdirSync(join(dir, '.aftersales/cache')).filter((n) => n.endsWith('.json')).sort();
    expect(cached).toEqual(['files.json', ...months].sort()); // the index, and one bucket per month folder
    const warm = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(warm.stderr)).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
  });

  it('sees a record changed after the cold run, whichever thread parsed it; once more than a few changed, only their month\'s bucket is written again', () => {
    const month = join(dir, 'records', readdirSync(join(dir, 'records')).sort().at(-1)!);
    const sub = join(month, readdirSync(month).sort().at(-1)!);
    const files = readdirSync(sub).sort();
    const change = (names: string[]) => {
      for (const name of names) {
        const file = join(sub, name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^service: .*$/m, 'service: nope'));
        const later = new Date(statSync(file).mtimeMs + 5000);
        utimesSync(file, later, later);
      }
    };
    // one early and one late file: the main thread and the worker took different chunks
    change([files[0], files.at(-1)!]);
    const cache = join(dir, '.aftersales/cache');
    const before = new Map(readdirSync(cache).map((n) => [n, readFileSync(join(cache, n))]));
    const r = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(r.stderr)).toBe(2);
    const unknown = JSON.parse(r.stdout).problems.filter((p: { code: string }) => p.code === 'unknown-service');
    expect(unknown).toHaveLength(2);
    expect(parsedCount(runBin(['--ledger', dir, 'check'], { env }).stderr)).toBe(2); // a few: parsed again, nothing written
    change(files.slice(1, 64));
    expect(parsedCount(runBin(['--ledger', dir, 'check'], { env }).stderr)).toBe(65);
    const bucket = `records-${sub.split('/').slice(-2).join('-')}.json`;
    const rewritten = readdirSync(cache).filter((n) => n.startsWith('records-') && !readFileSync(join(cache, n)).equals(before.get(n)!));
    expect(rewritten).toEqual([bucket]);
    expect(parsedCount(runBin(['--ledger', dir, 'check'], { env }).stderr)).toBe(0);
  });
});
