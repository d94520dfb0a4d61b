// Edits keep the user's bytes: only the edited value changes; comments, order, quoting,
// spacing and alignment elsewhere stay exactly as they were.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { editYaml, flowText } from '../../../src/ledger/edit.js';

const TEAM = `# our team — keep this comment
roles:
  - id: service-manager   # the owner of every service
    name: Service manager
  - id: technician
    name: Field technician

people:
  - id: ana
    name: Ana García
    roles: [technician]    # aligned comment
    training:
      - { course: appliance-diagnostics, completed: 2026-03-10 }
# trailing comment
`;

const RECORD = `# yaml-language-server: $schema=../../../.aftersales/schema/record.json
id: 20261102-7k3qzm2a
service: warranty-repair
procedure: warranty-repair@3
opened: 2026-11-02T09:14:00+01:00   # when the customer called
steps: { diagnose: done, repair: skipped }
survey: { csat: 5, comment: "Muy amable" }
notes: 'first visit'
`;

describe('YamlEditor', () => {
  it('replaces a scalar in place, keeping its comment and quoting', () => {
    const out = editYaml(RECORD, (e) => e.set(['notes'], 'second visit').set(['opened'], '2026-11-02T10:00:00+01:00'));
    expect(out).toBe(RECORD.replace("'first visit'", "'second visit'").replace('2026-11-02T09:14:00+01:00', '2026-11-02T10:00:00+01:00'));
    const out2 = editYaml(RECORD, (e) => e.set(['survey', 'comment'], 'Gracias'));
    expect(out2).toBe(RECORD.replace('"Muy amable"', '"Gracias"'));
  });

  it('adds keys to block and flow mappings', () => {
    const out = editYaml(RECORD, (e) => e.set(['closed'], '2026-11-04T16:30:00+01:00').set(['outcome'], 'resolved').set(['steps', 'handover'], 'n/a'));
    expect(out).toBe(
      RECORD.replace('steps: { diagnose: done, repair: skipped }', 'steps: { diagnose: done, repair: skipped, handover: n/a }') +
        'closed: 2026-11-04T16:30:00+01:00\noutcome: resolved\n',
    );
    expect(YAML.parse(out).steps).toEqual({ diagnose: 'done', repair: 'skipped', handover: 'n/a' });
  });

  it('adds nested values as block YAML at the right indentation', () => {
    const out = editYaml(RECORD, (e) => e.set(['cause'], { category: 'material', detail: 'worn bearing' }).set(['parts'], [{ ref: 'BRG-22', qty: 1 }]));
    expect(out).toBe(`${RECORD}cause:\n  category: material\n  detail: worn bearing\nparts:\n  - ref: BRG-22\n    qty: 1\n`);
  });

  it('appends to block lists, keeping comments and blank lines', () => {
    const out = editYaml(TEAM, (e) => e.append(['roles'], { id: 'dispatcher', name: 'Dispatcher', reports_to: 'service-manager' }));
    expect(out).toBe(TEAM.replace('    name: Field technician\n', '    name: Field technician\n  - id: dispatcher\n    name: Dispatcher\n    reports_to: service-manager\n'));
    const out2 = editYaml(TEAM, (e) => e.append(['people', 0, 'training'], { course: 'customer-care', completed: '2026-11-01' }));
    expect(out2).toBe(TEAM.replace('completed: 2026-03-10 }\n', 'completed: 2026-03-10 }\n      - course: customer-care\n        completed: 2026-11-01\n'));
    const out3 = editYaml(TEAM, (e) => e.append(['people', 0, 'roles'], 'service-manager'));
    expect(out3).toBe(TEAM.replace('roles: [technician]    #', 'roles: [technician, service-manager]    #'));
  });

  it('turns an empty flow list into a block list when appending a mapping', () => {
    const text = 'roles:\n  - id: a\n    name: A\npeople: []   # none yet\n';
    const out = editYaml(text, (e) => e.append(['people'], { id: 'ana', name: 'Ana', roles: ['a'] }));
    expect(YAML.parse(out)).toEqual({ roles: [{ id: 'a', name: 'A' }], people: [{ id: 'ana', name: 'Ana', roles: ['a'] }] });
    expect(out).toContain('# none yet');
  });

  it('replaces a flow target by a flow target, and a block one by a block one', () => {
    const svc = 'requirements:\n  - id: csat\n    target: { min: 85%, critical: 70% }   # common practice\n    kind: qualitative\n';
    expect(editYaml(svc, (e) => e.set(['requirements', 0, 'target'], { min: '90%', critical: '70%' }))).toBe(
      svc.replace('{ min: 85%, critical: 70% }', '{ min: 90%, critical: 70% }'),
    );
    const block = 'requirements:\n  - id: csat\n    target:\n      min: 85%\n    kind: qualitative\n';
    const out = editYaml(block, (e) => e.set(['requirements', 0, 'target'], { min: '90%' }));
    expect(out).toBe(block.replace('min: 85%', 'min: 90%'));
  });

  it('appends a history entry to a requirement that has none', () => {
    const svc = 'id: s\nrequirements:\n  - id: csat\n    target: { min: 85% }\n  - id: other\n    target: { max: 5 }\n';
    const out = editYaml(svc, (e) => e.append(['requirements', 0, 'history'], { date: '2026-11-27', from: { min: '85%' }, to: { min: '90%' } }));
    expect(YAML.parse(out).requirements[0].history).toEqual([{ date: '2026-11-27', from: { min: '85%' }, to: { min: '90%' } }]);
    expect(YAML.parse(out).requirements[1]).toEqual({ id: 'other', target: { max: 5 } });
  });

  it('deletes a key with its line', () => {
    expect(editYaml(RECORD, (e) => e.delete(['notes']))).toBe(RECORD.replace("notes: 'first visit'\n", ''));
  });

  it('refuses a file that does not parse', () => {
    expect(() => editYaml('a: [1, 2\n', () => {})).toThrow(/cannot edit/);
  });

  it('flowText writes one-line YAML', () => {
    expect(flowText({ a: 1, b: ['x', 'y z'], c: '92%' })).toBe('{ a: 1, b: [x, y z], c: 92% }');
  });
});
