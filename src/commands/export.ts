// `aftersales export [--format csv|jsonl] [--period P] [--service S] [--output FILE]`: records
// out, for BI tools, sorted by opened then id. CSV: one flat row per record (flatten.ts), text
// cells that a spreadsheet would run as a formula prefixed with `'`. JSONL: one record per line,
// nested as in its file, defaults filled in. An invalid ledger is refused (exit 2): numbers
// computed from silently skipped records would be wrong.
import { UsageError, LedgerError } from '../errors.js';
import type { CommandContext } from '../io/io.js';
import type { RecordData } from '../ledger/schema.js';
import { replaceAtomic } from '../ledger/write.js';
import { outputFile } from './output-path.js';
import { closest } from '../ledger/values.js';
import { parseTimestamp } from '../time/index.js';
import { csvLine } from '../recording/csv.js';
import { cellOf, exportColumns, withDefaults } from '../recording/flatten.js';
import { periodFilter } from '../recording/period.js';
import { orderedKeys } from '../recording/render.js';
import { openLedger } from '../ledger/open.js';
import { formatOption } from './format-option.js';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;

export interface ExportOptions {
  format?: string;
  period?: string;
  service?: string;
  output?: string;
}

export async function runExport(ctx: CommandContext & ExportOptions): Promise<{ exitCode: number; count: number }> {
  const { io } = ctx;
  const t = io.t;
  const format = formatOption(io, ctx.format, EXPORT_FORMATS, 'csv');
  const output = ctx.output === undefined ? undefined : outputFile(ctx.cwd, ctx.output, t);
  const ledger = openLedger(ctx, { validate: 'all' });
  const tz = ledger.config.timezone;
  const period = periodFilter(ctx.period, ledger.config, io.now(), t);
  if (ctx.service !== undefined && !ledger.services.some((s) => s.data?.id === ctx.service)) {
    const known = ledger.services.map((s) => s.data!.id);
    const suggestion = closest(ctx.service, known);
    throw new UsageError(t('problem.unknown-service', { value: ctx.service }), `${suggestion ? `${t('hint.didYouMean', { suggestion })} ` : ''}${t('hint.unknown-service', { value: ctx.service, known: known.join(', ') })}`);
  }
  const records: RecordData[] = ledger.records
    .map((f) => ({ data: f.data!, opened: parseTimestamp(f.data!.opened, tz) }))
    .filter((r) => ctx.service === undefined || r.data.service === ctx.service)
    .filter((r) => !period || (r.opened >= period.start && r.opened < period.end))
    .sort((a, b) => a.opened - b.opened || (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
    .map((r) => withDefaults(r.data));

  let text: string;
  if (format === 'jsonl') {
    text = records
      .map((r) => {
        const ordered: Record<string, unknown> = {};
        for (const k of orderedKeys(r)) if (!k.startsWith('x-')) ordered[k] = (r as Record<string, unknown>)[k];
        return `${JSON.stringify(ordered)}\n`;
      })
      .join('');
  } else {
    const columns = exportColumns(records);
    text = csvLine(columns) + records.map((r) => csvLine(columns.map((c) => cellOf(r, c)))).join('');
  }
  if (output !== undefined) {
    const file = output;
    try {
      replaceAtomic(file, text);
    } catch (e) {
      throw new LedgerError(t('error.write-failed', { file: ctx.output!, reason: (e as Error).message }));
    }
    io.err(`${t('export.done', { count: records.length, file: ctx.output! })}\n`);
  } else {
    io.out(text);
  }
  return { exitCode: 0, count: records.length };
}
