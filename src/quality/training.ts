// Training the plan requires (services' `training` needs) against what people hold
// (team.yaml). Used by `status`, `team`, control's `training` deviations and `trained_staff`.
// A course is held on a date D when completed ≤ D < expires (no expires: never expires).
import type { Person, Service } from '../ledger/schema.js';
import { addDays } from '../time/index.js';

export type GapProblem = 'missing' | 'expired' | 'expiring';

export interface TrainingGap {
  person: string;
  role: string;
  service: string;
  course: string;
  problem: GapProblem;
  /** The expiry date of the course held, for expired/expiring. */
  expires?: string;
}

/** Does `person` hold `course` on `date` (YYYY-MM-DD)? */
export function holdsCourse(person: Person, course: string, date: string): boolean {
  return (person.training ?? []).some(
    (t) => t.course === course && t.completed <= date && (t.expires === undefined || date < t.expires),
  );
}

/** The latest expiry among the holdings of `course` (undefined: never expires or not held). */
function latestHolding(person: Person, course: string, date: string) {
  const held = (person.training ?? []).filter((t) => t.course === course && t.completed <= date);
  if (held.length === 0) return undefined;
  if (held.some((t) => t.expires === undefined)) return { expires: undefined };
  return { expires: held.map((t) => t.expires!).sort().at(-1) };
}

/** Courses `service` requires of anyone holding any of `roles`. */
export function requiredCourses(service: Service, roles: readonly string[]): string[] {
  const out = new Set<string>();
  for (const need of service.training ?? []) if (roles.includes(need.role)) for (const c of need.courses) out.add(c);
  return [...out].sort();
}

/** requiredCourses per (service, person): trained_staff asks it for every record. */
const required = new WeakMap<Service, WeakMap<Person, string[]>>();

/** Whether `person` held, on `date`, every course `service` requires of any of their roles. */
export function trainedFor(service: Service, person: Person, date: string): boolean {
  let byPerson = required.get(service);
  if (!byPerson) required.set(service, (byPerson = new WeakMap()));
  let courses = byPerson.get(person);
  if (!courses) byPerson.set(person, (courses = requiredCourses(service, person.roles)));
  for (const c of courses) if (!holdsCourse(person, c, date)) return false;
  return true;
}

/**
 * Every gap between what services require and what people hold on `asOf` (YYYY-MM-DD):
 * missing, expired, and — with `expiringWithinDays` — valid now but expiring within that many
 * days. Sorted by service, person, course.
 */
export function trainingGaps(
  services: readonly Service[],
  people: readonly Person[],
  asOf: string,
  expiringWithinDays?: number,
): TrainingGap[] {
  const gaps: TrainingGap[] = [];
  const horizon = expiringWithinDays === undefined ? undefined : addDays(asOf, expiringWithinDays);
  for (const service of services) {
    for (const need of service.training ?? []) {
      for (const person of people) {
        if (!person.roles.includes(need.role)) continue;
        for (const course of need.courses) {
          if (holdsCourse(person, course, asOf)) {
            const h = latestHolding(person, course, asOf);
            if (horizon && h?.expires !== undefined && h.expires <= horizon) {
              gaps.push({ person: person.id, role: need.role, service: service.id, course, problem: 'expiring', expires: h.expires });
            }
            continue;
          }
          const h = latestHolding(person, course, asOf);
          if (h && h.expires !== undefined) gaps.push({ person: person.id, role: need.role, service: service.id, course, problem: 'expired', expires: h.expires });
          else gaps.push({ person: person.id, role: need.role, service: service.id, course, problem: 'missing' });
        }
      }
    }
  }
  // One gap per (service, person, course) even when two roles need the same course.
  const seen = new Set<string>();
  return gaps
    .filter((g) => {
      const k = `${g.service}\u0000${g.person}\u0000${g.course}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.person.localeCompare(b.person) || a.course.localeCompare(b.course));
}
