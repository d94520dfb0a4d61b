// Fault injection (issue 12), a short run of scripts/fault-inject.mjs (`npm run faults` runs
// 200 kills): writers killed with SIGKILL at random moments and at the writer's critical points
// leave a ledger that `check` accepts, and every success they reported is in it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run.js';

describe('kill -9 at random points of the writers', () => {
  it('leaves a valid ledger holding every reported success', async () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'fault-inject.mjs'), '--kills', '16', '--seed', '3'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^fault injection: 1[6-7] kills, \d+ commands succeeded, \d+ refused; check: exit 0, 0 errors/m);
    expect(r.stdout).not.toContain('BROKEN');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
