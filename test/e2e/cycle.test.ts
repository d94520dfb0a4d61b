// The whole control → act → improve cycle on the cycle fixture, through the built bin:
// 2026-03 misses two targets → actions opened from the deviations (control: acknowledged) →
// closed → verified in 2026-05 (resolution time effective; csat ineffective → control reports a
// critical `action` deviation until a newer action follows) → three good periods (2026-06 … 08)
// → improve proposes → --apply → control judges 2026-08 by the new targets, and the service file
// keeps its comments (every byte outside the edited values and the history entries).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, exec } from '../helpers/run.js';

afterAll(cleanup);

interface Deviation { key: string; kind: string; severity: string; acknowledged: boolean; actions: string[] }
interface Control {
  services: { requirements: { id: string; value: number; target: Record<string, number>; status: string }[] }[];
  deviations: Deviation[];
}

describe('the quality cycle', () => {
  const dir = copyFixture('cycle');
  const aftersales = async (...args: string[]) => await exec(args, { cwd: dir });
  const control = async (asOf: string, ...args: string[]) => {
    const r = await aftersales('control', '--as-of', asOf, '--format', 'json', ...args);
    return { code: r.code, json: JSON.parse(r.stdout) as Control };
  };
  const action = (id: string) => jsyaml.load(readFileSync(join(dir, 'actions', `${id}.yaml`), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, any>;
  const serviceBefore = readFileSync(join(dir, 'services', 'repair.yaml'), 'utf8');
  let speed = '';
  let csat = '';
  let csat2 = '';

  it('1. control of 2026-03 finds two target deviations and fails on the critical one', async () => {
    const { code, json } = await control('2026-04-05');
    expect(code).toBe(1);
    expect(json.deviations.map((d) => [d.key, d.severity, d.acknowledged])).toEqual([
      ['repair/csat/2026-03', 'critical', false],
      ['repair/resolution-time/2026-03', 'warning', false],
    ]);
  });

  it('2. actions opened from the deviations acknowledge them; control passes', async () => {
    const flags = ['--yes', '--as-of', '2026-04-05', '--due', '2026-04-20', '--category', 'method', '--why', 'Jobs waited', '--root-cause', 'No daily review'];
    speed = (await aftersales('action', 'open', '--deviation', 'repair/resolution-time/2026-03', ...flags)).stdout.trim();
    csat = (await aftersales('action', 'open', '--deviation', 'repair/csat/2026-03', ...flags)).stdout.trim();
    expect(speed).toMatch(/^20260405-/);
    expect(csat).toMatch(/^20260405-/);
    const { code, json } = await control('2026-04-06');
    expect(json.deviations.map((d) => [d.key, d.acknowledged, d.actions])).toEqual([
      ['repair/csat/2026-03', true, [csat]],
      ['repair/resolution-time/2026-03', true, [speed]],
    ]);
    expect(code).toBe(0); // acknowledged deviations do not fail control
    expect((await control('2026-04-06', '--strict')).code).toBe(1);
  });

  it('3. an open action past its due date is an `action` deviation and no longer acknowledges', async () => {
    const { json } = await control('2026-04-25', '--period', '2026-03');
    expect(json.deviations.find((d) => d.kind === 'action')).toMatchObject({ key: 'repair/action/2026-03', severity: 'warning', actions: [csat, speed].sort() });
    expect(json.deviations.filter((d) => d.kind === 'target').every((d) => !d.acknowledged)).toBe(true);
  });

  it('4. close both; verify waits for the first full period after the due date', async () => {
    expect((await aftersales('action', 'close', speed, '--date', '2026-04-18')).code).toBe(0);
    expect((await aftersales('action', 'close', csat, '--date', '2026-04-19')).code).toBe(0);
    const early = await aftersales('action', 'verify', '--as-of', '2026-05-20');
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('run verify again on or after 2026-06-01');
    expect(action(speed).status).toBe('done');
  });

  it('5. verify: resolution time effective, csat ineffective → a critical `action` deviation', async () => {
    const r = await aftersales('action', 'verify', '--as-of', '2026-06-02');
    expect(r.code, r.stderr).toBe(0);
    expect(action(speed)).toMatchObject({ status: 'verified', verification: { after: '2026-04-20', period: '2026-05', value: 20, result: 'effective' } });
    expect(action(csat)).toMatchObject({ status: 'ineffective', verification: { after: '2026-04-20', period: '2026-05', value: 0.7, result: 'ineffective' } });
    const { code, json } = await control('2026-06-02');
    expect(code).toBe(1);
    expect(json.deviations.map((d) => [d.key, d.kind, d.severity, d.actions])).toEqual([
      ['repair/action/2026-05', 'action', 'critical', [csat]],
      ['repair/csat/2026-05', 'target', 'warning', []],
    ]);
  });

  it('6. a newer action on csat answers the ineffective one', async () => {
    csat2 = (await aftersales('action', 'open', '--deviation', 'repair/csat/2026-05', '--yes', '--as-of', '2026-06-03', '--due', '2026-06-25')).stdout.trim();
    const { code, json } = await control('2026-06-03');
    expect(json.deviations.map((d) => [d.key, d.acknowledged])).toEqual([['repair/csat/2026-05', true]]);
    expect(code).toBe(0);
    await aftersales('action', 'close', csat2, '--date', '2026-06-24');
    expect((await aftersales('action', 'verify', csat2, '--as-of', '2026-08-01')).stdout).toContain('in 2026-07 = 100% (n=10)');
    expect(action(csat2).status).toBe('verified');
  });

  it('7. after three good periods improve proposes stricter targets; --apply writes them', async () => {
    const proposals = JSON.parse((await aftersales('improve', '--as-of', '2026-09-02', '--format', 'json')).stdout).proposals;
    expect(proposals.map((p: { requirement: string; to: unknown }) => [p.requirement, p.to])).toEqual([
      ['resolution-time', { max: 30, critical: 96 }],
      ['csat', { min: 0.9, critical: 0.6 }],
      ['adherence', { min: 1 }],
    ]);
    const applied = await aftersales('improve', '--as-of', '2026-09-02', '--apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('applied 3 new target(s)');
  });

  it('8. control uses the new targets, and the service file keeps its comments', async () => {
    const { code, json } = await control('2026-09-02');
    expect(code).toBe(0);
    expect(json.services[0].requirements.map((r) => [r.id, r.target, r.status])).toEqual([
      ['resolution-time', { max: 30, critical: 96 }, 'ok'],
      ['csat', { min: 0.9, critical: 0.6 }, 'ok'],
      ['adherence', { min: 1 }, 'ok'],
    ]);
    const after = readFileSync(join(dir, 'services', 'repair.yaml'), 'utf8');
    // Remove the history entries and put the old values back: the original bytes, exactly.
    const restored = after
      .replace(/\n {4}history:\n {6}- \{[^\n]*\}/g, '')
      .replace('max: 30h, critical: 96h', 'max: 48h, critical: 96h')
      .replace('min: "90%"', 'min: "80%"')
      .replace('min: 100%', 'min: 90%');
    expect(restored).toBe(serviceBefore);
    for (const comment of ['# Home repair of appliances.', '# the main intake', '# agreed with sales in 2026-01', '# the sector average', '# end of file']) {
      expect(after).toContain(comment);
    }
    expect(after).toContain('    history:\n      - { date: 2026-09-02, from: { max: 48h, critical: 96h }, to: { max: 30h, critical: 96h } }\n');
    expect((await aftersales('check')).code).toBe(0);
  });

  it('9. with the new targets, a month like 2026-06 (csat 90%) still passes, a worse one would not', async () => {
    // 2026-06 resolution time 24 h ≤ 30 h; csat 90% ≥ 90%
    expect((await control('2026-09-02', '--period', '2026-06')).json.deviations.filter((d) => d.kind === 'target')).toEqual([]);
    // 2026-04 (resolution time 40 h, csat 80%) misses both new targets
    const april = (await control('2026-09-02', '--period', '2026-04')).json.deviations.filter((d) => d.kind === 'target').map((d) => d.key);
    expect(april).toEqual(['repair/csat/2026-04', 'repair/resolution-time/2026-04']);
  });
});
