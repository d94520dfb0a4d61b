// The small parts of `plan`: target answers, the roles a plan adds, comment-keeping edits of
// the draft, and the gate that keeps plan from writing what `check` would refuse.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translator } from '../../../src/i18n/index.js';
import { assemble } from '../../../src/ledger/load.js';
import { Draft, wrapComment } from '../../../src/planning/draft.js';
import { gate } from '../../../src/planning/gate.js';
import { referencedRoles, rolesToAdd, teamText } from '../../../src/planning/roles.js';
import { formatTargetAnswer, parseTargetAnswer } from '../../../src/planning/target-answer.js';
import { findTemplate, loadTemplate } from '../../../src/planning/templates.js';

const t = translator('en');

describe('target answers', () => {
  it('show the default as "bound / critical"', () => {
    expect(formatTargetAnswer({ max: '5d', critical: '7d' })).toBe('5d / 7d');
    expect(formatTargetAnswer({ min: '95%' })).toBe('95%');
    expect(formatTargetAnswer({ min: 4.5, critical: 4 })).toBe('4.5 / 4');
  });

  it('read a bound and an optional critical level in the indicator unit', () => {
    expect(parseTargetAnswer('4d / 6d', 'max', 'resolution_time', t)).toEqual({ bound: '4d', critical: '6d' });
    expect(parseTargetAnswer('36', 'max', 'resolution_time', t)).toEqual({ bound: 36, critical: undefined });
    expect(parseTargetAnswer('90% / 0.8', 'min', 'csat', t)).toEqual({ bound: '90%', critical: 0.8 });
    expect(parseTargetAnswer('4.6', 'min', { type: 'mean', field: 'survey.courtesy' }, t)).toEqual({ bound: 4.6, critical: undefined });
  });

  it('say what is wrong', () => {
    expect(parseTargetAnswer('', 'max', 'cost', t)).toMatch(/write the target/);
    expect(parseTargetAnswer('5d', 'min', 'csat', t)).toBe('"5d" does not fit an indicator measured in ratio');
    expect(parseTargetAnswer('1.5', 'min', 'csat', t)).toMatch(/does not fit/);
    expect(parseTargetAnswer('90%', 'min', 'nps', t)).toMatch(/measured in score/);
    expect(parseTargetAnswer('5d / 3d', 'max', 'resolution_time', t)).toBe('with max, the critical level (3d) must lie beyond the target (5d)');
  });
});

describe('roles a plan adds', () => {
  const pool = [
    { id: 'service-manager', name: 'Service manager' },
    { id: 'lead', name: 'Lead', reports_to: 'service-manager' },
    { id: 'agent', name: 'Agent', reports_to: 'lead' },
    { id: 'unused', name: 'Unused' },
  ];

  it('the referenced roles, after the managers they report to, never twice', () => {
    const refs = referencedRoles({ owner: 'lead', resources: [{ name: 'A', kind: 'people', role: 'agent' }] }, { steps: [{ id: 's', name: 'S', role: 'agent' }] });
    expect(refs).toEqual(['lead', 'agent']);
    expect(rolesToAdd([], pool, refs).map((r) => r.id)).toEqual(['service-manager', 'lead', 'agent']);
    expect(rolesToAdd([{ id: 'service-manager', name: 'Boss' }], pool, refs)).toEqual([
      { id: 'lead', name: 'Lead', reports_to: 'service-manager' },
      { id: 'agent', name: 'Agent', reports_to: 'lead' },
    ]);
  });

  it('drops a reports_to that would point nowhere', () => {
    expect(rolesToAdd([], [{ id: 'x', name: 'X', reports_to: 'ghost' }], ['x'])).toEqual([{ id: 'x', name: 'X' }]);
  });

  it('edits team.yaml in place, keeping its comments, or writes a new one', () => {
    const before = '# our team\nroles:\n  - id: boss   # the boss\n    name: Boss\npeople: []  # nobody yet\n';
    const after = teamText(before, [{ id: 'agent', name: 'Agent', reports_to: 'boss' }]);
    expect(after.startsWith('# our team\nroles:\n  - id: boss   # the boss\n    name: Boss\n  - id: agent\n')).toBe(true);
    expect(after).toContain('people: []  # nobody yet');
    expect(parse(after).roles[1]).toEqual({ id: 'agent', name: 'Agent', reports_to: 'boss' });
    const fresh = teamText(undefined, [{ id: 'a', name: 'A' }]);
    expect(fresh.startsWith('# yaml-language-server: $schema=./.aftersales/schema/team.json\n')).toBe(true);
    expect(parse(fresh)).toEqual({ roles: [{ id: 'a', name: 'A' }], people: [] });
  });
});

describe('the draft', () => {
  const tpl = loadTemplate(findTemplate('warranty-repair', 'en', undefined, t), t);

  it('a replaced target keeps its comment and flow style', () => {
    const d = new Draft(tpl);
    d.set('service', ['requirements', 0, 'target'], { max: '4d' });
    expect(d.render('service', [])).toContain('target: { max: 4d } # common field-service SLA');
  });

  it('a removed item hands its section comment to the next one', () => {
    const d = new Draft(tpl);
    d.delete('service', ['requirements', 0]);
    const text = d.render('service', []);
    expect(text).toContain('  # --- quantitative ---\n  - id: first-response');
    expect(text).not.toContain('resolution-time');
  });

  it('header lines are comments above the document; long lines of our own are wrapped', () => {
    const d = new Draft(tpl);
    const lines = wrapComment('word '.repeat(30).trim(), 96);
    expect(lines.map((l) => l.length)).toEqual([94, 54]);
    const text = d.render('procedure', lines);
    expect(text.startsWith(`# ${lines[0]}\n# ${lines[1]}\n\nid: warranty-repair\n`)).toBe(true);
  });
});

describe('the gate', () => {
  it('reports problems only in the files plan writes', () => {
    const ledger = assemble('/nowhere', [
      { path: 'team.yaml', kind: 'team', data: { roles: [{ id: 'boss', name: 'Boss', reports_to: 'ghost' }], people: [] }, problems: [] },
    ], false);
    const service = 'id: s\nname: S\nowner: nobody\nprocedure: s\nrequirements:\n  - { id: r, kind: process, indicator: csat, target: { min: 5d } }\n';
    const procedure = 'id: s\nname: P\nversion: 1\neffective: 2026-01-01\nsteps: []\n';
    const { problems } = gate(ledger, [
      { path: 'services/s.yaml', kind: 'service', text: service },
      { path: 'procedures/s.yaml', kind: 'procedure', text: procedure },
    ], 1);
    // team.yaml's own unknown reports_to is not plan's to refuse
    expect(problems.map((p) => [p.file, p.code, p.path])).toEqual([
      ['services/s.yaml', 'unknown-role', ['owner']],
      ['services/s.yaml', 'target-unit', ['requirements', 0, 'target', 'min']],
    ]);
  });
});
