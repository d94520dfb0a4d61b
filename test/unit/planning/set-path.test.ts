// `plan --set` paths: relative to the service, list items by id (requirements, steps), channel
// (need) or role (training), other lists by position; procedure.<path> for the procedure file.
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { resolveSet, setNotation, splitFlag } from '../../../src/planning/set-path.js';

const t = translator('en');

const data = {
  service: {
    id: 'rep',
    name: 'Repair',
    owner: 'manager',
    procedure: 'rep',
    need: [{ channel: 'phone' }, { channel: 'web', description: 'Form' }],
    requirements: [
      { id: 'resolution-time', kind: 'quantitative', indicator: 'resolution_time', target: { max: '5d', critical: '7d' } },
      { id: 'csat', kind: 'qualitative', indicator: 'csat', target: { min: '85%' } },
    ],
    resources: [{ name: 'Technicians', kind: 'people', quantity: 4 }],
    training: [{ role: 'technician', courses: ['safety'] }],
  },
  procedure: { id: 'rep', name: 'Procedure', version: 1, effective: '2026-01-01', steps: [{ id: 'diagnose', name: 'Diagnose', role: 'technician' }] },
};

describe('resolveSet', () => {
  it('addresses service fields and requirements by id', () => {
    expect(resolveSet('name=Reparación', data, t)).toEqual({ op: 'set', which: 'service', path: ['name'], value: 'Reparación' });
    expect(resolveSet('requirements.resolution-time.target.max=4d', data, t)).toEqual({
      op: 'set', which: 'service', path: ['requirements', 0, 'target', 'max'], value: '4d',
    });
    expect(resolveSet('requirements.1.target.min=90%', data, t)).toMatchObject({ path: ['requirements', 1, 'target', 'min'], value: '90%' });
  });

  it('types numbers where a target takes them, and keeps text where text is meant', () => {
    expect(resolveSet('requirements.csat.target.min=0.9', data, t)).toMatchObject({ value: 0.9 });
    expect(resolveSet('resources.0.quantity=6', data, t)).toMatchObject({ path: ['resources', 0, 'quantity'], value: 6 });
    expect(resolveSet('name=2026', data, t)).toMatchObject({ value: '2026' });
  });

  it('need by channel, training by role, steps by id; procedure.<path> for the procedure file', () => {
    expect(resolveSet('need.web.description=Web form', data, t)).toMatchObject({ which: 'service', path: ['need', 1, 'description'] });
    expect(resolveSet('training.technician.courses=[safety, diagnostics]', data, t)).toEqual({
      op: 'set', which: 'service', path: ['training', 0, 'courses'], value: ['safety', 'diagnostics'],
    });
    expect(resolveSet('procedure.steps.diagnose.role=dispatcher', data, t)).toEqual({
      op: 'set', which: 'procedure', path: ['steps', 0, 'role'], value: 'dispatcher',
    });
    expect(resolveSet('procedure.effective=2026-12-01', data, t)).toMatchObject({ which: 'procedure', path: ['effective'] });
    // one segment: the service's procedure id; procedure.id means the same
    expect(resolveSet('procedure=other', data, t)).toMatchObject({ which: 'service', path: ['procedure'], value: 'other' });
    expect(resolveSet('procedure.id=other', data, t)).toMatchObject({ which: 'service', path: ['procedure'], value: 'other' });
  });

  it('adds an item by a new key and removes one with null', () => {
    expect(resolveSet('need.chat={description: Live chat}', data, t)).toEqual({
      op: 'append', which: 'service', path: ['need'], value: { channel: 'chat', description: 'Live chat' },
    });
    expect(resolveSet('requirements.fcr={kind: qualitative, indicator: first_time_fix, target: {min: 80%}}', data, t)).toEqual({
      op: 'append', which: 'service', path: ['requirements'],
      value: { id: 'fcr', kind: 'qualitative', indicator: 'first_time_fix', target: { min: '80%' } },
    });
    expect(resolveSet('requirements.csat=null', data, t)).toEqual({ op: 'delete', which: 'service', path: ['requirements', 1] });
    expect(resolveSet('requirements.csat.target.critical=', data, t)).toEqual({ op: 'delete', which: 'service', path: ['requirements', 1, 'target', 'critical'] });
  });

  it('refuses unknown items and fields with a did-you-mean (exit 2)', () => {
    expect(() => resolveSet('requirements.csatt.target.min=90%', data, t)).toThrow(
      /requirements has no item "csatt" \(items: resolution-time, csat\) \(did you mean "requirements.csat"\?\)/,
    );
    expect(() => resolveSet('requirements.csat.targt.min=90%', data, t)).toThrow(/unknown field "targt".*did you mean "requirements.csat.target"/);
    expect(() => resolveSet('nme=x', data, t)).toThrow(/did you mean "name"/);
    expect(() => resolveSet('procedure.steps.diagnos.role=x', data, t)).toThrow(/did you mean "procedure.steps.diagnose"/);
    expect(() => resolveSet('resources.3.quantity=1', data, t)).toThrow(/resources has no item "3"/);
    expect(() => resolveSet('resources.0.quantity=many', data, t)).toThrow(/"many" is not a number/);
    expect(() => resolveSet('name', data, t)).toThrow(/expected path=value/);
    try {
      resolveSet('nme=x', data, t);
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });
});

describe('setNotation and splitFlag', () => {
  it('writes data paths the way --set names them', () => {
    expect(setNotation('service', ['requirements', 1, 'target', 'min'], data.service)).toBe('requirements.csat.target.min');
    expect(setNotation('service', ['resources', 0, 'role'], data.service)).toBe('resources.0.role');
    expect(setNotation('procedure', ['steps', 0, 'role'], data.procedure)).toBe('procedure.steps.diagnose.role');
    expect(setNotation('service', [], data.service)).toBe('');
  });

  it('splits procedure.<path> flags from service flags', () => {
    expect(splitFlag('procedure.version=2')).toEqual({ which: 'procedure', flag: 'version=2' });
    expect(splitFlag('procedure=x')).toEqual({ which: 'service', flag: 'procedure=x' });
  });
});
