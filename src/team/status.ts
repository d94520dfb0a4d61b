// The team's training status on a date: the courses each person holds (valid, expiring,
// expired) and what the services still need of them (missing, expiring, expired), and the
// training plan grouped by course. Pure functions over team.yaml and the services' needs.
import type { Person, Service, Team } from '../ledger/schema.js';
import { trainingGaps, type GapProblem, type TrainingGap } from '../quality/training.js';
import { addDays } from './dates.js';

/** Days before expiry from which a held course is "expiring" (issue #8). */
export const EXPIRING_DAYS = 60;

export type CourseStatus = 'valid' | 'expiring' | 'expired';

export interface HeldCourse {
  course: string;
  completed: string;
  expires: string | null;
  status: CourseStatus;
  evidence?: string;
}

export interface Need {
  service: string;
  course: string;
  problem: GapProblem;
  expires?: string;
}

export interface PersonStatus {
  id: string;
  name: string;
  roles: string[];
  courses: HeldCourse[];
  needs: Need[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Held = NonNullable<Person['training']>[number];
const lasts = (x: Held) => x.expires ?? '9999-99-99';

/**
 * One line per course a person has completed by `asOf`: the holding that lasts longest (a
 * renewal supersedes the lapsed certificate; one without expiry beats any with). Courses
 * completed after `asOf` are not held yet on that date and are left out.
 */
export function heldCourses(person: Person, asOf: string, expiringDays = EXPIRING_DAYS): HeldCourse[] {
  const horizon = addDays(asOf, expiringDays);
  const best = new Map<string, Held>();
  for (const t of person.training ?? []) {
    if (t.completed > asOf) continue;
    const prev = best.get(t.course);
    if (!prev || lasts(t) > lasts(prev) || (lasts(t) === lasts(prev) && t.completed > prev.completed)) best.set(t.course, t);
  }
  return [...best.values()]
    .map((t) => {
      const status: CourseStatus =
        t.expires === undefined ? 'valid' : t.expires <= asOf ? 'expired' : t.expires <= horizon ? 'expiring' : 'valid';
      const held: HeldCourse = { course: t.course, completed: t.completed, expires: t.expires ?? null, status };
      if (t.evidence !== undefined) held.evidence = t.evidence;
      return held;
    })
    .sort((a, b) => cmp(a.course, b.course));
}

function needOf(g: TrainingGap): Need {
  const need: Need = { service: g.service, course: g.course, problem: g.problem };
  if (g.expires !== undefined) need.expires = g.expires;
  return need;
}

/** Everyone (or the holders of `role`) with their courses and needs on `asOf`, sorted by id. */
export function teamStatus(team: Team, services: readonly Service[], asOf: string, role?: string): PersonStatus[] {
  const people = team.people.filter((p) => role === undefined || p.roles.includes(role));
  const gaps = trainingGaps(services, people, asOf, EXPIRING_DAYS);
  return [...people].sort(byId).map((p) => ({
    id: p.id,
    name: p.name,
    roles: [...p.roles],
    courses: heldCourses(p, asOf),
    needs: gaps
      .filter((g) => g.person === p.id)
      .map(needOf)
      .sort((a, b) => cmp(a.service, b.service) || cmp(a.course, b.course)),
  }));
}

// ---------------------------------------------------------------------------------------------
// The training plan

export interface PlanEntry {
  id: string;
  name: string;
  problem: GapProblem;
  /** The date by which to take the course: `asOf` (due now) or the expiry of the one held. */
  due: string;
  /** The expiry of the course held, for expired and expiring. */
  expires?: string;
  /** The services that need this person to hold the course. */
  services: string[];
}

export interface PlanCourse {
  course: string;
  services: string[];
  people: PlanEntry[];
}

const RANK: Record<GapProblem, number> = { missing: 0, expired: 1, expiring: 2 };

/**
 * Who must take which course by when, within `withinDays` of `asOf`: missing and expired
 * courses are due now (`asOf`), expiring ones by their expiry date. Grouped by course; people
 * missing first, then expired, then expiring by due date; courses by their most urgent date.
 */
export function trainingPlan(team: Team, services: readonly Service[], asOf: string, withinDays = EXPIRING_DAYS): PlanCourse[] {
  const gaps = trainingGaps(services, team.people, asOf, withinDays);
  const names = new Map(team.people.map((p) => [p.id, p.name]));
  const courses = new Map<string, Map<string, PlanEntry>>();
  for (const g of gaps) {
    const people = courses.get(g.course) ?? new Map<string, PlanEntry>();
    courses.set(g.course, people);
    const entry = people.get(g.person);
    // The same course for the same person through several services: one entry.
    if (entry) {
      if (!entry.services.includes(g.service)) entry.services.push(g.service);
      continue;
    }
    const e: PlanEntry = {
      id: g.person,
      name: names.get(g.person) ?? g.person,
      problem: g.problem,
      due: g.problem === 'expiring' ? g.expires! : asOf,
      services: [g.service],
    };
    if (g.expires !== undefined) e.expires = g.expires;
    people.set(g.person, e);
  }
  const plan: PlanCourse[] = [...courses].map(([course, people]) => {
    const list = [...people.values()]
      .map((p) => ({ ...p, services: [...p.services].sort() }))
      .sort((a, b) => RANK[a.problem] - RANK[b.problem] || cmp(a.due, b.due) || cmp(a.id, b.id));
    return { course, services: [...new Set(list.flatMap((p) => p.services))].sort(), people: list };
  });
  const firstDue = (c: PlanCourse) => c.people.reduce((d, p) => (p.due < d ? p.due : d), '9999-99-99');
  return plan.sort((a, b) => cmp(firstDue(a), firstDue(b)) || cmp(a.course, b.course));
}

/** Every course some service requires (of any role). */
export function requiredCourseIds(services: readonly Service[]): string[] {
  return [...new Set(services.flatMap((s) => (s.training ?? []).flatMap((t) => t.courses)))].sort();
}
