// The parallel load (worker threads, ≥ 3000 files) and its sharded cache, end to end on a
// generated ledger: same problems cold and warm, the warm run parses nothing, and a file
// changed after the cold run is seen whichever thread cached it.
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

describe('parallel load and sharded cache', () => {
  const dir = tempDir('aftersales-parallel-');
  generateLedger({ records: 3500, out: dir, seed: 7, services: 2, months: 3 });
  const env = { AFTERSALES_TIMING: '1' };

  it('cold and warm runs agree; the warm one parses nothing', () => {
    const cold = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(cold.stderr)).toBeGreaterThan(3500);
    const shards = readdirSync(join(dir, '.aftersales/cache')).filter((n) => n.endsWith('.json'));
    expect(shards).toContain('files.json');
    expect(shards.length).toBeGreaterThanOrEqual(2); // files.json + a worker's shard (2 cores or more)
    const warm = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(warm.stderr)).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
  });

  it('sees a record changed after the cold run, in any shard; a few changes add a small shard', () => {
    const month = join(dir, 'records', readdirSync(join(dir, 'records')).sort().at(-1)!);
    const sub = join(month, readdirSync(month).sort().at(-1)!);
    const files = readdirSync(sub).sort();
    // one early and one late file: the main thread and the worker took different chunks
    for (const name of [files[0], files.at(-1)!]) {
      const file = join(sub, name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^service: .*$/m, 'service: nope'));
      const later = new Date(statSync(file).mtimeMs + 5000);
      utimesSync(file, later, later);
    }
    const r = runBin(['--ledger', dir, 'check', '--format', 'json'], { env });
    expect(parsedCount(r.stderr)).toBe(2);
    const unknown = JSON.parse(r.stdout).problems.filter((p: { code: string }) => p.code === 'unknown-service');
    expect(unknown).toHaveLength(2);
    // the cold run's shards stay; the two entries are a small shard of their own (folded in later)
    expect(readdirSync(join(dir, '.aftersales/cache')).filter((n) => n.endsWith('-m.json'))).toHaveLength(1);
    expect(parsedCount(runBin(['--ledger', dir, 'check'], { env }).stderr)).toBe(0);
  });
});
