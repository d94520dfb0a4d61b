// Changing an existing record file: comment- and layout-preserving edits (editYaml), validated
// like `check` reads the file, then an atomic replace (temporary file + rename). The file is
// read again just before the replace: if someone changed it meanwhile, nothing is written
// (their change is not silently lost) and the command asks to run again.
import { join } from 'node:path';
import { LedgerError, UsageError } from '../errors.js';
import type { IO } from '../io/io.js';
import { editYaml } from '../ledger/edit.js';
import type { RecordData } from '../ledger/schema.js';
import { replaceAtomic } from '../ledger/write.js';
import type { Plan } from './plan.js';
import { readRecordText, type OpenedRecord } from './read-record.js';
import { checkEditedText } from './validate.js';

export interface Edit {
  path: string[];
  /** null removes the key. */
  value: unknown;
}

/** Apply the edits to the text, keeping every other byte. */
export function applyEdits(text: string, edits: Edit[]): string {
  return editYaml(text, (e) => {
    for (const { path, value } of edits) {
      if (value === null || value === undefined) {
        if (e.has(path)) e.delete(path);
        continue;
      }
      // A missing parent (`steps` for steps.diagnose) is added whole, holding the new value.
      let depth = 1;
      while (depth < path.length && e.has(path.slice(0, depth))) depth++;
      let nested: unknown = value;
      for (let i = path.length - 1; i >= depth; i--) nested = { [path[i]]: nested };
      e.set(path.slice(0, depth), nested);
    }
  });
}

/**
 * Validate the edited text and replace the file. Invalid: exit 2, nothing written.
 * Returns the warnings (completeness) to show, and the record's data.
 */
export function commitEdit(plan: Plan, record: OpenedRecord, newText: string, io: IO): { data: RecordData; warnings: string[] } {
  const found = checkEditedText(plan.ledger, record.ref.path, newText, io.t);
  if (found.errors.length > 0 || found.data === undefined) {
    throw Object.assign(new UsageError(io.t('record.invalid-edit', { id: record.ref.id }), io.t('record.hint.invalid')), { details: found.errors });
  }
  const abs = join(plan.root, record.ref.path);
  if (readRecordText(plan.root, record.ref, io) !== record.text) {
    throw new UsageError(io.t('record.changed-meanwhile', { file: record.ref.path }), io.t('record.hint.changed-meanwhile'));
  }
  // A BOM the file had is dropped by decoding; the edited text is written back as plain UTF-8.
  try {
    replaceAtomic(abs, newText);
  } catch (e) {
    throw new LedgerError(io.t('error.write-failed', { file: record.ref.path, reason: (e as Error).message }));
  }
  return { data: found.data, warnings: found.warnings };
}
