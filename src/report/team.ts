// `team list` and `team plan` as text for people (tables, markdown) and JSON for programs.
// JSON keys and enum values stay English; colour only in tables and only when allowed.
import Table from 'cli-table3';
import type { Translate } from '../i18n/index.js';
import { palette } from '../report/colors.js';
import type { PersonStatus, PlanCourse } from '../team/status.js';
import { safeDeep } from '../io/safe-text.js';
import { compactTable } from './compact-table.js';

function table(head: string[], color: boolean): InstanceType<typeof Table> {
  const c = palette(color);
  // cli-table3 colours headers and borders itself unless told not to: colour is ours to decide.
  return new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [] } });
}

// ---------------------------------------------------------------------------------------------
// team list

export function listJson(asOf: string, people: PersonStatus[]): string {
  return `${JSON.stringify({ schemaVersion: 1, asOf, people }, null, 2)}\n`;
}

export function listTable(asOf: string, unsafePeople: PersonStatus[], t: Translate, color: boolean, days: number, role?: string): string {
  const people = safeDeep(unsafePeople); // names and evidence from team.yaml, printed for people
  const c = palette(color);
  const title = c.bold(t('team.list.title', { date: asOf }));
  if (people.length === 0) return `${title}\n${role ? t('team.list.empty-role', { role }) : t('team.list.empty')}\n`;
  const tab = table([t('team.col.person'), t('team.col.roles'), t('team.col.courses'), t('team.col.needs')], color);
  for (const p of people) {
    const courses = p.courses.map((h) => {
      if (h.expires === null) return t('team.course.no-expiry', { course: h.course });
      const line = t('team.course.until', { course: h.course, expires: h.expires, status: t(`team.status.${h.status}`) });
      return h.status === 'expired' ? c.red(line) : h.status === 'expiring' ? c.yellow(line) : line;
    });
    const needs = p.needs.map((n) => {
      const line = t(`team.need.${n.problem}`, { service: n.service, course: n.course, expires: n.expires ?? '' });
      return n.problem === 'expiring' ? c.yellow(line) : c.red(line);
    });
    tab.push([`${p.id}\n${p.name}`, p.roles.join('\n'), courses.join('\n') || '—', needs.join('\n') || '—']);
  }
  const needs = people.reduce((n, p) => n + p.needs.length, 0);
  return `${title}\n${tab.toString()}\n${t('team.list.summary', { people: people.length, needs, days })}\n`;
}

// ---------------------------------------------------------------------------------------------
// team plan

export function planJson(asOf: string, horizon: string, plan: PlanCourse[]): string {
  const courses = plan.map((c) => ({
    course: c.course,
    services: c.services,
    people: c.people.map((p) => ({ id: p.id, name: p.name, problem: p.problem, due: p.due, ...(p.expires ? { expires: p.expires } : {}), services: p.services })),
  }));
  return `${JSON.stringify({ schemaVersion: 1, asOf, horizon, courses }, null, 2)}\n`;
}

function problemText(p: PlanCourse['people'][number], t: Translate): string {
  return t(`team.plan.${p.problem}`, { expires: p.expires ?? '' });
}

function dueText(due: string, asOf: string, t: Translate): string {
  return due <= asOf ? `${t('team.plan.now')} (${due})` : due;
}

function peopleCount(plan: PlanCourse[]): number {
  return new Set(plan.flatMap((c) => c.people.map((p) => p.id))).size;
}

/** One row per person and course, soonest due first (then course, then person). */
function planRows(plan: PlanCourse[]): { course: PlanCourse; person: PlanCourse['people'][number] }[] {
  const rows = plan.flatMap((course) => course.people.map((person) => ({ course, person })));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((x, y) => cmp(x.person.due, y.person.due) || cmp(x.course.course, y.course.course) || cmp(x.person.id, y.person.id));
}

export function planTable(asOf: string, horizon: string, unsafePlan: PlanCourse[], t: Translate, color: boolean): string {
  const plan = safeDeep(unsafePlan);
  const c = palette(color);
  const out = [c.bold(t('team.plan.title', { date: asOf, horizon }))];
  if (plan.length === 0) return `${out[0]}\n${t('team.plan.nothing', { horizon })}\n`;
  const head = [t('team.col.due'), t('team.col.course'), t('team.col.person'), t('team.col.problem'), t('team.col.required-by')].map((h) => c.bold(h));
  const rows = planRows(plan).map(({ course, person }) => {
    const problem = problemText(person, t);
    return [dueText(person.due, asOf, t), course.course, `${person.id} (${person.name})`, person.problem === 'expiring' ? c.yellow(problem) : c.red(problem), course.services.join(', ')];
  });
  out.push('', compactTable(head, rows), '', t('team.plan.summary', { courses: plan.length, people: peopleCount(plan) }));
  return `${out.join('\n')}\n`;
}

/** A markdown table cell: no pipes or line breaks from names. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function planMarkdown(asOf: string, horizon: string, unsafePlan: PlanCourse[], t: Translate): string {
  const plan = safeDeep(unsafePlan);
  const out = [`# ${t('team.plan.title', { date: asOf, horizon })}`, ''];
  if (plan.length === 0) return `${out.join('\n')}${t('team.plan.nothing', { horizon })}\n`;
  out.push(`| ${t('team.col.due')} | ${t('team.col.course')} | ${t('team.col.person')} | ${t('team.col.problem')} | ${t('team.col.required-by')} |`, '|---|---|---|---|---|');
  for (const { course, person } of planRows(plan)) {
    out.push(`| ${dueText(person.due, asOf, t)} | ${cell(course.course)} | ${cell(`${person.id} (${person.name})`)} | ${cell(problemText(person, t))} | ${cell(course.services.join(', '))} |`);
  }
  out.push('', t('team.plan.summary', { courses: plan.length, people: peopleCount(plan) }));
  return `${out.join('\n')}\n`;
}
