// `aftersales import FILE.csv --kind sales|products [--mapping NAME] [--map field=Column]…
// [--dry-run]`: keep inputs/sales.yaml (key: month + product) and inputs/products.yaml (key:
// product id) in step with an ERP export (SPEC §5). A row whose key is new is appended; one whose
// key exists updates the fields that changed; the file's comments, order and style are kept
// (comment-preserving edits, validated, atomic, under the file's lock). Reports created /
// updated / unchanged / rejected, like the interventions' import.
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import { editYaml } from '../ledger/edit.js';
import type { Ledger } from '../ledger/load.js';
import { problemMessage } from '../ledger/problems.js';
import { FILE_KINDS, INPUT_IMPORT_FIELDS, type ImportMapping } from '../ledger/schema.js';
import { validateData } from '../ledger/validate.js';
import { closest, isDuration } from '../ledger/values.js';
import { updateFile } from '../ledger/write.js';
import { unneutralise } from '../recording/csv.js';
import { readExport } from '../recording/export-file.js';
import { safeText } from '../io/safe-text.js';
import type { ImportOptions, ImportResult } from './import.js';

type Kind = 'sales' | 'products';
type Entry = Record<string, string | number>;

const SPEC: Record<Kind, { file: string; list: string; fields: string[]; key: string[]; required: string[] }> = {
  sales: { file: 'inputs/sales.yaml', list: 'sales', fields: [...INPUT_IMPORT_FIELDS.sales], key: ['month', 'product'], required: ['month', 'product', 'units'] },
  products: { file: 'inputs/products.yaml', list: 'products', fields: [...INPUT_IMPORT_FIELDS.products], key: ['id'], required: ['id', 'name', 'warranty'] },
};

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** field → column index: the mapping's columns, --map overrides, then columns named like fields. */
function columnsOf(header: string[], kind: Kind, mapping: ImportMapping | undefined, maps: string[], t: CommandContext['io']['t']): Map<string, number> {
  const wanted = new Map<string, string>(Object.entries(mapping?.columns ?? {}));
  for (const flag of maps) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(t('import.bad-map', { value: flag }), t('import.hint.bad-map'));
    wanted.set(flag.slice(0, eq).trim(), flag.slice(eq + 1).trim());
  }
  const out = new Map<string, number>();
  for (const [field, name] of wanted) {
    if (!SPEC[kind].fields.includes(field)) throw new UsageError(t('import.unknown-input-field', { field, fields: SPEC[kind].fields.join(', ') }));
    const column = header.findIndex((h) => h === name || norm(h) === norm(name));
    if (column < 0) throw new UsageError(t('import.unknown-column', { column: name, columns: header.join(', ') }), closest(name, header) ? t('hint.didYouMean', { suggestion: closest(name, header)! }) : undefined);
    out.set(field, column);
  }
  header.forEach((h, i) => {
    const field = SPEC[kind].fields.find((f) => norm(f) === norm(h));
    if (field && !out.has(field)) out.set(field, i);
  });
  const missing = SPEC[kind].key.filter((f) => !out.has(f));
  if (missing.length > 0) throw new UsageError(t('import.no-key-column', { fields: missing.join(', '), columns: header.join(', ') }), t('import.hint.no-key-column'));
  return out;
}

/** One cell → the field's value, or an error. */
function convert(field: string, raw: string, ledger: Ledger, t: CommandContext['io']['t']): { value: string | number | undefined } | { error: string } {
  const text = unneutralise(raw.trim());
  if (text === '') return { value: undefined };
  switch (field) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})(?:-\d{2})?/.exec(text) ?? /^(\d{1,2})\/(\d{4})$/.exec(text);
      if (!m) return { error: `month: ${t('import.bad-month', { value: text })}` };
      return { value: m[1].length === 4 ? `${m[1]}-${m[2]}` : `${m[2]}-${m[1].padStart(2, '0')}` };
    }
    case 'product': {
      const products = ledger.products?.products ?? [];
      const p = products.find((x) => x.id === text) ?? products.find((x) => norm(x.id) === norm(text) || norm(x.name) === norm(text));
      return { value: p ? p.id : text }; // an unknown product is refused by check's rules below
    }
    case 'units':
    case 'warranty': {
      const n = Number(text.replace(/^(-?\d+),(\d+)$/, '$1.$2'));
      return Number.isInteger(n) && n >= 0 ? { value: n } : { error: `${field}: ${t('import.bad-count', { value: text })}` };
    }
    case 'maintenance':
      return isDuration(text) ? { value: text } : { error: `maintenance: ${t('problem.bad-duration', { value: text })}` };
    default:
      return { value: text };
  }
}

export async function runImportInputs(ctx: CommandContext & ImportOptions, ledger: Ledger, kind: Kind, mapping: ImportMapping | undefined): Promise<ImportResult> {
  const { io } = ctx;
  const t = io.t;
  const spec = SPEC[kind];
  const table = await readExport(ctx.cwd, ctx.file, t, mapping?.delimiter);
  const columns = columnsOf(table.header, kind, mapping, ctx.map ?? [], t);

  const rejected = table.broken.map((b) => ({ line: b.line, reason: t('import.broken-row', { reason: b.reason }) }));
  const rows: { line: number; entry: Entry }[] = [];
  for (const row of table.rows) {
    const entry: Entry = {};
    const errors: string[] = [];
    for (const [field, column] of columns) {
      const r = convert(field, row.cells[column] ?? '', ledger, t);
      if ('error' in r) errors.push(r.error);
      else if (r.value !== undefined) entry[field] = r.value;
    }
    for (const [field, value] of Object.entries(mapping?.constants ?? {})) if (entry[field] === undefined && typeof value !== 'boolean') entry[field] = value;
    const missing = spec.key.filter((f) => entry[f] === undefined);
    if (missing.length > 0) errors.push(t('import.missing-key', { fields: missing.join(', ') }));
    if (errors.length > 0) rejected.push({ line: row.line, reason: errors.join('; ') });
    else rows.push({ line: row.line, entry });
  }

  const keyOf = (e: Record<string, unknown>) => spec.key.map((k) => String(e[k])).join('\u0000');
  const created: string[] = [];
  const updated: ImportResult['updated'] = [];
  let unchanged = 0;
  const abs = join(ledger.root, spec.file);
  const change = (current: string | undefined): string | undefined => {
    created.length = 0;
    updated.length = 0;
    unchanged = 0;
    const text = current ?? `# yaml-language-server: $schema=../.aftersales/schema/${kind}.json\n${spec.list}: []\n`;
    const data = (current === undefined ? { [spec.list]: [] } : (FILE_KINDS[kind].safeParse(parseYaml(text)).data ?? undefined)) as Record<string, Record<string, unknown>[]> | undefined;
    if (!data) throw new UsageError(t('import.input-invalid', { file: spec.file }), t('hint.invalid-ledger'));
    const list = data[spec.list];
    const index = new Map(list.map((e, i) => [keyOf(e), i]));
    const out = editYaml(text, (e) => {
      for (const { line, entry } of rows) {
        const key = keyOf(entry);
        const at = index.get(key);
        if (at === undefined) {
          const missing = spec.required.filter((f) => entry[f] === undefined);
          if (missing.length > 0) {
            rejected.push({ line, reason: t('import.missing-key', { fields: missing.join(', ') }) });
            continue;
          }
          e.append([spec.list], Object.fromEntries(spec.fields.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]])));
          index.set(key, list.length);
          list.push(entry);
          created.push(key.replace('\u0000', ' '));
          continue;
        }
        const fields = spec.fields.filter((f) => entry[f] !== undefined && String(list[at][f]) !== String(entry[f]));
        if (fields.length === 0) {
          unchanged++;
          continue;
        }
        for (const f of fields) {
          e.set([spec.list, at, f], entry[f]);
          list[at][f] = entry[f];
        }
        updated.push({ id: key.replace('\u0000', ' '), fields });
      }
    });
    // The file as a whole must pass the schema (and products referenced by sales must exist).
    const problems = validateData(spec.file, kind, parseYaml(out));
    if (problems.length > 0) throw new UsageError(`${spec.file}: ${problemMessage(problems[0], t)}`, t('hint.invalid-ledger'));
    if (kind === 'sales') {
      const known = new Set((ledger.products?.products ?? []).map((p) => p.id));
      const unknown = [...new Set(rows.map((r) => String(r.entry.product)).filter((p) => !known.has(p)))];
      if (unknown.length > 0) throw new UsageError(t('problem.unknown-product', { value: unknown[0] }), t('hint.unknown-product', { value: unknown[0], known: [...known].join(', ') }));
    }
    return ctx.dryRun || out === current ? undefined : out;
  };
  if (ctx.dryRun) {
    let current: string | undefined;
    try {
      current = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      current = undefined;
    }
    change(current);
  } else {
    updateFile(abs, change);
  }

  rejected.sort((a, b) => a.line - b.line);
  for (const r of rejected.slice(0, 200)) io.err(`${ctx.file}:${r.line}: ${safeText(r.reason)}\n`);
  if (ctx.dryRun) {
    // the keys quote the export's cells: made safe to print
    for (const id of created.slice(0, 200)) io.out(`${safeText(t('import.would-create', { id }))}\n`);
    for (const u of updated.slice(0, 200)) io.out(`${safeText(t('import.would-update', { id: u.id, fields: u.fields.join(', ') }))}\n`);
  }
  const summary = ctx.dryRun ? 'import.inputs-summary-dry' : 'import.inputs-summary';
  io.out(`${t(summary, { file: ctx.file, target: spec.file, created: created.length, updated: updated.length, unchanged, rejected: rejected.length, rows: table.rows.length + table.broken.length })}\n`);
  return { exitCode: rejected.length > 0 ? 1 : 0, created, updated, unchanged, rejected };
}

function parseYaml(text: string): unknown {
  // js-yaml with the CORE schema, as the ledger is read (so `2026-10` stays text).
  return (jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? {}) as unknown;
}
