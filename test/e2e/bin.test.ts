// One run of the BUILT bin per command, in a process of its own (the rest of the suite runs the
// same program in-process through `execute`): the package's entry point, the lazy imports of
// each command from dist/, exit codes as a shell sees them, and output on real pipes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, runBin, tempDir } from '../helpers/run.js';

afterAll(cleanup);

describe('the built bin, one command each', () => {
  const dir = copyFixture('cycle');
  const L = ['--ledger', dir];
  const AS_OF = '2026-04-05T10:00:00+02:00';
  const ok = (args: string[], code = 0, input?: string) => {
    const r = runBin(args, { input });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(code);
    expect(hasStackTrace(r.stderr)).toBe(false);
    return r;
  };

  it('--help, --version, init, schema, check', () => {
    expect(ok(['--help']).stdout).toContain('Usage: aftersales');
    expect(ok(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const fresh = join(tempDir(), 'new');
    ok(['init', fresh]);
    expect(existsSync(join(fresh, 'aftersales.yaml'))).toBe(true);
    expect(ok(['--ledger', fresh, 'schema']).stdout).toContain('.aftersales/schema');
    expect(ok([...L, 'check']).stdout).toContain('no problems');
  });

  it('plan, status, team', () => {
    expect(ok(['plan', '--list-templates', '--format', 'json']).stdout).toContain('"warranty-repair"');
    expect(JSON.parse(ok([...L, 'status', '--format', 'json'], 1).stdout).schemaVersion).toBe(1);
    expect(ok([...L, 'team', 'list', '--format', 'json']).stdout).toContain('"marta"');
    ok([...L, 'team', 'add', 'zoe', '--name', 'Zoe', '--role', 'technician']);
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toContain('id: zoe');
  });

  it('record open / close / update / show / list, from stdin too', () => {
    const id = ok([...L, 'record', '--from', '-'], 0, JSON.stringify({ service: 'repair', opened: '2026-04-01T10:00:00+02:00', customer: 'C-77' })).stdout.trim();
    expect(id).toMatch(/^20260401-[0-9a-z]{8}$/);
    ok([...L, 'record', 'close', id, '--outcome', 'resolved', '--closed', '2026-04-02T10:00:00+02:00', '--step', 'diagnose=done', '--step', 'repair=done']);
    ok([...L, 'record', 'update', id, '--set', 'visits=1']);
    expect(ok([...L, 'record', 'show', id]).stdout).toContain('visits: 1');
    expect(ok([...L, 'record', 'list', '--format', 'json']).stdout).toContain(id);
  });

  it('control, report, export, import', () => {
    const json = JSON.parse(ok([...L, 'control', '--as-of', AS_OF, '--format', 'json', '--fail-on', 'never']).stdout);
    expect(json.period.label).toBe('2026-03');
    const html = join(tempDir(), 'r.html');
    ok([...L, 'report', '--as-of', AS_OF, '--out', html]);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const csv = ok([...L, 'export', '--format', 'csv']).stdout;
    expect(csv.split('\r\n')[0]).toMatch(/^id,service,procedure,opened/);
    const file = join(tempDir(), 'in.csv');
    writeFileSync(file, 'Ticket ID,Created at,Requester\nT-1,2026-04-03 09:00,C-88\n');
    expect(ok([...L, 'import', file, '--service', 'repair', '--map', 'opened=Created at', '--map', 'customer=Requester']).stdout).toMatch(/1/);
  });

  it('action, improve, due', () => {
    const id = ok([...L, 'action', 'open', '--type', 'preventive', '--service', 'repair', '--requirement', 'csat', '--title', 'T', '--owner', 'marta', '--verify-after', '2026-04-01', '--yes', '--as-of', '2026-04-05']).stdout.trim();
    expect(ok([...L, 'action', 'list', '--format', 'json']).stdout).toContain(id);
    ok([...L, 'action', 'close', id, '--date', '2026-04-06']);
    expect(ok([...L, 'action', 'verify', id, '--as-of', '2026-05-02']).stdout).toContain('repair/csat in 2026-04');
    expect(JSON.parse(ok([...L, 'improve', '--as-of', '2026-09-02', '--format', 'json']).stdout).schemaVersion).toBe(1);
    expect(JSON.parse(ok([...L, 'due', '--as-of', '2026-04-05', '--format', 'json']).stdout).schemaVersion).toBe(1);
  });
});
