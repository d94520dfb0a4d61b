// `aftersales action verify [ID] [--as-of T]`: the effectiveness review (ISO 9001 10.2.1 d).
// The action's requirement (or, for an action on a strategic objective, the objective; for one
// on a service-wide deviation — compliance, training, action, capacity — what that deviation
// counts, see acting/measure.ts) is measured in the first FULL period after `verification.after` (default: the due date, else the
// closed date): the first period of the ledger's kind that starts on or after the day after
// that date. Effective when the target is met there. Writes verification.period, value and
// result and the status verified | ineffective. An action cannot become verified without that
// measurement: when the period has not ended by the as-of instant, verify says from when it can
// run and writes nothing (exit 0). Without ID: every done action that is due for verification.
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { buildLookup, type Lookup } from '../ledger/lookup.js';
import type { Ledger } from '../ledger/load.js';
import type { ActionData } from '../ledger/schema.js';
import type { Engine } from '../quality/engine.js';
import { localDate, periodBounds } from '../time/index.js';
import { meets } from '../quality/targets.js';
import { formatTarget, formatValue } from '../report/format.js';
import { editActionFile, readActionFile } from '../acting/action-file.js';
import { parseDeviationKey } from '../acting/deviation-key.js';
import { listActionIds, resolveActionId } from '../acting/ids.js';
import { kindMeasurable, objectiveMeasurable, requirementMeasurable, SERVICE_KINDS, type Measurable, type ServiceKind } from '../acting/measure.js';
import { firstFullPeriodFrom } from '../acting/verify-period.js';
import { cachedEngine } from '../quality/facts-cache.js';
import { resolveAsOf } from './control-options.js';
import { openLedger } from '../ledger/open.js';

export interface ActionVerifyOptions {
  id?: string;
  asOf?: string;
}

export type VerifyOutcome =
  | { id: string; kind: 'verified'; period: string; value: number; result: 'effective' | 'ineffective' }
  | { id: string; kind: 'not-yet'; period: string; from: string }
  | { id: string; kind: 'no-data'; period: string }
  | { id: string; kind: 'unmeasurable' };

/** The date whose following full period measures the action. */
export function verificationAfter(a: ActionData): string | undefined {
  return a.verification?.after ?? a.due ?? a.closed;
}

function whatToMeasure(a: ActionData, engine: Engine, ledger: Ledger, lookup: Lookup): Measurable | undefined {
  if (a.service !== undefined && a.requirement !== undefined) return requirementMeasurable(engine, lookup, a.service, a.requirement);
  const key = a.deviation ? parseDeviationKey(a.deviation) : undefined;
  if (a.service === undefined && key?.service === '*') return objectiveMeasurable(engine, ledger, lookup, key.name);
  if (a.service !== undefined && key && !key.trend && key.service === a.service && (SERVICE_KINDS as readonly string[]).includes(key.name)) {
    return kindMeasurable(engine, ledger, lookup, a.service, key.name as ServiceKind);
  }
  return undefined;
}

/** Nobody rounds a measured value but floating noise: 92.50000000001 is written 92.5. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

export async function runActionVerify(ctx: CommandContext & ActionVerifyOptions): Promise<{ exitCode: number; outcomes: VerifyOutcome[] }> {
  const { io } = ctx;
  const t = io.t;
  const ledger = openLedger(ctx, { validate: 'all' });
  const lookup = buildLookup(ledger);
  const tz = ledger.config.timezone;
  const asOf = resolveAsOf(io, ledger, ctx.asOf);
  const single = ctx.id !== undefined;

  let ids: string[];
  if (single) {
    const id = resolveActionId(listActionIds(ledger.root), ctx.id!, t);
    const a = ledger.actions.find((f) => f.data?.id === id)?.data;
    if (a && a.status !== 'done') {
      const hint = a.status === 'open' ? t('act.hint.close-first', { id }) : undefined;
      throw new UsageError(t('act.not-done', { id, status: t(`act.status.${a.status}`), period: a.verification?.period ?? '—' }), hint);
    }
    ids = [id];
  } else {
    ids = ledger.actions.flatMap((f) => (f.data?.status === 'done' ? [f.data.id] : [])).sort();
    if (ids.length === 0) io.out(`${t('act.verify-none')}\n`);
  }

  const { engine, save } = cachedEngine(ledger, lookup);
  const outcomes: VerifyOutcome[] = [];
  for (const id of ids) {
    const file = readActionFile(ledger.root, id, t);
    const a = file.data;
    const after = verificationAfter(a);
    const m = whatToMeasure(a, engine, ledger, lookup);
    if (!m || after === undefined) {
      if (single) throw new UsageError(t(after === undefined ? 'act.no-after' : 'act.unmeasurable', { id }), t('act.hint.unmeasurable'));
      io.err(`${t(after === undefined ? 'act.no-after' : 'act.unmeasurable', { id })}\n`);
      outcomes.push({ id, kind: 'unmeasurable' });
      continue;
    }
    const period = firstFullPeriodFrom(after, ledger.config.period);
    const { end } = periodBounds(period, tz);
    if (end > asOf) {
      const from = localDate(end, tz);
      io.out(`${t('act.verify-not-yet', { id, what: m.label, period, after, from })}\n`);
      outcomes.push({ id, kind: 'not-yet', period, from });
      continue;
    }
    const measured = m.measure(period);
    if (measured.value === null) {
      if (single) throw new UsageError(t('act.verify-no-data', { id, what: m.label, period }), t('act.hint.verify-no-data'));
      io.err(`${t('act.verify-no-data', { id, what: m.label, period })}\n`);
      outcomes.push({ id, kind: 'no-data', period });
      continue;
    }
    const value = clean(measured.value);
    const result = meets(measured.value, m.target) ? 'effective' : 'ineffective';
    // One edit, one atomic write: the status never changes without its measurement.
    editActionFile(file, (e) => {
      e.set(['status'], result === 'effective' ? 'verified' : 'ineffective');
      if (a.verification === undefined) {
        e.set(['verification'], { after, period, value, result });
        return;
      }
      if (a.verification.after === undefined) e.set(['verification', 'after'], after);
      e.set(['verification', 'period'], period).set(['verification', 'value'], value).set(['verification', 'result'], result);
    }, t);
    io.out(`${t(`act.verify-${result}`, { id, what: m.label, period, value: formatValue(measured.value, m.unit), target: formatTarget(m.target, m.unit, t('status.critical')), n: measured.n })}\n`);
    outcomes.push({ id, kind: 'verified', period, value, result });
  }
  save();
  return { exitCode: 0, outcomes };
}
