// Action ids (SPEC §1): `<YYYYMMDD>-<8 Crockford base32 chars>`, the local date the action was
// opened; the file is actions/<id>.yaml. Commands accept the full id or any unambiguous prefix
// of it or of its random part, like record ids. Generation reuses the record id generator
// (same format, same CSPRNG); resolution only lists actions/ (a file's name is its id).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { RECORD_ID_RE } from '../ledger/values.js';
import { newRecordId, normaliseIdQuery } from '../recording/ids.js';

/** A new action id for an action opened on local date `date` (`YYYY-MM-DD`). */
export function newActionId(date: string): string {
  return newRecordId(date);
}

export function actionRelPath(id: string): string {
  return `actions/${id}.yaml`;
}

/** The ids of the action files under actions/ (names that are not ids are skipped), sorted. */
export function listActionIds(root: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(root, 'actions'));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -5))
    .filter((id) => RECORD_ID_RE.test(id))
    .sort();
}

/** The ids a query names: the exact id alone when present, else every prefix match (of the id or its random part). */
export function matchIds(ids: readonly string[], query: string): string[] {
  const q = normaliseIdQuery(query);
  if (q === '' || !/^[0-9a-z-]+$/.test(q)) return [];
  if (ids.includes(q)) return [q];
  return ids.filter((id) => id.startsWith(q) || id.slice(9).startsWith(q)).sort();
}

/** The one action id a query names; exit 2 when none or several match (listing the candidates). */
export function resolveActionId(ids: readonly string[], query: string, t: Translate): string {
  const found = matchIds(ids, query);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new UsageError(t('act.unknown-id', { id: query }), t('act.hint.unknown-id'));
  const shown = found.slice(0, 10);
  const more = found.length > 10 ? ` ${t('act.more', { count: found.length - 10 })}` : '';
  throw new UsageError(t('act.ambiguous-id', { id: query, count: found.length, ids: shown.join(', ') + more }), t('act.hint.ambiguous-id'));
}
