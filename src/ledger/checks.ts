// Cross-file integrity checks (SPEC §1, §5 `check`): references between files, ids and file
// names, record folders, duplicate ids, date order, procedure steps, completeness warnings.
// Works on the valid data of a loaded Ledger; returns pending problems that name a data path,
// which place() turns into file:line:col.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasData, type Ledger, type LedgerFile } from './load.js';
import type { PendingProblem, Problem, YamlPath } from './problems.js';
import { Collector, broken, fileBase, knownIds, unknownRef } from './collector.js';
import { crossFileOnly, ownChecks, recordIdOf } from './record-checks.js';
import { placeProblems } from './positions.js';
import { decodeText } from './parse.js';
import {
  BUILTIN_INDICATORS, FILE_KINDS, INPUT_IMPORT_FIELDS, RECORD_FIELDS, type Indicator, type Requirement,
  type Service, type Target,
} from './schema.js';
import { isFieldPath } from './schema-walk.js';
import { closest, quantity } from './values.js';
import { compileCalendar } from '../time/index.js';
import { indicatorUnit, isStatIndicator } from './indicator-catalogue.js';

function duplicates<T>(items: readonly T[], key: (t: T) => string): Map<number, number> {
  // index of a repeated item → index of its first occurrence
  const first = new Map<string, number>();
  const dup = new Map<number, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (first.has(k)) dup.set(i, first.get(k)!);
    else first.set(k, i);
  });
  return dup;
}

// ---------------------------------------------------------------------------------------------

function checkSettings(ledger: Ledger, c: Collector): void {
  const s = ledger.settings;
  if (!s) return;
  for (const [name, def] of Object.entries(s.calendars ?? {})) {
    try {
      compileCalendar(def);
    } catch (e) {
      c.add('aftersales.yaml', ['calendars', name], 'bad-calendar', { calendar: name, detail: (e as Error).message });
    }
  }
  for (const [i, o] of (s.objectives ?? []).entries()) {
    checkIndicatorUse('aftersales.yaml', ['objectives', i], o, c);
  }
  for (const [i, j] of duplicates(s.objectives ?? [], (o) => o.id)) {
    c.add('aftersales.yaml', ['objectives', i, 'id'], 'duplicate-id', { id: s.objectives![i].id, first: `objectives[${j}]` });
  }
}

function checkTeam(ledger: Ledger, c: Collector): void {
  const team = ledger.team;
  if (!team) return;
  const roles = new Set(team.roles.map((r) => r.id));
  const f = 'team.yaml';
  for (const [i, j] of duplicates(team.roles, (r) => r.id)) c.add(f, ['roles', i, 'id'], 'duplicate-id', { id: team.roles[i].id, first: `roles[${j}]` });
  for (const [i, j] of duplicates(team.people, (p) => p.id)) c.add(f, ['people', i, 'id'], 'duplicate-id', { id: team.people[i].id, first: `people[${j}]` });
  team.roles.forEach((r, i) => {
    if (r.reports_to && !roles.has(r.reports_to)) unknownRef(c, f, ['roles', i, 'reports_to'], 'role', r.reports_to, [...roles]);
  });
  team.people.forEach((p, i) => {
    p.roles.forEach((role, k) => {
      if (!roles.has(role)) unknownRef(c, f, ['people', i, 'roles', k], 'role', role, [...roles]);
    });
    (p.training ?? []).forEach((t, k) => {
      if (t.expires && t.expires < t.completed) {
        c.add(f, ['people', i, 'training', k, 'expires'], 'date-order', { later: 'expires', earlier: 'completed', a: t.expires, b: t.completed });
      }
    });
  });
}

/** Deviation kinds (SPEC §4): a requirement of that id would share its deviations' keys. */
const DEVIATION_KINDS = ['target', 'trend', 'compliance', 'training', 'action', 'capacity'];

/** SPEC §1.3: requirement ids may not be a deviation kind, so deviation keys never collide. */
function reservedRequirementIds(f: string, s: Service, c: Collector): void {
  s.requirements.forEach((r, i) => {
    if (DEVIATION_KINDS.includes(r.id)) c.add(f, ['requirements', i, 'id'], 'reserved-id', { id: r.id, kinds: DEVIATION_KINDS.join(', '), service: s.id });
  });
}

/** Parameters an indicator needs, and targets in its unit. */
function checkIndicatorUse(
  file: string,
  base: YamlPath,
  req: { indicator: Indicator; stat?: string; within?: string; target: Target },
  c: Collector,
): void {
  const ind = req.indicator;
  const t = req.target;
  if ((t.min === undefined) === (t.max === undefined)) {
    c.add(file, [...base, 'target'], 'target-side');
  }
  if (typeof ind === 'string') {
    if (req.stat && !isStatIndicator(ind)) c.add(file, [...base, 'stat'], 'stat-not-applicable', { indicator: ind });
    if (ind === 'sla_compliance' && !req.within) c.add(file, base, 'missing-within', { indicator: ind });
    if (req.within && ind !== 'sla_compliance' && ind !== 'repeat_rate') c.add(file, [...base, 'within'], 'within-not-applicable', { indicator: ind });
  } else {
    if (ind.type === 'share' && !ind.match) c.add(file, [...base, 'indicator'], 'inline-missing', { type: ind.type, key: 'match' });
    if ((ind.type === 'mean' || ind.type === 'median' || ind.type === 'percentile') && !ind.field) {
      c.add(file, [...base, 'indicator'], 'inline-missing', { type: ind.type, key: 'field' });
    }
    if (ind.type === 'percentile' && ind.p === undefined) c.add(file, [...base, 'indicator'], 'inline-missing', { type: ind.type, key: 'p' });
  }
  const unit = indicatorUnit(ind);
  for (const side of ['min', 'max', 'critical'] as const) {
    const raw = t[side];
    if (raw === undefined) continue;
    const q = quantity(raw)!;
    const ok =
      unit === 'hours' ? q.kind === 'duration' || q.kind === 'number'
      : unit === 'ratio' ? (q.kind === 'ratio' || (q.kind === 'number' && q.value >= 0 && q.value <= 1))
      : q.kind === 'number';
    if (!ok) c.add(file, [...base, 'target', side], 'target-unit', { value: String(raw), unit });
    else if (unit === 'ratio' && (q.value < 0 || q.value > 1)) c.add(file, [...base, 'target', side], 'target-unit', { value: String(raw), unit });
  }
  // critical must lie beyond the target, on the bad side
  if (t.critical !== undefined && (t.min !== undefined || t.max !== undefined)) {
    const crit = quantity(t.critical)?.value;
    const bound = quantity(t.min ?? t.max)?.value;
    if (crit !== undefined && bound !== undefined) {
      if ((t.min !== undefined && crit > bound) || (t.max !== undefined && crit < bound)) {
        c.add(file, [...base, 'target', 'critical'], 'critical-side', { critical: String(t.critical), bound: String(t.min ?? t.max) });
      }
    }
  }
}

function checkServices(ledger: Ledger, c: Collector): void {
  const roles = new Set((ledger.team?.roles ?? []).map((r) => r.id));
  const teamBroken = broken(ledger, 'team');
  const procedures = knownIds(ledger.procedures);
  const calendars = new Set(Object.keys(ledger.settings?.calendars ?? {}));
  for (const file of ledger.services) {
    const s = file.data;
    if (!s) continue;
    const f = file.path;
    if (s.id !== fileBase(f)) c.add(f, ['id'], 'id-file-mismatch', { id: s.id, file: `${s.id}.yaml` });
    if (!teamBroken && !roles.has(s.owner)) unknownRef(c, f, ['owner'], 'role', s.owner, [...roles]);
    if (!procedures.has(s.procedure)) unknownRef(c, f, ['procedure'], 'procedure', s.procedure, [...procedures]);
    if (s.calendar && !calendars.has(s.calendar)) unknownRef(c, f, ['calendar'], 'calendar', s.calendar, [...calendars]);
    for (const [i, j] of duplicates(s.requirements, (r) => r.id)) {
      c.add(f, ['requirements', i, 'id'], 'duplicate-id', { id: s.requirements[i].id, first: `requirements[${j}]` });
    }
    s.requirements.forEach((r: Requirement, i) => checkIndicatorUse(f, ['requirements', i], r, c));
    reservedRequirementIds(f, s, c);
    (s.resources ?? []).forEach((r, i) => {
      if (!teamBroken && r.role && !roles.has(r.role)) unknownRef(c, f, ['resources', i, 'role'], 'role', r.role, [...roles]);
    });
    (s.training ?? []).forEach((t, i) => {
      if (!teamBroken && !roles.has(t.role)) unknownRef(c, f, ['training', i, 'role'], 'role', t.role, [...roles]);
    });
    const reqIds = s.requirements.map((r) => r.id);
    (s.benchmarks ?? []).forEach((b, i) => {
      if (!reqIds.includes(b.requirement)) unknownRef(c, f, ['benchmarks', i, 'requirement'], 'requirement', b.requirement, reqIds);
    });
  }
  for (const [i, j] of duplicates(ledger.services.filter((s) => s.data), (s) => s.data!.id)) {
    const list = ledger.services.filter((s) => s.data);
    c.add(list[i].path, ['id'], 'duplicate-id', { id: list[i].data!.id, first: list[j].path });
  }
}

function checkProcedures(ledger: Ledger, c: Collector): void {
  const roles = new Set((ledger.team?.roles ?? []).map((r) => r.id));
  const teamBroken = broken(ledger, 'team');
  for (const file of ledger.procedures) {
    const p = file.data;
    if (!p) continue;
    const f = file.path;
    if (p.id !== fileBase(f)) c.add(f, ['id'], 'id-file-mismatch', { id: p.id, file: `${p.id}.yaml` });
    for (const [i, j] of duplicates(p.steps, (s) => s.id)) c.add(f, ['steps', i, 'id'], 'duplicate-id', { id: p.steps[i].id, first: `steps[${j}]` });
    p.steps.forEach((s, i) => {
      if (!teamBroken && s.role && !roles.has(s.role)) unknownRef(c, f, ['steps', i, 'role'], 'role', s.role, [...roles]);
      (s.captures ?? []).forEach((field, k) => {
        if (!RECORD_FIELDS.includes(field.split('.')[0])) {
          c.add(f, ['steps', i, 'captures', k], 'unknown-capture', { value: field, suggestion: closest(field, RECORD_FIELDS) ?? '' });
        }
      });
    });
  }
}

function checkInputs(ledger: Ledger, c: Collector): void {
  const products = ledger.products?.products ?? [];
  for (const [i, j] of duplicates(products, (p) => p.id)) c.add('inputs/products.yaml', ['products', i, 'id'], 'duplicate-id', { id: products[i].id, first: `products[${j}]` });
  const productIds = products.map((p) => p.id);
  const productsBroken = broken(ledger, 'products');
  (ledger.sales?.sales ?? []).forEach((s, i) => {
    if (!productsBroken && !productIds.includes(s.product)) unknownRef(c, 'inputs/sales.yaml', ['sales', i, 'product'], 'product', s.product, productIds);
  });
  for (const [i, j] of duplicates(ledger.sales?.sales ?? [], (s) => `${s.month} ${s.product}`)) {
    const s = ledger.sales!.sales[i];
    c.add('inputs/sales.yaml', ['sales', i], 'duplicate-id', { id: `${s.month} ${s.product}`, first: `sales[${j}]` });
  }
  (ledger.benchmarks?.benchmarks ?? []).forEach((b, i) => {
    if (!(BUILTIN_INDICATORS as readonly string[]).includes(b.indicator)) {
      unknownRef(c, 'inputs/benchmarks.yaml', ['benchmarks', i, 'indicator'], 'indicator', b.indicator, [...BUILTIN_INDICATORS]);
    }
  });
  (ledger.suggestions?.suggestions ?? []).forEach((s, i) => {
    (s.indicators ?? []).forEach((ind, k) => {
      if (!(BUILTIN_INDICATORS as readonly string[]).includes(ind)) {
        unknownRef(c, 'suggestions.yaml', ['suggestions', i, 'indicators', k], 'indicator', ind, [...BUILTIN_INDICATORS]);
      }
    });
  });
}


function checkRecords(ledger: Ledger, c: Collector): void {
  const checksOf = ownChecks(ledger);
  // Duplicate ids. Records come sorted by path and a valid record's id is its file name, so ids
  // usually ascend: while each is greater than the last, none repeats and nothing need be
  // hashed. At the first one that does not, switch to a map id → first file.
  let lastId = '';
  let firstFile: Map<string, string> | undefined;
  const ids: (string | undefined)[] = [];
  const records = ledger.records;
  for (let row = 0; row < records.length; row++) {
    const file = records[row];
    if (!hasData(file)) {
      ids.push(undefined);
      continue;
    }
    const own = checksOf(file).problems;
    const id = recordIdOf(file.path, own);
    ids.push(id);
    for (const p of crossFileOnly(own)) c.items.push(p);
    if (firstFile === undefined) {
      if (id > lastId) lastId = id;
      else {
        firstFile = new Map();
        for (let k = 0; k < row; k++) if (ids[k] !== undefined && !firstFile.has(ids[k]!)) firstFile.set(ids[k]!, records[k].path);
      }
    }
    if (firstFile !== undefined) {
      const first = firstFile.get(id);
      if (first !== undefined) c.add(file.path, ['id'], 'duplicate-id', { id, first });
      else firstFile.set(id, file.path);
    }
  }
}

function isImportField(kind: 'records' | 'sales' | 'products', field: string): boolean {
  if (kind !== 'records') return (INPUT_IMPORT_FIELDS[kind] as readonly string[]).includes(field);
  return isFieldPath(FILE_KINDS.record, field.split('.'));
}

/** imports/<name>.yaml: the fields it names exist, its service and the steps it sets too. */
function checkImports(ledger: Ledger, c: Collector): void {
  const services = new Map(ledger.services.flatMap((f) => (f.data ? [[f.data.id, f.data] as const] : [])));
  const procedures = new Map(ledger.procedures.flatMap((f) => (f.data ? [[f.data.id, f.data] as const] : [])));
  for (const f of ledger.imports) {
    const m = f.data;
    if (!m) continue;
    const kind = m.kind ?? 'records';
    const known = kind === 'records' ? [...RECORD_FIELDS] : [...INPUT_IMPORT_FIELDS[kind]];
    for (const group of ['columns', 'values', 'constants'] as const) {
      for (const field of Object.keys(m[group] ?? {})) {
        if (!isImportField(kind, field)) unknownRef(c, f.path, [group, field], 'import-field', field, known);
      }
    }
    const svc = m.service === undefined ? undefined : services.get(m.service);
    if (m.service !== undefined && !svc) unknownRef(c, f.path, ['service'], 'service', m.service, [...services.keys()]);
    const proc = svc ? procedures.get(svc.procedure) : undefined;
    for (const step of Object.keys(m.steps ?? {})) {
      const ids = proc?.steps.map((s) => s.id) ?? [];
      if (proc && !ids.includes(step)) c.add(f.path, ['steps', step], 'unknown-step', { value: step, procedure: proc.id, suggestion: closest(step, ids) ?? '', known: ids.join(', ') });
    }
  }
}

function checkActions(ledger: Ledger, c: Collector): void {
  const services = new Map<string, Service>();
  for (const s of ledger.services) if (s.data) services.set(s.data.id, s.data);
  const owners = [...(ledger.team?.people ?? []).map((p) => p.id), ...(ledger.team?.roles ?? []).map((r) => r.id)];
  const teamBroken = broken(ledger, 'team');
  const serviceIds = knownIds(ledger.services);
  const seen = new Map<string, string>();
  for (const file of ledger.actions) {
    const a = file.data;
    if (!a) continue;
    const f = file.path;
    if (a.id !== fileBase(f)) c.add(f, ['id'], 'id-file-mismatch', { id: a.id, file: `${a.id}.yaml` });
    const first = seen.get(a.id);
    if (first) c.add(f, ['id'], 'duplicate-id', { id: a.id, first });
    else seen.set(a.id, f);
    const service = a.service ? services.get(a.service) : undefined;
    if (a.service && !serviceIds.has(a.service)) unknownRef(c, f, ['service'], 'service', a.service, [...services.keys()]);
    if (a.requirement) {
      if (!a.service) c.add(f, ['requirement'], 'requirement-without-service', {});
      else if (service && !service.requirements.some((r) => r.id === a.requirement)) {
        unknownRef(c, f, ['requirement'], 'requirement', a.requirement, service.requirements.map((r) => r.id));
      }
    }
    if (!teamBroken && !owners.includes(a.owner)) unknownRef(c, f, ['owner'], 'owner', a.owner, owners);
    if (a.closed && a.closed < a.opened) c.add(f, ['closed'], 'date-order', { later: 'closed', earlier: 'opened', a: a.closed, b: a.opened });
    if (a.due && a.due < a.opened) c.add(f, ['due'], 'date-order', { later: 'due', earlier: 'opened', a: a.due, b: a.opened });
  }
}

function checkPresence(ledger: Ledger, c: Collector): void {
  if (!ledger.files.some((f) => f.kind === 'team')) c.add('team.yaml', [], 'missing-file', { file: 'team.yaml' });
}

/** Every cross-file check over the valid parts of the ledger. */
export function crossChecks(ledger: Ledger): PendingProblem[] {
  const c = new Collector();
  checkPresence(ledger, c);
  checkSettings(ledger, c);
  checkTeam(ledger, c);
  checkServices(ledger, c);
  checkProcedures(ledger, c);
  checkInputs(ledger, c);
  if (ledger.recordsLoaded) checkRecords(ledger, c);
  checkActions(ledger, c);
  checkImports(ledger, c);
  return c.items;
}

/** Pending problems → problems at file:line:col, reading each concerned file once. */
export function place(root: string, pending: PendingProblem[]): Problem[] {
  const byFile = new Map<string, PendingProblem[]>();
  for (const p of pending) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const out: Problem[] = [];
  for (const [file, list] of byFile) {
    let text = '';
    try {
      text = decodeText(file, readFileSync(join(root, file))).text ?? '';
    } catch {
      /* a missing file (e.g. team.yaml): point at 1:1 */
    }
    out.push(...placeProblems(text, list));
  }
  return out;
}

/** Parse and schema problems of every file, plus the cross-file checks, placed. */
export function allProblems(ledger: Ledger): Problem[] {
  const fromFiles = ledger.files.flatMap((f: LedgerFile) => f.problems);
  return [...fromFiles, ...place(ledger.root, crossChecks(ledger))];
}
