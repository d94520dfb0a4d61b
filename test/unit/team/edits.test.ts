// team.yaml edits keep every byte outside the new item and follow the file's own style; the
// writer verifies the result and never overwrites a file changed behind its back.
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendPerson, appendRole, appendTraining } from '../../../src/team/edits.js';
import { newTeamText, readTeam, verifyTeamText, writeTeam } from '../../../src/team/file.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { translator } from '../../../src/i18n/index.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');

const TEAM = `# our team
roles:
  - id: manager   # the boss
    name: Manager
  - id: technician
    name: Technician

people:
  - id: ana
    name: Ana
    roles: [technician]    # aligned comment
    training:
      - { course: diagnostics, completed: 2026-03-10 }
  - id: luis
    name: Luis
    roles: [technician]
# trailing comment
`;

/** `after` is `before` with `inserted` spliced in at one place: nothing else changed. */
function insertedOnly(before: string, after: string, inserted: string): void {
  const at = after.indexOf(inserted);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(after.slice(0, at) + after.slice(at + inserted.length)).toBe(before);
}

describe('edits', () => {
  it('appends a role after the last one', () => {
    const out = appendRole(TEAM, { id: 'agent', name: 'Support: phone', reports_to: 'manager' });
    insertedOnly(TEAM, out, '  - id: agent\n    name: "Support: phone"\n    reports_to: manager\n');
    expect(out.indexOf('id: agent')).toBeLessThan(out.indexOf('\npeople:'));
  });

  it('appends a person with roles in the flow style of the file', () => {
    const out = appendPerson(TEAM, { id: 'pablo', name: 'Pablo', email: 'p@x.es', roles: ['technician', 'manager'] }, 2);
    insertedOnly(TEAM, out, '  - id: pablo\n    name: Pablo\n    email: p@x.es\n    roles: [technician, manager]\n');
    expect(out.endsWith('# trailing comment\n')).toBe(true);
  });

  it('uses block roles when the file does', () => {
    const block = 'roles:\n  - id: t\n    name: T\npeople:\n  - id: a\n    name: A\n    roles:\n      - t\n';
    const out = appendPerson(block, { id: 'b', name: 'B', roles: ['t'] }, 1);
    insertedOnly(block, out, '  - id: b\n    name: B\n    roles:\n      - t\n');
  });

  it('appends training as a flow mapping when the file does, else as a block', () => {
    const out = appendTraining(TEAM, 0, { course: 'safety', completed: '2026-11-01', expires: '2028-11-01', evidence: 'cert #4' });
    insertedOnly(TEAM, out, '      - { course: safety, completed: 2026-11-01, expires: 2028-11-01, evidence: "cert #4" }\n');
    // luis has none yet: his list is created, in the style of the file's other entries
    const luis = appendTraining(TEAM, 1, { course: 'safety', completed: '2026-11-01' });
    insertedOnly(TEAM, luis, '    training:\n      - { course: safety, completed: 2026-11-01 }\n');
    const plain = TEAM.replace('      - { course: diagnostics, completed: 2026-03-10 }\n', '      - course: diagnostics\n        completed: 2026-03-10\n');
    const block = appendTraining(plain, 0, { course: 'safety', completed: '2026-11-01' });
    insertedOnly(plain, block, '      - course: safety\n        completed: 2026-11-01\n');
  });

  it('appends into a flow training list', () => {
    const flow = 'roles: []\npeople:\n  - id: a\n    name: A\n    roles: []\n    training: [{ course: x, completed: 2026-01-01 }]\n';
    const out = appendTraining(flow, 0, { course: 'y', completed: '2026-02-01' });
    expect(out).toBe(flow.replace('2026-01-01 }]', '2026-01-01 }, { course: y, completed: 2026-02-01 }]'));
  });

  it('fills a new file: empty lists become block lists', () => {
    const out = appendRole(newTeamText(), { id: 'manager', name: 'Manager' });
    expect(out).toBe('# yaml-language-server: $schema=./.aftersales/schema/team.json\nroles:\n  - id: manager\n    name: Manager\npeople: []\n');
    const two = appendPerson(out, { id: 'ana', name: 'Ana', roles: ['manager'] }, 0);
    expect(parse(two)).toEqual({ roles: [{ id: 'manager', name: 'Manager' }], people: [{ id: 'ana', name: 'Ana', roles: ['manager'] }] });
  });

  it('quotes values YAML would read as something else', () => {
    const out = appendPerson(TEAM, { id: '123', name: 'yes', roles: ['technician'] }, 2);
    expect(parse(out).people[2]).toEqual({ id: '123', name: 'yes', roles: ['technician'] });
  });
});

describe('readTeam / writeTeam', () => {
  it('verifies the edited text against the schema and team.yaml checks', () => {
    const dir = copyFixture('team-comments');
    const ledger = loadLedger(dir, { records: false, cache: false });
    const file = readTeam(ledger, t);
    expect(verifyTeamText(ledger, file.text).problems).toEqual([]);
    const badRole = appendPerson(file.text, { id: 'x', name: 'X', roles: ['ghost'] }, file.team.people.length);
    expect(verifyTeamText(ledger, badRole).problems.map((p) => p.code)).toEqual(['unknown-role']);
    const badDate = file.text.replace('completed: 2025-03-10', 'completed: 2025-02-30');
    expect(verifyTeamText(ledger, badDate).problems.map((p) => p.code)).toEqual(['bad-date']);
    expect(() => writeTeam(ledger, file, badRole, t)).toThrow(/would leave team.yaml invalid/);
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toBe(file.text);
  });

  it('does not overwrite a file changed since it was read', () => {
    const dir = copyFixture('team-comments');
    const ledger = loadLedger(dir, { records: false, cache: false });
    const file = readTeam(ledger, t);
    const path = join(dir, 'team.yaml');
    writeFileSync(path, `${file.text}# edited by someone else\n`);
    expect(() => writeTeam(ledger, file, appendRole(file.text, { id: 'x', name: 'X' }), t)).toThrow(/changed while it was being edited/);
    expect(readFileSync(path, 'utf8')).toBe(`${file.text}# edited by someone else\n`);
  });

  it('keeps a BOM and CRLF line endings', () => {
    const dir = copyFixture('team-comments');
    const path = join(dir, 'team.yaml');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, `\uFEFF${original.replace(/\n/g, '\r\n')}`);
    const ledger = loadLedger(dir, { records: false, cache: false });
    const file = readTeam(ledger, t);
    expect(file.bom && file.crlf).toBe(true);
    writeTeam(ledger, file, appendRole(file.text, { id: 'x', name: 'X' }), t);
    const out = readFileSync(path, 'utf8');
    expect(out.startsWith('\uFEFF# yaml-language-server')).toBe(true);
    expect(out.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(out).toContain('  - id: x\r\n    name: X\r\n');
  });

  it('creates team.yaml with its modeline when there is none', () => {
    const dir = copyFixture('team-comments');
    rmSync(join(dir, 'team.yaml'));
    const ledger = loadLedger(dir, { records: false, cache: false });
    const file = readTeam(ledger, t);
    expect(file.exists).toBe(false);
    writeTeam(ledger, file, appendRole(file.text, { id: 'manager', name: 'Manager' }), t);
    expect(existsSync(join(dir, 'team.yaml'))).toBe(true);
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/\.aftersales\/schema\/team\.json\nroles:\n {2}- id: manager/);
  });

  it('refuses to edit a team.yaml that has errors now', () => {
    const dir = copyFixture('team-comments');
    const path = join(dir, 'team.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('roles: [manager]', 'roles: [boss]'));
    const ledger = loadLedger(dir, { records: false, cache: false });
    expect(() => readTeam(ledger, t)).toThrow(/team.yaml has 1 error/);
  });
});
