// The cross-file checks of one record (SPEC §1, §5 `check`): its id and file name, folder and
// date order, the service, procedure (version, steps), person and product it names, and its
// completeness. They depend only on the record and on the plan (time zone, services,
// procedures, people, products), never on the other records, so the parse cache keeps their
// result per record beside its entry, under a hash of that plan (recordChecksKey): an unchanged
// record is not checked again, and its data need not even be read (load.ts). Duplicate ids,
// the one rule across records, is checked in checks.ts from the ids alone (recordIdOf).
// The checker also gives what `check`'s plausibility warnings (plausibility.ts) need of the
// record: its latest instant (a future date is then looked for only in records that have one)
// and the `before-procedure` warning, which depends on the plan too; kept with the checks, they
// are left out of the cross-file checks (crossFileOnly).
import { createHash } from 'node:crypto';
import { codeVersion } from '../cache/code-version.js';
import { Collector, broken, fileBase, knownIds, unknownRef } from './collector.js';
import { missingIn } from './completeness.js';
import { instantsIn, recordMemo } from './instants.js';
import type { Ledger, LedgerFile } from './load.js';
import type { PendingProblem } from './problems.js';
import type { Procedure, RecordData } from './schema.js';
import { PROCEDURE_REF_RE, closest } from './values.js';

const FORMAT = 1;

/** Hash of everything a record's checks read besides the record itself. */
export function recordChecksKey(ledger: Ledger): string {
  const plan = {
    format: FORMAT,
    code: codeVersion(),
    tz: ledger.config.timezone,
    services: [...knownIds(ledger.services)],
    procedures: ledger.procedures.map((f) => [f.path, f.data ?? null]),
    people: (ledger.team?.people ?? []).map((p) => p.id),
    teamBroken: broken(ledger, 'team'),
    products: (ledger.products?.products ?? []).map((p) => p.id),
    productsBroken: broken(ledger, 'products'),
  };
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

/**
 * fileBase(path) === id, without slicing (and without lastIndexOf/endsWith, slow on this path):
 * the id must end the path before a `.yaml`/`.yml` extension, right after a `/` or at its start.
 */
function isFileOf(id: string, path: string): boolean {
  const n = path.length;
  const end = endsWithText(path, '.yaml') ? n - 5 : endsWithText(path, '.yml') ? n - 4 : n;
  const start = end - id.length;
  if (start < 0 || (start > 0 && path.charCodeAt(start - 1) !== 47)) return false;
  for (let k = 0; k < id.length; k++) {
    const ch = id.charCodeAt(k);
    if (ch === 47 || ch !== path.charCodeAt(start + k)) return false; // a `/` in id: never a file name
  }
  return true;
}

function endsWithText(text: string, suffix: string): boolean {
  const at = text.length - suffix.length;
  if (at < 0) return false;
  for (let k = 0; k < suffix.length; k++) if (text.charCodeAt(at + k) !== suffix.charCodeAt(k)) return false;
  return true;
}

/** a.slice(ai, ai + n) === b.slice(bi, bi + n) (both n long), without making the slices. */
function sameChars(a: string, ai: number, b: string, bi: number, n: number): boolean {
  if (ai + n > a.length || bi + n > b.length) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

const NONE: readonly PendingProblem[] = Object.freeze([]);

/** What the checks of one record give. */
export interface RecordCheck {
  /** Its cross-file problems, and its `before-procedure` warning (see crossFileOnly). */
  problems: readonly PendingProblem[];
  /** Its latest instant (opened, responded, closed, a pause), epoch ms. */
  latest: number;
}

/** Codes kept with a record's checks for plausibility.ts, not cross-file problems. */
const PLAUSIBILITY_CODES = new Set(['before-procedure']);

export function crossFileOnly(problems: readonly PendingProblem[]): readonly PendingProblem[] {
  return problems.length === 0 || !problems.some((p) => PLAUSIBILITY_CODES.has(p.code)) ? problems : problems.filter((p) => !PLAUSIBILITY_CODES.has(p.code));
}

export function plausibilityOnly(problems: readonly PendingProblem[]): readonly PendingProblem[] {
  return problems.length === 0 ? problems : problems.filter((p) => PLAUSIBILITY_CODES.has(p.code));
}

/**
 * A record's id from its checks: its file name, unless the checks found they differ (then the
 * problem names the id). Lets duplicate ids be found without the records' data.
 */
export function recordIdOf(path: string, checks: readonly PendingProblem[]): string {
  for (const p of checks) if (p.code === 'id-file-mismatch') return String(p.params.id);
  return fileBase(path);
}

/** The checks of one record against the ledger's plan (built once, then called per record). */
export function recordChecker(ledger: Ledger): (path: string, r: RecordData) => RecordCheck {
  const tz = ledger.config.timezone;
  const procedures = new Map<string, Procedure>();
  for (const p of ledger.procedures) if (p.data) procedures.set(p.data.id, p.data);
  const people = (ledger.team?.people ?? []).map((p) => p.id);
  const peopleSet = new Set(people);
  const productIds = (ledger.products?.products ?? []).map((p) => p.id);
  const productSet = new Set(productIds);
  const serviceIds = knownIds(ledger.services);
  const procedureIds = knownIds(ledger.procedures);
  const teamBroken = broken(ledger, 'team');
  const productsBroken = broken(ledger, 'products');
  // `name@version` → what the checks need of it, worked out once per distinct text (records
  // share a handful): the procedure (undefined when unknown or broken), whether its id is known,
  // and the step ids of its current version.
  const refs = new Map<string, { id: string; version: number; proc: Procedure | undefined; known: boolean; steps: Set<string> | undefined }>();

  return (f, r) => {
    const c = new Collector();
    if (!isFileOf(r.id, f)) c.add(f, ['id'], 'id-file-mismatch', { id: r.id, file: `${r.id}.yaml` });
    if (!serviceIds.has(r.service)) unknownRef(c, f, ['service'], 'service', r.service, [...serviceIds]);
    let ref = refs.get(r.procedure);
    if (ref === undefined) {
      const m = PROCEDURE_REF_RE.exec(r.procedure)!;
      const p = procedures.get(m[1]);
      const version = Number(m[2]);
      const steps = p && version === p.version ? new Set(p.steps.map((s) => s.id)) : undefined;
      ref = { id: m[1], version, proc: p, known: procedureIds.has(m[1]), steps };
      refs.set(r.procedure, ref);
    }
    const proc = ref.proc;
    const version = ref.version;
    if (!ref.known) unknownRef(c, f, ['procedure'], 'procedure', ref.id, [...procedures.keys()]);
    else if (proc && (version > proc.version || version < 1)) {
      c.add(f, ['procedure'], 'procedure-version', { value: r.procedure, current: proc.version });
    }

    if (!teamBroken && r.assignee && !peopleSet.has(r.assignee)) unknownRef(c, f, ['assignee'], 'person', r.assignee, people);
    if (!productsBroken && r.product && !productSet.has(r.product)) unknownRef(c, f, ['product'], 'product', r.product, productIds);
    const known = ref.steps;
    if (known !== undefined && r.steps) {
      for (const id in r.steps) {
        if (!known.has(id)) c.add(f, ['steps', id], 'unknown-step', { value: id, procedure: r.procedure, suggestion: closest(id, [...known]) ?? '' }, 'error', true);
      }
    }

    // Place and date order, in the ledger time zone.
    const memo = recordMemo(r);
    const at = instantsIn(memo, r, tz);
    const opened = at.opened;
    const day = at.openedDate;
    // records/YYYY/MM/ and an id starting YYYYMMDD, both from the local date opened
    if (f.charCodeAt(12) !== 47 || !sameChars(f, 8, day, 0, 4) || !sameChars(f, 13, day, 5, 2) || f.charCodeAt(15) !== 47) {
      const expectedDir = `records/${day.slice(0, 4)}/${day.slice(5, 7)}/`;
      if (!f.startsWith(expectedDir)) c.add(f, ['opened'], 'wrong-folder', { folder: expectedDir, opened: r.opened });
    }
    if (!sameChars(r.id, 0, day, 0, 4) || !sameChars(r.id, 4, day, 5, 2) || !sameChars(r.id, 6, day, 8, 2)) {
      if (/^\d{8}-/.test(r.id)) c.add(f, ['id'], 'id-date-mismatch', { id: r.id, date: day });
    }
    const closed = at.closed;
    if (at.responded !== undefined && at.responded < opened) {
      c.add(f, ['responded'], 'date-order', { later: 'responded', earlier: 'opened', a: r.responded!, b: r.opened });
    }
    if (closed !== undefined && closed < opened) {
      c.add(f, ['closed'], 'date-order', { later: 'closed', earlier: 'opened', a: r.closed!, b: r.opened });
    }
    const paused = r.paused;
    if (paused !== undefined) {
      for (let i = 0; i < paused.length; i++) {
        const p = paused[i];
        const { from, to } = at.pauses![i];
        if (p.to === undefined) {
          // Paused now: only the last pause, and only while the record is open.
          if (closed !== undefined || i < paused.length - 1) c.add(f, ['paused', i], 'pause-not-ended', { id: r.id });
          else if (from < opened) c.add(f, ['paused', i], 'pause-outside', {});
        } else if (to < from) c.add(f, ['paused', i, 'to'], 'date-order', { later: 'to', earlier: 'from', a: p.to, b: p.from });
        else if (from < opened || (closed !== undefined && to > closed)) c.add(f, ['paused', i], 'pause-outside', {});
      }
    }
    if (r.closed !== undefined && r.outcome === undefined) c.add(f, ['closed'], 'missing-outcome', {});
    if (r.outcome !== undefined && r.closed === undefined) c.add(f, ['outcome'], 'outcome-without-closed', {}, 'warning');

    // Completeness of a closed record is measured, and warned about (SPEC §1.6).
    if (r.closed !== undefined && r.outcome !== undefined && r.outcome !== 'cancelled') {
      const missing = missingIn(memo, r, proc);
      if (missing.length > 0) c.add(f, ['closed'], 'incomplete-record', { fields: missing.join(', ') }, 'warning', true);
    }
    // Plausibility (SPEC §1.6): opened before the procedure version it cites took effect. Only
    // the current version's date is known (the ledger keeps only the current procedure file).
    if (proc && version === proc.version && day < proc.effective) {
      c.add(f, ['opened'], 'before-procedure', { procedure: r.procedure, effective: proc.effective, opened: day }, 'warning');
    }
    let latest = opened;
    if (at.responded !== undefined && at.responded > latest) latest = at.responded;
    if (closed !== undefined && closed > latest) latest = closed;
    for (const p of at.pauses ?? []) latest = Math.max(latest, p.from, p.to === Infinity ? p.from : p.to); // Infinity: paused now
    return { problems: c.items.length === 0 ? NONE : c.items, latest };
  };
}

/**
 * A valid record's own checks: as the load kept them on its file when they were made against
 * this very plan (a ledger edited in memory — team edits, plan gates — hashes differently), else
 * made now, which reads the record's data.
 */
export function ownChecks(ledger: Ledger): (file: LedgerFile<RecordData>) => RecordCheck {
  const kept = ledger.recordChecksKey !== undefined && ledger.recordChecksKey === recordChecksKey(ledger);
  let check: ReturnType<typeof recordChecker> | undefined;
  return (file) => (kept && file.checks !== undefined && file.latest !== undefined
    ? { problems: file.checks, latest: file.latest }
    : (check ??= recordChecker(ledger))(file.path, file.data!));
}
