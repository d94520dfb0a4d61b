// The team's training status and the training plan, on hand-built teams.
import { describe, expect, it } from 'vitest';
import type { Service, Team } from '../../../src/ledger/schema.js';
import { heldCourses, requiredCourseIds, teamStatus, trainingPlan } from '../../../src/team/status.js';

const svc = (id: string, training: Service['training']) =>
  ({ id, name: id, owner: 'manager', procedure: id, requirements: [], training }) as Service;

const repair = svc('repair', [{ role: 'technician', courses: ['diagnostics', 'safety'] }]);
const support = svc('support', [{ role: 'agent', courses: ['care'] }, { role: 'technician', courses: ['safety'] }]);

const team: Team = {
  roles: [{ id: 'manager', name: 'M' }, { id: 'technician', name: 'T' }, { id: 'agent', name: 'A' }],
  people: [
    { id: 'marta', name: 'Marta', roles: ['manager'] },
    {
      id: 'luis', name: 'Luis', roles: ['technician', 'agent'],
      training: [{ course: 'diagnostics', completed: '2022-10-03', expires: '2026-10-03' }],
    },
    {
      id: 'ana', name: 'Ana', roles: ['technician'],
      training: [
        { course: 'diagnostics', completed: '2023-03-10', expires: '2025-03-10' },
        { course: 'diagnostics', completed: '2025-03-10', expires: '2027-03-10', evidence: 'cert 7' },
        { course: 'safety', completed: '2024-01-15', expires: '2026-12-15' },
        { course: 'first-aid', completed: '2027-01-01' },
      ],
    },
  ],
};

describe('heldCourses', () => {
  it('one line per course: the holding that lasts longest, with its status on the date', () => {
    // as of 2026-11-27: horizon 60 days = 2027-01-26; safety expires 2026-12-15 ≤ horizon → expiring;
    // the 2025 renewal of diagnostics supersedes the lapsed one; first-aid is completed later → left out.
    expect(heldCourses(team.people[2], '2026-11-27')).toEqual([
      { course: 'diagnostics', completed: '2025-03-10', expires: '2027-03-10', status: 'valid', evidence: 'cert 7' },
      { course: 'safety', completed: '2024-01-15', expires: '2026-12-15', status: 'expiring' },
    ]);
  });

  it('a course is expired on its expiry date, and one without expiry is always valid', () => {
    expect(heldCourses(team.people[1], '2026-10-03')[0].status).toBe('expired');
    expect(heldCourses(team.people[1], '2026-10-02')[0].status).toBe('expiring');
    expect(heldCourses(team.people[2], '2030-01-01').find((c) => c.course === 'first-aid')).toEqual({
      course: 'first-aid', completed: '2027-01-01', expires: null, status: 'valid',
    });
  });
});

describe('teamStatus', () => {
  it('lists everyone by id with their needs per service', () => {
    const people = teamStatus(team, [repair, support], '2026-11-27');
    expect(people.map((p) => p.id)).toEqual(['ana', 'luis', 'marta']);
    expect(people[0].needs).toEqual([
      { service: 'repair', course: 'safety', problem: 'expiring', expires: '2026-12-15' },
      { service: 'support', course: 'safety', problem: 'expiring', expires: '2026-12-15' },
    ]);
    expect(people[1].needs).toEqual([
      { service: 'repair', course: 'diagnostics', problem: 'expired', expires: '2026-10-03' },
      { service: 'repair', course: 'safety', problem: 'missing' },
      { service: 'support', course: 'care', problem: 'missing' },
      { service: 'support', course: 'safety', problem: 'missing' },
    ]);
    expect(people[2].needs).toEqual([]);
  });

  it('filters by role', () => {
    expect(teamStatus(team, [repair, support], '2026-11-27', 'agent').map((p) => p.id)).toEqual(['luis']);
    expect(teamStatus(team, [repair], '2026-11-27', 'nobody')).toEqual([]);
  });
});

describe('trainingPlan', () => {
  it('groups by course: missing, then expired, then expiring by date; courses by urgency', () => {
    const plan = trainingPlan(team, [repair, support], '2026-11-27', 60);
    expect(plan).toEqual([
      { course: 'care', services: ['support'], people: [{ id: 'luis', name: 'Luis', problem: 'missing', due: '2026-11-27', services: ['support'] }] },
      {
        course: 'diagnostics', services: ['repair'],
        people: [{ id: 'luis', name: 'Luis', problem: 'expired', due: '2026-11-27', expires: '2026-10-03', services: ['repair'] }],
      },
      {
        course: 'safety', services: ['repair', 'support'],
        people: [
          { id: 'luis', name: 'Luis', problem: 'missing', due: '2026-11-27', services: ['repair', 'support'] },
          { id: 'ana', name: 'Ana', problem: 'expiring', due: '2026-12-15', expires: '2026-12-15', services: ['repair', 'support'] },
        ],
      },
    ]);
  });

  it('the horizon decides which expiring courses are planned', () => {
    // with 10 days, safety (expires 2026-12-15, 18 days away) is not planned for ana
    const plan = trainingPlan(team, [repair], '2026-11-27', 10);
    expect(plan.find((c) => c.course === 'safety')!.people.map((p) => p.id)).toEqual(['luis']);
    // with a year, ana's diagnostics (2027-03-10) appears, after the expired one
    const year = trainingPlan(team, [repair], '2026-11-27', 365);
    expect(year.find((c) => c.course === 'diagnostics')!.people.map((p) => [p.id, p.problem, p.due])).toEqual([
      ['luis', 'expired', '2026-11-27'],
      ['ana', 'expiring', '2027-03-10'],
    ]);
  });

  it('an expiring-only course sorts after courses due now', () => {
    const t: Team = { roles: team.roles, people: [team.people[2]] };
    const plan = trainingPlan(t, [repair], '2026-11-27', 365);
    expect(plan.map((c) => [c.course, c.people[0].due])).toEqual([['safety', '2026-12-15'], ['diagnostics', '2027-03-10']]);
  });

  it('nothing to plan when everyone holds what is required', () => {
    expect(trainingPlan(team, [svc('x', [{ role: 'manager', courses: [] }])], '2026-11-27')).toEqual([]);
    expect(requiredCourseIds([repair, support])).toEqual(['care', 'diagnostics', 'safety']);
  });
});
