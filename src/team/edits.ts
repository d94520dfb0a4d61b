// The three edits of team.yaml as text → text functions: append a role, a person, a course
// taken. Each splices only the new item (ledger/edit.ts) and follows the file's own style where
// it has one: `roles: [a, b]` in flow or block, training entries as `{ … }` or block mappings.
import { isMap, isSeq, parseDocument, YAMLMap, type Node } from 'yaml';
import { editYaml } from '../ledger/edit.js';

export interface NewRole {
  id: string;
  name: string;
  reports_to?: string;
  description?: string;
}

export interface NewPerson {
  id: string;
  name: string;
  email?: string;
  roles: string[];
}

export interface NewTraining {
  course: string;
  completed: string;
  expires?: string;
  evidence?: string;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The people sequence's items as parsed nodes (empty when there is none). */
function peopleNodes(text: string): Node[] {
  const people = parseDocument(text, { schema: 'core' }).get('people', true);
  return isSeq(people) ? (people.items as Node[]) : [];
}

/** Does the file write people's roles in flow style (`roles: [technician]`)? Default yes (SPEC §1.2). */
function rolesInFlow(text: string): boolean {
  for (const p of peopleNodes(text)) {
    const roles = isMap(p) ? p.get('roles', true) : undefined;
    if (isSeq(roles) && roles.items.length > 0) return Boolean(roles.flow);
  }
  return true;
}

/**
 * How to write a new training entry: inside a flow list (`training: [{ … }]`) the editor writes
 * flow text itself ('plain'); else as a flow mapping item (`- { course: …, completed: … }`) when
 * the file does so, else as a block mapping. The person's own entries decide, else the first
 * person with any, else block (SPEC §1.2).
 */
function trainingStyle(text: string, personIndex: number): 'plain' | 'flow-item' {
  const nodes = peopleNodes(text);
  const own = isMap(nodes[personIndex]) ? (nodes[personIndex] as YAMLMap).get('training', true) : undefined;
  if (isSeq(own) && own.flow) return 'plain';
  const order = [nodes[personIndex], ...nodes.filter((_, i) => i !== personIndex)];
  for (const p of order) {
    const training = isMap(p) ? p.get('training', true) : undefined;
    if (isSeq(training) && training.items.length > 0) return isMap(training.items[0]) && training.items[0].flow ? 'flow-item' : 'plain';
  }
  return 'plain';
}

export function appendRole(text: string, role: NewRole): string {
  return editYaml(text, (e) => e.append(['roles'], defined({ ...role })));
}

/** Append a person; `index` is where they land (the current number of people). */
export function appendPerson(text: string, person: NewPerson, index: number): string {
  const base = defined({ id: person.id, name: person.name, email: person.email });
  if (!rolesInFlow(text)) return editYaml(text, (e) => e.append(['people'], { ...base, roles: person.roles }));
  // `roles: []` then each role into that flow list: `roles: [technician, agent]`.
  return editYaml(text, (e) => {
    e.append(['people'], { ...base, roles: [] });
    for (const r of person.roles) e.append(['people', index, 'roles'], r);
  });
}

export function appendTraining(text: string, personIndex: number, entry: NewTraining): string {
  const item = defined({ ...entry });
  if (trainingStyle(text, personIndex) === 'plain') return editYaml(text, (e) => e.append(['people', personIndex, 'training'], item));
  const map = new YAMLMap();
  map.flow = true;
  for (const [k, v] of Object.entries(item)) map.set(k, v);
  return editYaml(text, (e) => e.append(['people', personIndex, 'training'], map));
}
