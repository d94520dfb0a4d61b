import { describe, expect, it } from 'vitest';
import { isAdherent, isTrained, nextVisitAfter } from '../../../src/quality/record-facts.js';
import type { Person, Procedure, RecordData, Service } from '../../../src/ledger/schema.js';

const procedure = {
  id: 'repair', name: 'Repair', version: 1, effective: '2026-01-01',
  steps: [{ id: 'diagnose', name: 'Diagnose', mandatory: true }, { id: 'clean', name: 'Clean' }, { id: 'test', name: 'Test', mandatory: true }],
} as Procedure;
const record = (over: Partial<RecordData>) =>
  ({ id: '20261005-aaaaaaa1', service: 'repair', procedure: 'repair@1', opened: '2026-10-05T09:00:00+02:00', ...over }) as RecordData;

describe('record facts', () => {
  it('adherent: every mandatory step done, optional ones free, no procedure never adherent', () => {
    expect(isAdherent(record({ steps: { diagnose: 'done', test: 'done' } }), procedure)).toBe(true);
    expect(isAdherent(record({ steps: { diagnose: 'done', test: 'skipped', clean: 'done' } }), procedure)).toBe(false);
    expect(isAdherent(record({}), procedure)).toBe(false);
    expect(isAdherent(record({ steps: { diagnose: 'done', test: 'done' } }), undefined)).toBe(false);
  });

  it('trained: the assignee held the courses on the day the record was opened, in the ledger time zone', () => {
    const service = { id: 'repair', training: [{ role: 'technician', courses: ['safety'] }] } as unknown as Service;
    const ana = { id: 'ana', name: 'Ana', roles: ['technician'], training: [{ course: 'safety', completed: '2026-10-05' }] } as Person;
    const plan = { services: new Map([['repair', service]]), people: new Map([['ana', ana]]) };
    // 2026-10-04T23:30Z is already 2026-10-05 in Madrid (UTC+2): the course is held that day.
    expect(isTrained(record({ assignee: 'ana', opened: '2026-10-04T23:30:00Z' }), plan, 'Europe/Madrid')).toBe(true);
    expect(isTrained(record({ assignee: 'ana', opened: '2026-10-04T23:30:00Z' }), plan, 'UTC')).toBe(false);
    expect(isTrained(record({ opened: '2026-10-06T10:00:00Z' }), plan, 'UTC')).toBe(false); // no assignee
  });

  it('next visit: the first opening strictly after the close, Infinity when none', () => {
    expect(nextVisitAfter([10, 20, 30], 20)).toBe(30);
    expect(nextVisitAfter([10, 20, 30], 5)).toBe(10);
    expect(nextVisitAfter([10, 20, 30], 30)).toBe(Infinity);
    expect(nextVisitAfter([], 1)).toBe(Infinity);
  });
});
