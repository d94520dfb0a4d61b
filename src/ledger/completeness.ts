// What a closed record should hold (SPEC §1.6): its assignee, and every field that the steps it
// marks `done` capture. The rule of the file format, used by `check` (completeness warnings) and
// by the quality engine (record_completeness, compliance): computed once per record data
// object, in the record's memo entry (instants.ts), and shared in-process.
import { recordMemo, type RecordMemo } from './instants.js';
import type { Procedure, RecordData } from './schema.js';

/** Per procedure: each step's id and its captures as split paths (computed once). */
const capturesOf = new WeakMap<Procedure, { id: string; fields: { name: string; keys: string[] }[] }[]>();

function stepCaptures(procedure: Procedure) {
  let list = capturesOf.get(procedure);
  if (!list) {
    list = procedure.steps
      .filter((s) => (s.captures ?? []).length > 0)
      .map((s) => ({ id: s.id, fields: (s.captures ?? []).map((name) => ({ name, keys: name.split('.') })) }));
    capturesOf.set(procedure, list);
  }
  return list;
}

const NONE_MISSING: readonly string[] = Object.freeze([]);

/**
 * missingFields(record, procedure), computed once per record data object (and recomputed when
 * asked with another procedure object) and shared in-process: the checks compute it for every
 * closed record, and the quality engine's record completeness asks again for the same pairs.
 * The list is shared: read it, never modify it. Records must not be mutated after the first call.
 */
export function missingFieldsMemo(record: RecordData, procedure: Procedure | undefined): readonly string[] {
  return missingIn(recordMemo(record), record, procedure);
}

export function missingIn(m: RecordMemo, record: RecordData, procedure: Procedure | undefined): readonly string[] {
  if (m.missing !== undefined && m.missingFor === procedure) return m.missing;
  const list = missingFields(record, procedure);
  m.missing = list.length === 0 ? NONE_MISSING : list;
  m.missingFor = procedure;
  return m.missing;
}

/** The fields a closed record should hold (SPEC §1.6): assignee, and the captures of done steps. */
export function missingFields(record: RecordData, procedure: Procedure | undefined): string[] {
  const missing: string[] = [];
  if (record.assignee === undefined) missing.push('assignee');
  if (procedure && record.steps) {
    for (const step of stepCaptures(procedure)) {
      if (record.steps[step.id] !== 'done') continue;
      for (const field of step.fields) {
        if (valueAtPath(record, field.keys) === undefined && !missing.includes(field.name)) missing.push(field.name);
      }
    }
  }
  return missing;
}

function valueAtPath(obj: unknown, keys: readonly string[]): unknown {
  let node = obj;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
