// From help-desk CSV columns to record fields: `--map field=Column`, columns named like record
// fields (what `export` writes) mapped on their own, and cell values converted to what the
// record schema takes — timestamps in the ledger time zone (ISO, or --date-format), help-desk
// words for priorities, channels, statuses and satisfaction, people and products by id, name
// or e-mail, decimal commas. A value that cannot be converted rejects its row, with the reason.
import { UsageError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { isFieldPath, schemaAt } from '../ledger/schema-walk.js';
import { FILE_KINDS, RECORD_FIELDS, type Person, type Product } from '../ledger/schema.js';
import { parseSet } from '../ledger/set-values.js';
import { closest, isDate, isTimestamp } from '../ledger/values.js';
import { formatInstant, localDate, parseTimestamp, wallTimeToInstant } from '../time/index.js';
import { unneutralise } from './csv.js';

export interface ColumnMap {
  /** Record field path, e.g. ['survey', 'csat']. */
  path: string[];
  column: number;
  header: string;
}

/** Columns tried, in order, for the source id when no `--map source.id=…` is given. */
export const SOURCE_ID_COLUMNS = ['source.id', 'Ticket ID', 'Ticket Id', 'ticket_id', 'Ticket', 'ID', 'Id', 'id'];

/** `outcome` of a help-desk status meaning the ticket is still open (the record is not closed). */
export const STILL_OPEN = Symbol('still-open');

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

const isField = (path: string[]) => isFieldPath(FILE_KINDS.record, path);

function findColumn(header: string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  return header.findIndex((h) => norm(h) === norm(name));
}

/**
 * The column mapping: a saved mapping's columns (`fromFile`: field → column; a column the export
 * lacks is left out and listed in `absent`), explicit --map entries (which override the file's
 * entry for the same field), then columns named like record fields.
 */
export function buildMapping(header: string[], maps: string[], t: Translate, fromFile: Record<string, string> = {}, absent: string[] = []): ColumnMap[] {
  const out: ColumnMap[] = [];
  const flagged = new Set(maps.map((m) => m.slice(0, Math.max(0, m.indexOf('='))).trim()));
  for (const [field, name] of Object.entries(fromFile)) {
    if (flagged.has(field)) continue;
    const column = findColumn(header, name);
    if (column < 0) absent.push(name);
    else out.push({ path: field.split('.'), column, header: header[column] });
  }
  for (const flag of maps) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(t('import.bad-map', { value: flag }), t('import.hint.bad-map'));
    const field = flag.slice(0, eq).trim();
    const name = flag.slice(eq + 1).trim();
    const path = field.split('.');
    if (!isField(path)) {
      const suggestion = closest(field, [...RECORD_FIELDS, 'survey.csat', 'survey.nps', 'survey.effort', 'survey.comment', 'source.id', 'source.system', 'cause.category', 'cause.detail']);
      throw new UsageError(t('import.unknown-field', { field }), suggestion ? t('hint.didYouMean', { suggestion }) : t('import.hint.bad-map'));
    }
    const column = findColumn(header, name);
    if (column < 0) {
      const suggestion = closest(name, header);
      throw new UsageError(
        t('import.unknown-column', { column: name, columns: header.join(', ') }),
        suggestion ? t('hint.didYouMean', { suggestion }) : undefined,
      );
    }
    out.push({ path, column, header: header[column] });
  }
  const mapped = new Set(out.map((m) => m.path.join('.')));
  header.forEach((h, column) => {
    const path = h.split('.');
    if (!mapped.has(h) && !h.startsWith('x-') && isField(path)) {
      out.push({ path, column, header: h });
      mapped.add(h);
    }
  });
  if (!mapped.has('source.id')) {
    for (const name of SOURCE_ID_COLUMNS) {
      const column = header.indexOf(name);
      if (column >= 0) {
        out.push({ path: ['source', 'id'], column, header: name });
        mapped.add('source.id');
        break;
      }
    }
  }
  if (!mapped.has('source.id')) throw new UsageError(t('import.no-source-column', { columns: header.join(', ') }), t('import.hint.no-source-column'));
  if (!mapped.has('opened')) throw new UsageError(t('import.no-opened-column'), t('import.hint.no-opened-column'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

const PRIORITY: Record<string, string> = {
  low: 'low', baja: 'low', normal: 'normal', medium: 'normal', media: 'normal', high: 'high', alta: 'high',
  urgent: 'urgent', urgente: 'urgent',
};
const CHANNEL: Record<string, string> = {
  phone: 'phone', voice: 'phone', call: 'phone', telephone: 'phone', telefono: 'phone',
  email: 'email', 'e-mail': 'email', mail: 'email', correo: 'email',
  web: 'web', 'web form': 'web', 'web widget': 'web', webform: 'web', portal: 'web', form: 'web', formulario: 'web',
  chat: 'chat', 'live chat': 'chat', messaging: 'chat', whatsapp: 'chat',
  visit: 'visit', 'on site': 'visit', onsite: 'visit', 'walk in': 'visit', visita: 'visit',
  scheduled: 'scheduled', proactive: 'proactive', api: 'other', other: 'other', otro: 'other',
};
const OUTCOME: Record<string, string | typeof STILL_OPEN> = {
  resolved: 'resolved', solved: 'resolved', closed: 'resolved', resuelto: 'resolved', cerrado: 'resolved',
  unresolved: 'unresolved', replaced: 'replaced', refunded: 'refunded', 'no-fault-found': 'no-fault-found',
  'no fault found': 'no-fault-found', cancelled: 'cancelled', canceled: 'cancelled', cancelado: 'cancelled',
  new: STILL_OPEN, open: STILL_OPEN, pending: STILL_OPEN, 'on-hold': STILL_OPEN, 'on hold': STILL_OPEN, hold: STILL_OPEN,
  'waiting on customer': STILL_OPEN, 'waiting on third party': STILL_OPEN, nuevo: STILL_OPEN, abierto: STILL_OPEN, pendiente: STILL_OPEN,
};
const SATISFACTION: Record<string, number | null> = {
  good: 5, satisfied: 5, positive: 5, bueno: 5, bad: 2, unsatisfied: 2, dissatisfied: 2, negative: 2, malo: 2,
  offered: null, unoffered: null, 'not offered': null, 'no rating': null,
};
const BOOLEAN: Record<string, boolean> = { true: true, yes: true, y: true, 1: true, si: true, false: false, no: false, n: false, 0: false };

export interface ValueContext {
  /** Zone of timestamps written without one. */
  tz: string;
  /** Zone the ledger writes timestamps in (default: tz). */
  ledgerTz?: string;
  dateFormat?: string;
  people: Person[];
  products: Product[];
  t: Translate;
  /** date-fns' parse, loaded lazily by the importer when --date-format is given. */
  parseDate?: (text: string, format: string) => number;
}

export type Converted = { value: unknown } | { error: string };

function bad(path: string[], value: string, allowed: string[], t: Translate): Converted {
  const suggestion = closest(value, allowed);
  return { error: `${path.join('.')}: ${t('problem.bad-value', { value })} (${suggestion ? `${t('hint.didYouMean', { suggestion })} ` : ''}${t('hint.bad-value', { allowed: allowed.join(', ') })})` };
}

function fromTable<T>(path: string[], raw: string, table: Record<string, T>, allowed: readonly string[], t: Translate): Converted {
  const key = norm(raw);
  if (key in table) return { value: table[key] };
  return bad(path, raw, [...allowed], t);
}

/** Wall-clock text → instant in the ledger zone, as `formatInstant` text; undefined when unreadable. */
export function toTimestamp(raw: string, ctx: ValueContext): string | undefined {
  if (ctx.dateFormat && ctx.parseDate) {
    const wall = ctx.parseDate(raw, ctx.dateFormat);
    if (Number.isFinite(wall)) return formatInstant(wallTimeToInstant(wall, ctx.tz), ctx.ledgerTz ?? ctx.tz);
  }
  const iso = raw.replace(/\s+(Z|[+-]\d{2}:?\d{2})$/, '$1').replace(/\s+UTC$/, 'Z');
  if (!isTimestamp(iso)) return undefined;
  return formatInstant(parseTimestamp(iso, ctx.tz), ctx.ledgerTz ?? ctx.tz);
}

function byNameOrId<T extends { id: string; name: string; email?: string }>(raw: string, items: T[]): T | undefined {
  const key = norm(raw);
  return items.find((i) => i.id === raw) ?? items.find((i) => norm(i.id) === key || norm(i.name) === key || (i.email !== undefined && norm(i.email) === key));
}

/** One cell → the value of its field (undefined: leave the field out). */
export function convertCell(path: string[], cell: string, ctx: ValueContext): Converted {
  const t = ctx.t;
  const raw = unneutralise(cell.trim());
  if (raw === '') return { value: undefined };
  const field = path.join('.');
  switch (field) {
    case 'opened':
    case 'closed':
    case 'responded': {
      const value = toTimestamp(raw, ctx);
      return value !== undefined ? { value } : { error: `${field}: ${t('problem.bad-timestamp', { value: raw })} (${t('import.hint.date-format')})` };
    }
    case 'sold': {
      if (isDate(raw)) return { value: raw };
      const stamp = toTimestamp(raw, ctx);
      return stamp !== undefined ? { value: localDate(parseTimestamp(stamp, ctx.tz), ctx.tz) } : { error: `sold: ${t('problem.bad-date', { value: raw })}` };
    }
    case 'priority':
      return fromTable(path, raw, PRIORITY, ['low', 'normal', 'high', 'urgent'], t);
    case 'channel':
      return fromTable(path, raw, CHANNEL, Object.keys(CHANNEL), t);
    case 'outcome':
      return fromTable(path, raw, OUTCOME, Object.keys(OUTCOME), t);
    case 'complaint':
      return fromTable(path, raw, BOOLEAN, ['true', 'false', 'yes', 'no'], t);
    case 'survey.csat': {
      const key = norm(raw);
      if (key in SATISFACTION) return { value: SATISFACTION[key] ?? undefined };
      break; // a number 1–5: typed below
    }
    case 'assignee': {
      const person = byNameOrId(raw, ctx.people);
      if (person) return { value: person.id };
      return { error: `assignee: ${t('problem.unknown-person', { value: raw })} (${t('hint.unknown-person', { value: raw, known: ctx.people.map((p) => p.id).join(', ') })})` };
    }
    case 'product': {
      const product = byNameOrId(raw, ctx.products);
      if (product) return { value: product.id };
      return { error: `product: ${t('problem.unknown-product', { value: raw })} (${t('hint.unknown-product', { value: raw, known: ctx.products.map((p) => p.id).join(', ') })})` };
    }
    default:
      if (path[0] === 'steps' || field === 'cause.category') return { value: norm(raw) };
  }
  // Decimal commas (`84,50`) in numeric fields, as European spreadsheets write them.
  let text = raw;
  if (/^-?\d+,\d+$/.test(text)) {
    const types = schemaAt(FILE_KINDS.record, path);
    if (types && types.safeParse(Number(text.replace(',', '.'))).success) text = text.replace(',', '.');
  }
  try {
    return { value: parseSet('record', `${field}=${text}`, t).value ?? undefined };
  } catch (e) {
    return { error: `${field}: ${(e as Error).message}` };
  }
}
