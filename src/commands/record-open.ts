// `aftersales record [--service S] [--set path=value]… [--from FILE|-]`: open interventions.
// On a terminal it asks what the record needs; without one it takes flags (or a --from file of
// one record or a list). Everything is validated first — invalid input writes nothing — then
// each record is created exclusively. Only the new ids go to stdout, one per line.
import { labelOf } from '../i18n/labels.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { UsageError } from '../errors.js';
import type { CommandContext, IO } from '../io/io.js';
import { needPrompter, type Prompter } from '../io/prompt.js';
import { CHANNELS, PRIORITIES } from '../ledger/schema.js';
import { parseSet, setIn, type SetValue } from '../ledger/set-values.js';
import { askChoice, askText, askTimestamp } from '../recording/ask.js';
import { nowStamp, prepareRecord, writeRecord, type Data, type PreparedRecord } from '../recording/new-record.js';
import { openPlan, serviceOf, type Plan, type ServicePlan } from '../recording/plan.js';

export interface RecordOpenOptions {
  service?: string;
  set?: string[];
  from?: string;
  /** Reads stdin for `--from -` (tests pass their own). */
  readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function invalid(io: IO, errors: string[], count = 1): never {
  throw Object.assign(new UsageError(io.t('record.invalid', { count }), io.t('record.hint.invalid')), { details: errors });
}

/** Records of a --from file: YAML or JSON, one mapping or a list of them. */
async function readFrom(ctx: CommandContext & RecordOpenOptions, from: string): Promise<Data[]> {
  const { io } = ctx;
  let text: string;
  try {
    text = from === '-' ? await (ctx.readStdin ?? io.readInput ?? readProcessStdin)() : readFileSync(resolve(ctx.cwd, from), 'utf8');
  } catch (e) {
    throw new UsageError(io.t('record.from-unreadable', { file: from, reason: (e as Error).message }));
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text.replace(/^\uFEFF/, ''), { schema: 'core', maxAliasCount: 100 });
  } catch (e) {
    throw new UsageError(io.t('record.from-unparsable', { file: from, reason: (e as Error).message.split('\n')[0] }));
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0 || items.some((i) => i === null || typeof i !== 'object' || Array.isArray(i))) {
    throw new UsageError(io.t('record.from-shape', { file: from }));
  }
  return items as Data[];
}

/** Questions for a new record: what the procedure and the record schema need. */
async function askOpen(p: Prompter, io: IO, plan: Plan, sp: ServicePlan, data: Data): Promise<void> {
  const t = io.t;
  if (data.customer === undefined) {
    const v = await askText(p, t, ['customer'], t('record.ask.customer'));
    if (v !== undefined) data.customer = v;
  }
  const products = [...plan.lookup.products.values()];
  if (data.product === undefined && products.length > 0) {
    const v = await askChoice(p, t, t('record.ask.product'), products.map((x) => ({ value: x.id, name: `${x.id} — ${x.name}` })));
    if (v) data.product = v;
  }
  if (data.serial === undefined) {
    const v = await askText(p, t, ['serial'], t('record.ask.serial'));
    if (v !== undefined) data.serial = v;
  }
  if (data.sold === undefined && sp.service.warranty) {
    const v = await askText(p, t, ['sold'], t('record.ask.sold'));
    if (v !== undefined) data.sold = v;
  }
  if (data.channel === undefined) {
    const first = sp.service.need?.[0]?.channel;
    const v = await askChoice(p, t, t('record.ask.channel'), CHANNELS.map((c) => ({ value: c, name: labelOf(t, 'channel', c) })), first);
    if (v) data.channel = v;
  }
  if (data.priority === undefined) {
    data.priority = await askChoice(p, t, t('record.ask.priority'), PRIORITIES.map((c) => ({ value: c, name: labelOf(t, 'priority', c) })), 'normal', false);
  }
  if (data.assignee === undefined) {
    // People holding a role of the procedure's steps (everyone when no step names a role).
    const roles = new Set(sp.procedure.steps.map((s) => s.role).filter((r): r is string => !!r));
    const people = [...plan.lookup.people.values()].filter((x) => roles.size === 0 || x.roles.some((r) => roles.has(r)));
    const v = await askChoice(p, t, t('record.ask.assignee'), people.map((x) => ({ value: x.id, name: `${x.id} — ${x.name} (${x.roles.join(', ')})` })));
    if (v) data.assignee = v;
  }
  if (data.opened === undefined) data.opened = await askTimestamp(p, t, t('record.ask.opened'), nowStamp(io.now(), plan.tz));
}

export async function runRecordOpen(ctx: CommandContext & RecordOpenOptions): Promise<{ exitCode: number; ids: string[] }> {
  const { io } = ctx;
  const t = io.t;
  const sets: SetValue[] = (ctx.set ?? []).map((s) => parseSet('record', s, t));
  const plan = openPlan(ctx);
  const now = io.now();
  let inputs: Data[];
  if (ctx.from !== undefined) {
    inputs = (await readFrom(ctx, ctx.from)).map((item) => {
      const data: Data = { ...item };
      if (ctx.service !== undefined && data.service === undefined) data.service = ctx.service;
      for (const s of sets) setIn(data, s.path, s.value);
      return data;
    });
  } else {
    const data: Data = {};
    for (const s of sets) setIn(data, s.path, s.value);
    if (ctx.service !== undefined) data.service = ctx.service;
    if (data.service === undefined) {
      const p = await needPrompter(io, ['--service S']);
      const services = [...plan.lookup.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (services.length === 0) throw new UsageError(t('record.no-services'), t('record.hint.no-services'));
      data.service = await askChoice(p, t, t('record.ask.service'), services.map((s) => ({ value: s.id, name: `${s.id} — ${s.name}` })), undefined, false);
    }
    const sp = serviceOf(plan, String(data.service), t); // unknown service: exit 2 before any question
    if (io.interactive && io.prompter) await askOpen(await io.prompter(), io, plan, sp, data);
    inputs = [data];
  }

  // Validate everything before writing anything.
  const ready: PreparedRecord[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  inputs.forEach((input, i) => {
    const label = inputs.length > 1 ? `#${i + 1}: ` : '';
    const prepared = prepareRecord(plan, input, now, t);
    if (!prepared.ok) errors.push(...prepared.errors.map((e) => label + e));
    else if (ids.has(String(prepared.record.data.id))) errors.push(label + t('record.duplicate-in-input', { id: String(prepared.record.data.id) }));
    else if (!prepared.record.generated && existsSync(join(plan.root, prepared.record.rel))) {
      errors.push(label + t('record.exists', { id: String(prepared.record.data.id), file: prepared.record.rel }));
    }
    else {
      ids.add(String(prepared.record.data.id));
      ready.push(prepared.record);
    }
  });
  if (errors.length > 0) invalid(io, errors, inputs.length);

  const written: string[] = [];
  for (const record of ready) {
    const done = writeRecord(plan, record, t);
    written.push(String(done.data.id));
    for (const w of done.warnings) io.err(`${t('severity.warning')}: ${done.rel}: ${w}\n`);
  }
  io.out(written.map((id) => `${id}\n`).join(''));
  return { exitCode: 0, ids: written };
}
