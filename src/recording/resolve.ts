// Finding a record by its id or an unambiguous prefix (SPEC §1) WITHOUT loading the ledger:
// only the file names under records/<YYYY>/<MM>/ are listed (a name is its id). A query with a
// dash or longer than 8 characters can only be a prefix of a full id, so only the folder of
// its month is listed; a shorter one may also be a prefix of the random part, so all are.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { isRecordId, normaliseIdQuery } from './ids.js';

export interface RecordRef {
  id: string;
  /** Path relative to the ledger root, with `/`. */
  path: string;
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function inFolder(root: string, year: string, month: string, out: RecordRef[], keep: (id: string) => boolean = () => true): void {
  for (const name of names(join(root, 'records', year, month))) {
    if (!name.endsWith('.yaml')) continue; // also skips a writer's `.xxxx.tmp` leftovers
    const id = name.slice(0, -5);
    if (keep(id) && isRecordId(id)) out.push({ id, path: `records/${year}/${month}/${name}` });
  }
}

/** Records of every month folder whose id passes `keep` (cheap test first, then the id pattern). */
function scan(root: string, keep: (id: string) => boolean = () => true): RecordRef[] {
  const out: RecordRef[] = [];
  for (const year of names(join(root, 'records'))) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const month of names(join(root, 'records', year))) {
      if (/^\d{2}$/.test(month)) inFolder(root, year, month, out, keep);
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every record file of the ledger by name (ids that are not valid record ids are skipped). */
export function listRecordFiles(root: string): RecordRef[] {
  return scan(root);
}

/** The records a query matches: the exact id alone when it exists, else every prefix match. */
export function matchRecords(root: string, query: string): RecordRef[] {
  const q = normaliseIdQuery(query);
  if (!/^[0-9a-z-]+$/.test(q)) return [];
  const keep = (id: string) => id.startsWith(q) || id.startsWith(q, 9);
  let found: RecordRef[] = [];
  if ((q.includes('-') || q.length > 8) && /^\d{6}/.test(q)) {
    inFolder(root, q.slice(0, 4), q.slice(4, 6), found, keep);
    found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  if (found.length === 0) found = scan(root, keep); // a short query, or a misplaced file
  const exact = found.filter((r) => r.id === q);
  return exact.length > 0 ? exact : found;
}

/** The one record a query names; exit 2 when none or several match. */
export function resolveRecord(root: string, query: string, t: Translate): RecordRef {
  const found = matchRecords(root, query);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new UsageError(t('record.unknown-id', { id: query }), t('record.hint.unknown-id'));
  const shown = found.slice(0, 10).map((r) => r.id);
  if (found.length > 10) shown.push(t('record.more', { count: found.length - 10 }));
  throw new UsageError(t('record.ambiguous-id', { id: query, count: found.length, ids: shown.join(', ') }), t('record.hint.ambiguous-id'));
}
