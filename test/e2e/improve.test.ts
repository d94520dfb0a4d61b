// `improve` end to end on the cycle fixture: in 2026-06, 07 and 08 repair met every target
// (resolution time median 24, 22, 30 h ≤ 48 h; csat 90%, 100%, 90% ≥ 80%; adherence 100% ≥ 90%).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, exec } from '../helpers/run.js';

afterAll(cleanup);
const AS_OF = '2026-09-02';

function writeAction(dir: string, id: string, fields: string): void {
  mkdirSync(join(dir, 'actions'), { recursive: true });
  writeFileSync(join(dir, 'actions', `${id}.yaml`), `id: ${id}\ntype: corrective\ntitle: T\nservice: repair\nowner: marta\n${fields}`);
}

describe('improve', () => {
  it('proposes the worst of the last 3 values, rounded, with the benchmarks (JSON of SPEC §5)', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['improve', '--as-of', AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      proposals: [
        {
          service: 'repair', requirement: 'resolution-time', indicator: 'resolution_time',
          from: { max: 48, critical: 96 }, to: { max: 30, critical: 96 },
          values: [{ period: '2026-06', value: 24, n: 10 }, { period: '2026-07', value: 22, n: 10 }, { period: '2026-08', value: 30, n: 10 }],
          benchmarks: [{ source: 'Competitor X public SLA', value: 24 }], competition_ahead: true, description_mentions_old_target: false,
        },
        {
          service: 'repair', requirement: 'csat', indicator: 'csat',
          from: { min: 0.8, critical: 0.6 }, to: { min: 0.9, critical: 0.6 },
          values: [{ period: '2026-06', value: 0.9, n: 10 }, { period: '2026-07', value: 1, n: 10 }, { period: '2026-08', value: 0.9, n: 10 }],
          benchmarks: [{ source: 'Sector survey 2026', value: 0.85 }], competition_ahead: false, description_mentions_old_target: false,
        },
        {
          service: 'repair', requirement: 'adherence', indicator: 'procedure_adherence',
          from: { min: 0.9 }, to: { min: 1 },
          values: [{ period: '2026-06', value: 1, n: 10 }, { period: '2026-07', value: 1, n: 10 }, { period: '2026-08', value: 1, n: 10 }],
          benchmarks: [], competition_ahead: false, description_mentions_old_target: false,
        },
      ],
      held: [],
    });
    // deterministic to the byte
    expect((await exec(['improve', '--as-of', AS_OF, '--format', 'json'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('the table shows values, benchmarks, the competition ahead and the preventive action to open', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['improve', '--as-of', AS_OF], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('repair/resolution-time (resolution_time): ≤ 48 h (> 4 d critical) → ≤ 30 h (> 4 d critical)');
    expect(r.stdout).toContain('values: 2026-06 24 h (n=10), 2026-07 22 h (n=10), 2026-08 30 h (n=10)');
    expect(r.stdout).toContain('benchmark: Competitor X public SLA: 24 h  the competition is still ahead');
    expect(r.stdout).toContain('improve --apply');
    const line = r.stdout.split('\n').find((l) => l.includes('action open') && l.includes('--requirement csat'))!.trim();
    expect(line).toBe("aftersales action open --type preventive --service repair --requirement csat --title 'Hold csat of repair at the new target ≥ 90% (< 60% critical)'");
    // that command line opens a preventive action (given a due date here, no terminal)
    const args = line.replace(/^aftersales /, '').match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
    const opened = await exec([...args, '--due', '2026-10-01', '--as-of', AS_OF], { cwd: dir });
    expect(opened.code, opened.stderr).toBe(0);
    const text = readFileSync(join(dir, 'actions', `${opened.stdout.trim()}.yaml`), 'utf8');
    expect(text).toContain('type: preventive\ntitle: Hold csat of repair at the new target ≥ 90% (< 60% critical)\nservice: repair\nrequirement: csat\n');
  });

  it('holds back requirements with an open action, or an ineffective one no newer action follows', async () => {
    const dir = copyFixture('cycle');
    writeAction(dir, '20260801-aaaaaaaa', 'requirement: csat\nopened: 2026-08-01\nstatus: open\ndue: 2026-12-01\n');
    writeAction(dir, '20260501-bbbbbbbb', 'requirement: resolution-time\nopened: 2026-05-01\nstatus: ineffective\nclosed: 2026-05-10\nverification: { after: 2026-05-10, period: 2026-06, value: 50, result: ineffective }\n');
    const json = JSON.parse((await exec(['improve', '--as-of', AS_OF, '--format', 'json'], { cwd: dir })).stdout);
    expect(json.proposals.map((p: { requirement: string }) => p.requirement)).toEqual(['adherence']);
    const table = (await exec(['improve', '--as-of', AS_OF], { cwd: dir })).stdout;
    expect(table).toContain('repair/resolution-time: action 20260501-bbbbbbbb was ineffective and no newer action follows it');
    expect(table).toContain('repair/csat: open action 20260801-aaaaaaaa');
    // a newer (done) action on resolution time releases it
    writeAction(dir, '20260601-cccccccc', 'requirement: resolution-time\nopened: 2026-06-01\nstatus: done\nclosed: 2026-06-10\n');
    const r = await exec(['improve', '--as-of', AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const again = JSON.parse(r.stdout);
    expect(again.proposals.map((p: { requirement: string }) => p.requirement)).toEqual(['resolution-time', 'adherence']);
  });

  it('--periods N looks further back: a miss in any of them means no proposal', async () => {
    const dir = copyFixture('cycle');
    const json = JSON.parse((await exec(['improve', '--as-of', AS_OF, '--periods', '8', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.proposals.map((p: { requirement: string }) => p.requirement)).toEqual(['adherence']);
    expect(json.proposals[0].values).toHaveLength(8);
    const one = JSON.parse((await exec(['improve', '--as-of', AS_OF, '--periods', '1', '--format', 'json'], { cwd: dir })).stdout);
    expect(one.proposals[0].to).toEqual({ max: 30, critical: 96 });
    for (const bad of ['0', 'three', '-1', '1000']) {
      const r = await exec(['improve', '--periods', bad], { cwd: dir });
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--periods');
    }
    expect((await exec(['improve', '--format', 'yaml'], { cwd: dir })).code).toBe(2);
  });

  it('says so when nothing can be tightened (exit 0)', async () => {
    const dir = copyFixture('cycle');
    const r = await exec(['improve', '--as-of', '2026-04-02'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('repair/adherence'); // 100% every month
    const none = await exec(['improve', '--as-of', '2026-01-15'], { cwd: dir }); // 2025-10 … 12: no data
    expect(none.code).toBe(0);
    expect(none.stdout).toBe([
      'no requirement met its target in each of the last 3 complete periods (2025-10 … 2025-12) with room for a stricter one',
      '',
      'Not proposed:',
      '    repair/resolution-time: no data in 2025-10',
      '    repair/csat: no data in 2025-10',
      '    repair/adherence: no data in 2025-10',
      '',
    ].join('\n'));
  });

  it('--apply writes the new targets in the file\'s style, keeps every other byte, and a second run proposes nothing', async () => {
    const dir = copyFixture('cycle');
    const file = join(dir, 'services', 'repair.yaml');
    const before = readFileSync(file, 'utf8');
    const r = await exec(['improve', '--as-of', AS_OF, '--apply', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('updated services/repair.yaml\n');
    const after = readFileSync(file, 'utf8');
    const expected = before
      .replace('target: { max: 48h, critical: 96h }   # agreed with sales in 2026-01\n', 'target: { max: 30h, critical: 96h }   # agreed with sales in 2026-01\n    history:\n      - { date: 2026-09-02, from: { max: 48h, critical: 96h }, to: { max: 30h, critical: 96h } }\n')
      .replace('min: "80%"      # the sector average\n      critical: "60%"\n', 'min: "90%"      # the sector average\n      critical: "60%"\n    history:\n      - { date: 2026-09-02, from: { min: 80%, critical: 60% }, to: { min: 90%, critical: 60% } }\n')
      .replace('target: { min: 90% }\n', 'target: { min: 100% }\n    history:\n      - { date: 2026-09-02, from: { min: 90% }, to: { min: 100% } }\n');
    expect(after).toBe(expected);
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
    const again = JSON.parse((await exec(['improve', '--as-of', AS_OF, '--format', 'json'], { cwd: dir })).stdout);
    expect(again.proposals).toEqual([]);
  });

  it('--apply appends to an existing history, flow or block, in its own style', async () => {
    const dir = copyFixture('cycle');
    const file = join(dir, 'services', 'repair.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('# agreed with sales in 2026-01\n', '# agreed with sales in 2026-01\n    history: [{ date: 2026-01-01, from: { max: 72h }, to: { max: 48h, critical: 96h } }]\n')
      .replace('target: { min: 90% }\n', 'target: { min: 90% }\n    history:\n      - date: 2025-06-01\n        from: { min: 80% }\n        to: { min: 90% }\n');
    writeFileSync(file, text);
    expect((await exec(['improve', '--as-of', AS_OF, '--apply'], { cwd: dir })).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('    history: [{ date: 2026-01-01, from: { max: 72h }, to: { max: 48h, critical: 96h } }, { date: 2026-09-02, from: { max: 48h, critical: 96h }, to: { max: 30h, critical: 96h } }]\n');
    expect(after).toContain('    history:\n      - date: 2025-06-01\n        from: { min: 80% }\n        to: { min: 90% }\n      - { date: 2026-09-02, from: { min: 90% }, to: { min: 100% } }\n');
    expect((await exec(['check'], { cwd: dir })).code).toBe(0);
  });
});
