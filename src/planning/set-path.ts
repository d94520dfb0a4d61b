// `plan --set path=value`: paths are relative to the service, and list items are addressed by
// their id rather than their position, so that a path reads like the plan it changes:
//   --set name="Reparación"
//   --set requirements.resolution-time.target.max=4d      (a requirement by its id)
//   --set requirements.cost=null                          (drop a requirement)
//   --set requirements.fcr={kind: qualitative, indicator: first_time_fix, target: {min: 80%}}  (add one)
//   --set need.chat={description: Live chat}              (intake mechanisms by channel)
//   --set training.technician.courses=[safety, diagnostics]   (training needs by role)
//   --set resources.0.quantity=6                          (other lists by position, from 0)
//   --set procedure.effective=2026-12-01                  (procedure.<path>: the procedure file)
//   --set procedure.steps.diagnose.role=technician        (procedure steps by id)
// `procedure=ID` (one segment) is the service's procedure id, as in the service file.
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { YamlPath } from '../ledger/problems.js';
import { FILE_KINDS } from '../ledger/schema.js';
import { keysAt, schemaAt } from '../ledger/schema-walk.js';
import { parseSet } from '../ledger/set-values.js';
import { closest } from '../ledger/values.js';
import type { DraftFile } from './draft.js';

/** Lists whose items a path names by a key field instead of a position. */
export const KEYED_LISTS: Record<DraftFile, Record<string, string>> = {
  service: { requirements: 'id', need: 'channel', training: 'role', benchmarks: 'requirement' },
  procedure: { steps: 'id' },
};

export type SetOp =
  | { op: 'set'; which: DraftFile; path: YamlPath; value: unknown }
  | { op: 'delete'; which: DraftFile; path: YamlPath }
  | { op: 'append'; which: DraftFile; path: YamlPath; value: unknown };

function bad(t: Translate, flag: string, reason: string): never {
  throw new UsageError(t('error.bad-set', { value: flag, reason }), t('plan.hint.set-path'));
}

/** A number typed as text where the schema wants one (targets: `--set …target.min=0.9`). */
function retype(which: DraftFile, segments: string[], value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) return value;
  const leaf = schemaAt(FILE_KINDS[which], segments);
  if (!leaf || leaf.safeParse(value).success) return value;
  return leaf.safeParse(Number(value)).success ? Number(value) : value;
}

/** Which file a flag's path belongs to, and the path inside it. */
export function splitFlag(flag: string): { which: DraftFile; flag: string } {
  const eq = flag.indexOf('=');
  const path = eq < 0 ? flag : flag.slice(0, eq);
  if (path.startsWith('procedure.')) {
    const rest = flag.slice('procedure.'.length);
    // procedure.id is the service's `procedure`: one id, kept in step by the planner.
    if (rest.startsWith('id=')) return { which: 'service', flag: `procedure${rest.slice(2)}` };
    return { which: 'procedure', flag: rest };
  }
  return { which: 'service', flag };
}

/** The first segment of the path that names no field, with a "did you mean". */
function checkFields(which: DraftFile, flag: string, rawFlag: string, t: Translate): void {
  const eq = flag.indexOf('=');
  if (eq <= 0) return; // parseSet explains the syntax
  const segments = flag.slice(0, eq).trim().split('.');
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].startsWith('x-') || schemaAt(FILE_KINDS[which], segments.slice(0, i + 1)) !== undefined) continue;
    const known = keysAt(FILE_KINDS[which], segments.slice(0, i));
    if (known.length === 0) return; // a free-form place (filters, survey answers): parseSet decides
    const near = closest(segments[i], known);
    const prefix = [...(which === 'procedure' ? ['procedure'] : []), ...segments.slice(0, i)];
    bad(t, rawFlag, t('plan.set.unknown-field', { field: segments[i], known: known.join(', ') }) +
      (near ? ` (${t('hint.didYouMean', { suggestion: [...prefix, near].join('.') })})` : ''));
  }
}

/** Parse one --set flag against the current draft data into an edit. */
export function resolveSet(rawFlag: string, data: Record<DraftFile, Record<string, unknown>>, t: Translate): SetOp {
  const { which, flag } = splitFlag(rawFlag);
  checkFields(which, flag, rawFlag, t);
  const { path: segments, value: typed } = parseSet(which, flag, t);
  const value = retype(which, segments, typed);
  const path: (string | number)[] = [];
  let node: unknown = data[which];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const keyField = i === 1 ? KEYED_LISTS[which][segments[0]] : undefined;
      let index = -1;
      if (/^\d+$/.test(seg) && Number(seg) < node.length) index = Number(seg);
      else if (keyField) index = node.findIndex((item) => (item as Record<string, unknown> | null)?.[keyField] === seg);
      if (index < 0) {
        if (last && keyField && value !== null && typeof value === 'object' && !Array.isArray(value)) {
          return { op: 'append', which, path, value: { [keyField]: seg, ...(value as Record<string, unknown>) } };
        }
        const known = keyField
          ? node.map((item) => String((item as Record<string, unknown> | null)?.[keyField]))
          : node.map((_, k) => String(k));
        const near = closest(seg, known);
        bad(t, rawFlag, t('plan.set.unknown-item', {
          list: segments.slice(0, i).join('.'),
          item: seg,
          known: known.join(', ') || '—',
        }) + (near ? ` (${t('hint.didYouMean', { suggestion: [...(which === 'procedure' ? ['procedure'] : []), ...segments.slice(0, i), near].join('.') })})` : ''));
      }
      path.push(index);
      node = node[index];
    } else {
      path.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  if (value === null) return { op: 'delete', which, path };
  return { op: 'set', which, path, value };
}

/** A data path written the way --set names it (list items by id where they have one). */
export function setNotation(which: DraftFile, path: YamlPath, data: Record<string, unknown>): string {
  const out: string[] = which === 'procedure' ? ['procedure'] : [];
  let node: unknown = data;
  path.forEach((seg, i) => {
    if (Array.isArray(node) && typeof seg === 'number') {
      const keyField = i === 1 ? KEYED_LISTS[which][String(path[0])] : undefined;
      const key = keyField ? (node[seg] as Record<string, unknown> | null)?.[keyField] : undefined;
      out.push(typeof key === 'string' && key !== '' ? key : String(seg));
      node = node[seg];
    } else {
      out.push(String(seg));
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[String(seg)] : undefined;
    }
  });
  return out.join('.');
}
