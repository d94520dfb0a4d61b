// Concurrent edits (issue 12): 16 real processes edit one record, or team.yaml, at once. Every
// edit that reports success must be in the file afterwards; one that fails says why (exit 2).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { BIN, cleanup, copyFixture } from '../helpers/run.js';

afterAll(cleanup);

function runAsync(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
    delete env.AFTERSALES_LEDGER;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const WRITERS = 16;

describe('parallel edits of one file lose nothing', () => {
  for (const round of [1, 2]) {
    it(`16 record updates of one record, round ${round}`, async () => {
      const dir = copyFixture('minimal');
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, n) => runAsync(['record', 'update', '20261002-7k3qzm2a', '--set', `x-g${n}=${n}`], dir)),
      );
      const data = YAML.parse(readFileSync(join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml'), 'utf8'));
      results.forEach((r, n) => {
        if (r.code === 0) expect(data[`x-g${n}`], r.stdout + r.stderr).toBe(String(n)); // x- values are kept as typed text
        else expect(r.code, r.stderr).toBe(2);
      });
      // With a lock and a 10 s wait every writer gets its turn.
      expect(results.map((r) => r.code)).toEqual(Array(WRITERS).fill(0));
      expect(data.cost).toBe(84.5); // the rest of the record is intact
    });
  }

  it('16 `team add` at once: every person reported added is in team.yaml', async () => {
    const dir = copyFixture('minimal');
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, n) => runAsync(['team', 'add', `p${n}`, '--name', `Person ${n}`, '--role', 'technician'], dir)),
    );
    const people = (YAML.parse(readFileSync(join(dir, 'team.yaml'), 'utf8')).people as { id: string }[]).map((p) => p.id);
    results.forEach((r, n) => {
      if (r.code === 0) expect(people, r.stdout).toContain(`p${n}`);
      else expect(r.code, r.stderr).toBe(2);
    });
    expect(results.map((r) => r.code)).toEqual(Array(WRITERS).fill(0));
    expect(people).toHaveLength(2 + WRITERS);
  });
});
