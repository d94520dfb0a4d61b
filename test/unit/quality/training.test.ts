import { describe, expect, it } from 'vitest';
import { holdsCourse, requiredCourses, trainedFor, trainingGaps } from '../../../src/quality/training.js';
import type { Person, Service } from '../../../src/ledger/schema.js';

const service = {
  id: 'repair', name: 'Repair', owner: 'manager', procedure: 'repair', requirements: [],
  training: [{ role: 'technician', courses: ['diagnostics', 'safety'] }, { role: 'agent', courses: ['care'] }],
} as Service;
const ana: Person = {
  id: 'ana', name: 'Ana', roles: ['technician'],
  training: [
    { course: 'diagnostics', completed: '2026-03-10', expires: '2026-11-01' },
    { course: 'safety', completed: '2025-01-01' },
  ],
};
const luis: Person = { id: 'luis', name: 'Luis', roles: ['technician', 'agent'], training: [{ course: 'safety', completed: '2026-12-01' }] };

describe('training', () => {
  it('holds a course from completion (inclusive) until expiry (exclusive)', () => {
    expect(holdsCourse(ana, 'diagnostics', '2026-03-09')).toBe(false);
    expect(holdsCourse(ana, 'diagnostics', '2026-03-10')).toBe(true);
    expect(holdsCourse(ana, 'diagnostics', '2026-10-31')).toBe(true);
    expect(holdsCourse(ana, 'diagnostics', '2026-11-01')).toBe(false);
    expect(holdsCourse(ana, 'safety', '2099-01-01')).toBe(true); // no expiry
  });

  it('requires the courses of every role a person holds', () => {
    expect(requiredCourses(service, luis.roles)).toEqual(['care', 'diagnostics', 'safety']);
    expect(trainedFor(service, ana, '2026-10-01')).toBe(true);
    expect(trainedFor(service, ana, '2026-11-01')).toBe(false);
  });

  it('lists missing, expired and expiring courses', () => {
    expect(trainingGaps([service], [ana, luis], '2026-11-27')).toEqual([
      { person: 'ana', role: 'technician', service: 'repair', course: 'diagnostics', problem: 'expired', expires: '2026-11-01' },
      { person: 'luis', role: 'agent', service: 'repair', course: 'care', problem: 'missing' },
      { person: 'luis', role: 'technician', service: 'repair', course: 'diagnostics', problem: 'missing' },
      // completed in the future (2026-12-01) is not held yet
      { person: 'luis', role: 'technician', service: 'repair', course: 'safety', problem: 'missing' },
    ]);
    expect(trainingGaps([service], [ana], '2026-10-15', 60)).toEqual([
      { person: 'ana', role: 'technician', service: 'repair', course: 'diagnostics', problem: 'expiring', expires: '2026-11-01' },
    ]);
  });
});
