// `aftersales improve [--periods N] [--apply] [--as-of T] [--format table|json]` (SPEC §5): the
// improvement phase. Requirements that met their target in each of the last N (default 3)
// complete periods get a stricter target at the worst of those values (acting/improve.ts),
// beside the benchmarks of the indicator (inputs/benchmarks.yaml) and of the service, saying
// whether the competition is still ahead. Not proposed: requirements with an open deviation —
// a target or trend deviation in the last complete period, an open action on them, or an action
// verified ineffective that no newer action follows. `--apply` writes the new bounds into the
// service files (comments and layout kept) and appends {date, from, to} to `history`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isSeq, parseDocument } from 'yaml';
import { LedgerError, UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { suggestionCatalogue } from '../ledger/catalogue.js';
import { editYaml } from '../ledger/edit.js';
import type { Ledger } from '../ledger/load.js';
import { buildLookup } from '../ledger/lookup.js';
import { parseText } from '../ledger/parse.js';
import type { ActionData, Indicator, Requirement, Target } from '../ledger/schema.js';
import { quantity } from '../ledger/values.js';
import { replaceAtomic, withFileLock } from '../ledger/write.js';
import { runControlEngine } from '../quality/control.js';
import { durationsToHours } from '../quality/indicators.js';
import { lastCompletePeriod, localDate, periodsEndingWith } from '../time/index.js';
import { meets, type NumericTarget } from '../quality/targets.js';
import type { Unit } from '../ledger/indicator-catalogue.js';
import { palette } from '../report/colors.js';
import { formatTarget, formatValue, indicatorName } from '../report/format.js';
import { isAhead, proposeBound, targetSide, writtenBound } from '../acting/improve.js';
import { requirementMeasurable } from '../acting/measure.js';
import { cachedEngine } from '../quality/facts-cache.js';
import { resolveAsOf } from './control-options.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { problemLine } from '../ledger/problems.js';
import { safeDeep } from '../io/safe-text.js';

export const IMPROVE_FORMATS = ['table', 'json'] as const;
const MAX_PERIODS = 120;

export interface ImproveOptions {
  periods?: string | number;
  minN?: string | number;
  only?: string[];
  apply?: boolean;
  asOf?: string;
  format?: string;
}

export interface Proposal {
  service: string;
  requirement: string;
  indicator: Indicator;
  from: NumericTarget;
  to: NumericTarget;
  values: { period: string; value: number; n: number }[];
  benchmarks: { source: string; value: number }[];
  competition_ahead: boolean;
  /** The requirement's description states the old target as text: update it by hand. */
  description_mentions_old_target: boolean;
}

interface Internal {
  proposal: Proposal;
  unit: Unit;
  file: string;
  index: number;
  side: 'min' | 'max';
  written: Target;
  next: Target;
}

export interface HeldBack {
  service: string;
  requirement: string;
  reason: 'missed' | 'no-data' | 'too-few' | 'no-stricter' | 'deviation' | 'open-action' | 'ineffective-action';
  detail: string;
}

function wholeNumber(value: string | number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : NaN;
}

function parsePeriods(value: string | number | undefined, fallback: number, t: CommandContext['io']['t']): number {
  if (value === undefined) return fallback;
  const n = wholeNumber(value, 1, MAX_PERIODS);
  if (Number.isNaN(n)) throw new UsageError(t('improve.bad-periods', { value: String(value), max: MAX_PERIODS }));
  return n;
}

function parseMinN(value: string | number | undefined, fallback: number, t: CommandContext['io']['t']): number {
  if (value === undefined) return fallback;
  const n = wholeNumber(value, 0, 1_000_000);
  if (Number.isNaN(n)) throw new UsageError(t('improve.bad-min-n', { value: String(value) }));
  return n;
}

/**
 * Whether a description states a target bound as text ("90%", "5 días", "120h", "4,5"): a
 * proposal never rewrites prose, so it says so instead.
 */
export function mentionsBound(description: string | undefined, written: unknown, value: number, unit: Unit): boolean {
  if (!description) return false;
  const num = (x: number) => [String(Number(x.toFixed(6))), String(Number(x.toFixed(6))).replace('.', ',')];
  const forms = new Set<string>();
  if (typeof written === 'string' || typeof written === 'number') forms.add(String(written).trim());
  if (unit === 'ratio') for (const n of num(value * 100)) forms.add(`${n}%`).add(`${n} %`);
  else if (unit === 'hours') {
    for (const n of num(value)) for (const u of ['h', ' h', ' hours', ' horas', ' hour', ' hora']) forms.add(`${n}${u}`);
    if (value % 24 === 0) for (const n of num(value / 24)) for (const u of ['d', ' d', ' days', ' días', ' dias', ' day', ' día']) forms.add(`${n}${u}`);
  } else for (const n of num(value)) forms.add(n);
  const text = description.toLowerCase();
  for (const f of forms) {
    const at = text.indexOf(f.toLowerCase());
    if (at < 0) continue;
    const before = text[at - 1] ?? ' ';
    const after = text[at + f.length] ?? ' ';
    // a whole token: "5 días" is in "en 5 días", not in "15 días" or "5 días y 3 h"… (after: not a digit)
    if (!/[\d.,]/.test(before) && !/\d/.test(after) && !/[.,]\d/.test(text.slice(at + f.length, at + f.length + 2))) return true;
  }
  return false;
}

/** Why a requirement may not be tightened now, or undefined. */
function heldBack(service: string, req: Requirement, deviationKeys: Map<string, string>, actions: ActionData[]): HeldBack | undefined {
  const key = `${service}/${req.id}`;
  const dev = deviationKeys.get(key);
  if (dev) return { service, requirement: req.id, reason: 'deviation', detail: dev };
  const mine = actions.filter((a) => a.service === service && a.requirement === req.id);
  const open = mine.filter((a) => a.status === 'open').map((a) => a.id).sort();
  if (open.length > 0) return { service, requirement: req.id, reason: 'open-action', detail: open.join(', ') };
  // Same rule as control's `action` deviation: ineffective with no newer action on the requirement.
  const newer = (a: ActionData) => mine.some((b) => b !== a && (b.opened > a.opened || (b.opened === a.opened && b.id > a.id)));
  const ineffective = mine.filter((a) => (a.status === 'ineffective' || a.verification?.result === 'ineffective') && !newer(a)).map((a) => a.id).sort();
  if (ineffective.length > 0) return { service, requirement: req.id, reason: 'ineffective-action', detail: ineffective.join(', ') };
  return undefined;
}

function benchmarksFor(ledger: Ledger, service: string, req: Requirement): { source: string; value: number }[] {
  const out: { source: string; value: number }[] = [];
  const name = typeof req.indicator === 'string' ? req.indicator : undefined;
  for (const b of ledger.benchmarks?.benchmarks ?? []) {
    if (name === undefined || b.indicator !== name || (b.service !== undefined && b.service !== service)) continue;
    const q = quantity(b.value);
    if (q) out.push({ source: b.source, value: q.value });
  }
  const svc = ledger.services.find((f) => f.data?.id === service)?.data;
  for (const b of svc?.benchmarks ?? []) {
    if (b.requirement !== req.id) continue;
    const q = quantity(b.value);
    if (q) out.push({ source: b.source, value: q.value });
  }
  return out;
}

function indicatorOut(indicator: Indicator): Indicator {
  return typeof indicator === 'string' ? indicator : durationsToHours(indicator);
}

/**
 * The history entry: in a block list, one line as a flow mapping (`- { date: …, from: { … },
 * to: { … } }`); in a flow list written by hand (`history: [ … ]`), a plain value.
 */
function historyEntry(text: string, index: number, date: string, from: Target, to: Target): unknown {
  const existing = parseDocument(text).getIn(['requirements', index, 'history'], true);
  if (isSeq(existing) && existing.flow && existing.items.length > 0) return { date, from, to };
  const node = new Document().createNode({ date, from, to });
  node.flow = true;
  return node;
}

/** `--only service/requirement` keys, checked against the plan (undefined: no filter). */
function onlyKeys(only: string[], lookup: ReturnType<typeof buildLookup>, t: CommandContext['io']['t']): Set<string> | undefined {
  if (only.length === 0) return undefined;
  const valid = [...lookup.services.values()].flatMap((s) => s.requirements.map((r) => `${s.id}/${r.id}`)).sort();
  for (const key of only) {
    if (!valid.includes(key)) throw new UsageError(t('improve.bad-only', { value: key }), t('improve.hint-only', { known: valid.join(', ') }));
  }
  return new Set(only);
}

function shellQuote(text: string): string {
  return /^[\w./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export async function runImprove(ctx: CommandContext & ImproveOptions): Promise<{ exitCode: number; proposals: Proposal[]; heldBack: HeldBack[] }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, IMPROVE_FORMATS, 'table');
  const ledger = openLedger(ctx, { validate: 'all' });
  const settings = ledger.settings?.improve;
  const count = parsePeriods(ctx.periods, settings?.periods ?? 3, t);
  const minN = parseMinN(ctx.minN, settings?.min_n ?? 20, t);
  const lookup = buildLookup(ledger);
  const only = onlyKeys(ctx.only ?? [], lookup, t);
  const tz = ledger.config.timezone;
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const last = lastCompletePeriod(asOf, ledger.config.period, tz);
  const labels = periodsEndingWith(last, count);
  const today = localDate(asOf, tz);

  // Open deviations of the last complete period, by service/requirement.
  const { engine, save } = cachedEngine(ledger, lookup);
  const control = runControlEngine(ledger, lookup, { period: last, asOf, catalogue: suggestionCatalogue(ledger, io.lang) }, engine);
  const deviationKeys = new Map<string, string>();
  for (const d of control.deviations) {
    if ((d.kind === 'target' || d.kind === 'trend') && d.service !== '*' && d.requirement) {
      const key = `${d.service}/${d.requirement}`;
      deviationKeys.set(key, deviationKeys.has(key) ? `${deviationKeys.get(key)}, ${d.key}` : d.key);
    }
  }
  const actions = ledger.actions.flatMap((f) => (f.data ? [f.data] : []));

  const found: Internal[] = [];
  const held: HeldBack[] = [];
  for (const svc of [...lookup.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    svc.requirements.forEach((req, index) => {
      if (only && !only.has(`${svc.id}/${req.id}`)) return;
      const hold = (reason: HeldBack['reason'], detail: string) => void held.push({ service: svc.id, requirement: req.id, reason, detail });
      const m = requirementMeasurable(engine, lookup, svc.id, req.id)!;
      // Counts (volume, backlog) are the whole population: no sample to be too small.
      const needed = m.unit === 'count' ? 0 : minN;
      const values: { period: string; value: number; n: number }[] = [];
      for (const p of labels) {
        const { value: v, n } = m.measure(p);
        if (v === null) return hold('no-data', p);
        if (!meets(v, m.target)) return hold('missed', `${p} (${formatValue(v, m.unit)})`);
        if (n < needed) return hold('too-few', t('improve.too-few-detail', { period: p, n, min: needed }));
        values.push({ period: p, value: v, n });
      }
      const bound = proposeBound(values.map((v) => v.value), m.target, m.unit);
      if (bound === undefined) return hold('no-stricter', '');
      const blocked = heldBack(svc.id, req, deviationKeys, actions);
      if (blocked) return void held.push(blocked);
      const side = targetSide(m.target);
      const to: NumericTarget = { ...m.target, [side]: bound };
      const benchmarks = benchmarksFor(ledger, svc.id, req);
      const next: Target = { ...req.target, [side]: writtenBound(req.target[side], bound, m.unit) };
      found.push({
        proposal: {
          service: svc.id, requirement: req.id, indicator: indicatorOut(req.indicator), from: m.target, to, values, benchmarks,
          competition_ahead: benchmarks.some((b) => isAhead(b.value, to)),
          description_mentions_old_target: mentionsBound(req.description, req.target[side], m.target[side]!, m.unit),
        },
        unit: m.unit, file: lookup.serviceFiles.get(svc.id) ?? `services/${svc.id}.yaml`, index, side, written: req.target, next,
      });
    });
  }
  save();
  const proposals = found.map((f) => f.proposal);

  if (ctx.apply && found.length > 0) applyAll(ledger, found, today, t);

  if (format === 'json') {
    io.out(`${JSON.stringify({ schemaVersion: 1, proposals, held }, null, 2)}\n`);
    if (ctx.apply) for (const f of [...new Set(found.map((x) => x.file))]) io.err(`${t('improve.applied', { file: f })}\n`);
    return { exitCode: 0, proposals, heldBack: held };
  }
  io.out(renderTable(safeDeep(found), safeDeep(held), labels, Boolean(ctx.apply), io.color, t));
  return { exitCode: 0, proposals, heldBack: held };
}

/**
 * Write every proposal into its service file. The files are locked (in path order, so two runs
 * cannot deadlock) and read afresh; every new text is computed and validated first, then each
 * file is replaced atomically: an invalid edit writes nothing at all.
 */
function applyAll(ledger: Ledger, found: Internal[], today: string, t: CommandContext['io']['t']): void {
  const files = [...new Set(found.map((f) => f.file))].sort();
  const lockAll = (i: number): void => {
    if (i < files.length) return void withFileLock(join(ledger.root, files[i]), () => lockAll(i + 1));
    const edits = files.map((rel) => {
      const abs = join(ledger.root, rel);
      const before = readFileSync(abs, 'utf8');
      let text: string;
      try {
        text = editYaml(before, (e) => {
          for (const f of found.filter((x) => x.file === rel)) {
            e.set(['requirements', f.index, 'target', f.side], f.next[f.side]);
            e.append(['requirements', f.index, 'history'], historyEntry(e.toString(), f.index, today, f.written, f.next));
          }
        });
      } catch (e) {
        throw new LedgerError(t('improve.invalid-edit', { file: rel }), undefined, [(e as Error).message]);
      }
      const parsed = parseText(rel, 'service', text.replace(/^\uFEFF/, ''));
      if (parsed.data === undefined) {
        const details = parsed.problems.map((p) => problemLine(p, t));
        throw new LedgerError(t('improve.invalid-edit', { file: rel }), undefined, details);
      }
      return { rel, abs, text };
    });
    for (const { rel, abs, text } of edits) {
      try {
        replaceAtomic(abs, text);
      } catch (e) {
        throw new LedgerError(t('error.write-failed', { file: rel, reason: (e as Error).message }));
      }
    }
  };
  lockAll(0);
}

function renderTable(found: Internal[], held: HeldBack[], labels: string[], applied: boolean, color: boolean, t: CommandContext['io']['t']): string {
  const c = palette(color);
  const lines: string[] = [];
  const range = labels.length === 1 ? labels[0] : `${labels[0]} … ${labels[labels.length - 1]}`;
  if (found.length === 0) {
    lines.push(t('improve.none', { count: labels.length, range }));
  } else {
    lines.push(c.bold(t('improve.title', { count: labels.length, range })));
    for (const f of found) {
      const p = f.proposal;
      const crit = t('status.critical');
      lines.push('');
      lines.push(`${c.bold(`${p.service}/${p.requirement}`)} (${indicatorName(p.indicator)}): ${formatTarget(p.from, f.unit, crit)} → ${c.green(formatTarget(p.to, f.unit, crit))}`);
      lines.push(`    ${t('improve.values', { values: p.values.map((v) => `${v.period} ${formatValue(v.value, f.unit)} (n=${v.n})`).join(', ') })}`);
      if (p.description_mentions_old_target) lines.push(`    ${c.yellow(t('improve.description-mentions', { target: formatTarget({ [f.side]: p.from[f.side] }, f.unit, crit) }))}`);
      for (const b of p.benchmarks) {
        const ahead = isAhead(b.value, p.to);
        lines.push(`    ${t('improve.benchmark', { source: b.source, value: formatValue(b.value, f.unit) })}${ahead ? c.yellow(`  ${t('improve.ahead')}`) : ''}`);
      }
      if (p.benchmarks.length === 0) lines.push(`    ${c.dim(t('improve.no-benchmarks'))}`);
      const title = t('improve.action-title', { service: p.service, requirement: p.requirement, target: formatTarget(p.to, f.unit, crit) });
      const command = ['aftersales', 'action', 'open', '--type', 'preventive', '--service', p.service, '--requirement', p.requirement, '--title', title].map(shellQuote).join(' ');
      lines.push(`    ${t('improve.preventive')}`);
      lines.push(`      ${command}`);
    }
  }
  if (held.length > 0) {
    lines.push('');
    lines.push(t('improve.held-title'));
    for (const h of held) lines.push(`    ${h.service}/${h.requirement}: ${t(`improve.held.${h.reason}`, { detail: h.detail })}`);
  }
  lines.push('');
  if (found.length > 0) lines.push(applied ? t('improve.applied-all', { count: found.length }) : t('improve.hint-apply'));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
