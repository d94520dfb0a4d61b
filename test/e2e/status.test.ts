// `aftersales status` end to end: a ready ledger exits 0, a ledger missing things exits 1 with
// the right ✗ lines, JSON for programs, and exit 2 only when a file it needs is broken.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, exec, tempDir } from '../helpers/run.js';

afterAll(cleanup);

/** The lines of one service's checklist in the table output. */
function block(stdout: string, service: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${service} — `));
  expect(start, service).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start, end);
}

describe('status on the minimal fixture', () => {
  it('every service ready: exit 0, a ✓ line per check', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['status', '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = block(r.stdout, 'warranty-repair');
    expect(lines[0]).toBe('warranty-repair — Warranty repair: ready');
    expect(lines.slice(1)).toHaveLength(11);
    expect(lines.slice(1).every((l) => l.startsWith('  ✓ '))).toBe(true);
    expect(r.stdout).toContain('✓ procedure                   warranty-repair version 2, effective since 2026-09-01');
    expect(r.stdout).toContain('1 of 1 service(s) ready');
  });

  it('JSON: schemaVersion, asOf, a checklist per service', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['status', '--format', 'json', '--as-of', '2026-11-26T12:00:00+01:00'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.asOf).toBe('2026-11-26');
    expect(json.services).toHaveLength(1);
    expect(json.services[0].id).toBe('warranty-repair');
    expect(json.services[0].ready).toBe(true);
    expect(json.services[0].checks.map((c: { id: string }) => c.id)).toEqual([
      'procedure', 'owner', 'step-roles', 'training', 'resources', 'need',
      'requirements-quantitative', 'requirements-qualitative', 'requirements-process', 'requirements-interpersonal', 'inputs',
    ]);
    expect(Object.keys(json.services[0].checks[0])).toEqual(['id', 'ok', 'detail']);
    // deterministic: same ledger, same flags, same bytes
    expect((await exec(['status', '--format', 'json', '--as-of', '2026-11-26'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('a procedure version not yet in force is not ready: exit 1', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['status', '--as-of', '2026-08-31'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ procedure                   warranty-repair version 2 takes effect on 2026-09-01');
    expect(r.stdout).toContain('warranty-repair — Warranty repair: not ready (1 missing)');
  });

  it('speaks the ledger\'s language or --lang', async () => {
    const dir = copyFixture('minimal');
    const r = await exec(['--lang', 'es', 'status', '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warranty-repair — Warranty repair: preparado');
    expect(r.stdout).toContain('✓ responsable cubierto');
  });
});

describe('status on a ledger missing things', () => {
  it('exit 1 with the right ✗ lines', async () => {
    const dir = copyFixture('plan-unready');
    const r = await exec(['status', '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    const warranty = block(r.stdout, 'warranty-repair');
    expect(warranty[0]).toBe('warranty-repair — Warranty repair: not ready (5 missing)');
    expect(warranty.filter((l) => l.startsWith('  ✗ '))).toEqual([
      '  ✗ owner staffed               nobody in team.yaml holds the role service-manager',
      '  ✗ step roles staffed          nobody holds dispatcher (steps register)',
      '  ✗ training                    ana: appliance-diagnostics expired on 2026-06-30; luis lacks appliance-diagnostics',
      '  ✗ interpersonal requirements  no interpersonal requirement',
      '  ✗ inputs of indicators        claim-rate (warranty_claim_rate) needs units sold in inputs/sales.yaml; load (utilisation) needs a resource with capacity',
    ]);

    const installation = block(r.stdout, 'installation');
    expect(installation.filter((l) => l.startsWith('  ✗ '))).toEqual([
      '  ✗ procedure                   installation version 1 takes effect on 2027-01-01',
      '  ✗ resources                   no resources declared',
      '  ✗ intake mechanisms           the scheduled need has no `every` interval',
    ]);

    expect(block(r.stdout, 'phone-support')[0]).toBe('phone-support — Phone support: ready');
    expect(r.stdout).toContain('1 of 3 service(s) ready');
    // services in id order
    expect(r.stdout.indexOf('installation —')).toBeLessThan(r.stdout.indexOf('phone-support —'));
    expect(r.stdout.indexOf('phone-support —')).toBeLessThan(r.stdout.indexOf('warranty-repair —'));

    const json = JSON.parse((await exec(['status', '--format', 'json', '--as-of', '2026-11-26'], { cwd: dir })).stdout);
    expect(json.services.map((s: { id: string; ready: boolean }) => [s.id, s.ready])).toEqual([
      ['installation', false], ['phone-support', true], ['warranty-repair', false],
    ]);
  });

  it('a ledger without services is not ready either', async () => {
    const dir = join(tempDir(), 'l');
    expect((await exec(['init', dir])).code).toBe(0);
    const r = await exec(['status'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No service is planned yet.');
    expect(JSON.parse((await exec(['status', '--format', 'json'], { cwd: dir })).stdout).services).toEqual([]);
  });
});

describe('status refuses only what it cannot judge', () => {
  it('a broken file it needs: exit 2 naming it', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'team.yaml'), 'roles:\n  - id: service-manager\n    nmae: Manager\npeople: []\n');
    const r = await exec(['status'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('files that status needs have errors (1 file(s))');
    expect(r.stderr).toMatch(/team\.yaml:3:5: unknown-key/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('broken records and actions do not matter to readiness', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'id: [unclosed\n');
    writeFileSync(join(dir, 'actions/20261103-a1b2c3d4.yaml'), 'nonsense: true\n');
    expect((await exec(['check'], { cwd: dir })).code).toBe(1);
    const r = await exec(['status', '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.code).toBe(0);
  });

  it('a missing team.yaml is a readiness finding, not a crash', async () => {
    const dir = copyFixture('minimal');
    rmSync(join(dir, 'team.yaml'));
    const r = await exec(['status', '--as-of', '2026-11-26'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ owner staffed               nobody in team.yaml holds the role service-manager');
  });

  it('bad flags and no ledger: exit 2', async () => {
    const dir = copyFixture('minimal');
    expect((await exec(['status', '--as-of', 'yesterday'], { cwd: dir })).stderr).toContain('"yesterday" is not a date or a timestamp');
    expect((await exec(['status', '--as-of', 'yesterday'], { cwd: dir })).code).toBe(2);
    expect((await exec(['status', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    const empty = tempDir();
    mkdirSync(join(empty, 'x'));
    expect((await exec(['status'], { cwd: join(empty, 'x') })).code).toBe(2);
  });
});
