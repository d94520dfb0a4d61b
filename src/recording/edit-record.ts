// Changing an existing record file: comment- and layout-preserving edits (editYaml), validated
// like `check` reads the file, then an atomic replace (temporary file + rename), all under the
// file's lock (ledger/write.ts updateFile).
import { join } from 'node:path';
import { AftersalesError, LedgerError, UsageError } from '../errors.js';
import type { IO } from '../io/io.js';
import { editYaml } from '../ledger/edit.js';
import type { RecordData } from '../ledger/schema.js';
import { FileBusyError, updateFile } from '../ledger/write.js';
import type { Plan } from './plan.js';
import type { OpenedRecord } from './read-record.js';
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
 * Apply the edits to the record as it is on disk now, validate, and replace the file, all under
 * the file's lock: an edit that reports success is in the file, whatever ran at the same time
 * (the edits are replayed on the latest text, so a concurrent edit of another key survives).
 * Invalid: exit 2, nothing written. Returns the warnings (completeness) and the record's data.
 */
export function commitEdits(plan: Plan, record: OpenedRecord, edits: Edit[], io: IO): { data: RecordData; warnings: string[] } {
  const abs = join(plan.root, record.ref.path);
  let result: { data: RecordData; warnings: string[] } | undefined;
  try {
    updateFile(abs, (current) => {
      if (current === undefined) throw new LedgerError(io.t('record.changed-meanwhile', { file: record.ref.path }), io.t('record.hint.changed-meanwhile'));
      const newText = applyEdits(current, edits);
      const found = checkEditedText(plan.ledger, record.ref.path, newText.replace(/^\uFEFF/, ''), io.t);
      if (found.errors.length > 0 || found.data === undefined) {
        throw Object.assign(new UsageError(io.t('record.invalid-edit', { id: record.ref.id }), io.t('record.hint.invalid')), { details: found.errors });
      }
      result = { data: found.data, warnings: found.warnings };
      return newText;
    });
  } catch (e) {
    if (e instanceof AftersalesError || e instanceof FileBusyError) throw e;
    throw new LedgerError(io.t('error.write-failed', { file: record.ref.path, reason: (e as Error).message }));
  }
  return result!;
}
