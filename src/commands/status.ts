// `aftersales status [--format table|json] [--as-of DATE]`: is each service ready to be
// performed and measured? A ✓/✗ checklist per service; exit 1 when anything is missing (or no
// service is planned), 0 when every service is ready. Records are not read: readiness is about
// the plan and the organisation, and status refuses (exit 2) only files it needs that are broken.
import { LedgerError, UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import type { CommandContext } from '../io/io.js';
import { type Ledger } from '../ledger/load.js';
import { buildLookup } from '../ledger/lookup.js';
import type { FileKind } from '../ledger/schema.js';
import { localDate, parseTimestamp } from '../time/index.js';
import { palette } from '../report/colors.js';
import { CHECK_IDS, readiness, type Readiness } from '../planning/readiness.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';
import { yearInRange } from './control-options.js';
import { problemLine } from '../ledger/problems.js';
import { safeDeep } from '../io/safe-text.js';

export interface StatusOptions {
  format?: string;
  asOf?: string;
}

const FORMATS = ['table', 'json'] as const;

/** The files readiness is computed from: a broken one would make the checklist a guess. */
const NEEDED: readonly FileKind[] = ['settings', 'team', 'service', 'procedure', 'products', 'sales'];

function refuseBroken(ledger: Ledger, t: Translate): void {
  const broken = ledger.files.filter((f) => NEEDED.includes(f.kind) && f.data === undefined && f.problems.some((p) => p.severity === 'error'));
  if (broken.length === 0) return;
  const details = broken.flatMap((f) =>
    f.problems.filter((p) => p.severity === 'error').map((p) => problemLine(p, t)),
  );
  throw new LedgerError(t('status.error.invalid', { count: broken.length }), t('hint.invalid-ledger'), details.slice(0, 20));
}

export function statusJson(asOf: string, services: Readiness[]): string {
  const out = {
    schemaVersion: 1,
    asOf,
    services: services.map((s) => ({ id: s.id, ready: s.ready, checks: s.checks.map((c) => ({ id: c.id, ok: c.ok, detail: c.detail })) })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function statusTable(asOf: string, unsafeServices: Readiness[], t: Translate, color: boolean): string {
  const services = safeDeep(unsafeServices);
  const c = palette(color);
  const lines = [c.bold(t('status.title', { date: asOf })), ''];
  if (services.length === 0) return `${lines.join('\n')}${t('status.none')}\n${t('status.none-hint')}\n`;
  const labels = new Map(CHECK_IDS.map((id) => [id, t(`status.check.${id}`)]));
  const width = Math.max(...[...labels.values()].map((l) => l.length));
  for (const s of services) {
    const missing = s.checks.filter((x) => !x.ok).length;
    const state = s.ready ? c.green(t('status.ready')) : c.red(t('status.not-ready', { count: missing }));
    lines.push(`${c.bold(s.id)} — ${s.name}: ${state}`);
    for (const check of s.checks) {
      const mark = check.ok ? c.green('✓') : c.red('✗');
      lines.push(`  ${mark} ${labels.get(check.id)!.padEnd(width)}  ${check.detail}`);
    }
    lines.push('');
  }
  lines.push(t('status.summary', { ready: services.filter((s) => s.ready).length, total: services.length }));
  return `${lines.join('\n')}\n`;
}

export async function runStatus(ctx: CommandContext & StatusOptions): Promise<{ exitCode: number; services: Readiness[] }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, FORMATS, 'table');
  const ledger = openLedger(ctx, { need: 'no-records' });
  refuseBroken(ledger, t);
  const tz = ledger.config.timezone;
  const ms = ctx.asOf === undefined ? io.now() : parseTimestamp(ctx.asOf, tz);
  if (Number.isNaN(ms)) throw new UsageError(t('status.error.bad-as-of', { value: ctx.asOf! }), t('status.hint.bad-as-of'));
  if (ctx.asOf !== undefined) yearInRange(t, '--as-of', ctx.asOf);
  const asOf = localDate(ms, tz);
  const services = readiness(ledger, buildLookup(ledger), asOf, t);
  io.out(format === 'json' ? statusJson(asOf, services) : statusTable(asOf, services, t, io.color));
  const ready = services.length > 0 && services.every((s) => s.ready);
  return { exitCode: ready ? 0 : 1, services };
}
