// `aftersales record show ID [--format yaml|json]`: one record, found by id or prefix without
// loading the ledger. yaml prints the file as it is (comments included); json the data.
import type { CommandContext } from '../io/io.js';
import { ledgerRoot } from '../ledger/open.js';
import { openRecord, readRecordText } from '../recording/read-record.js';
import { resolveRecord } from '../recording/resolve.js';
import { formatOption } from './format-option.js';
import { safeText } from '../io/safe-text.js';

export const SHOW_FORMATS = ['yaml', 'json'] as const;

export interface RecordShowOptions {
  id: string;
  format?: string;
}

export async function runRecordShow(ctx: CommandContext & RecordShowOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const format = formatOption(io, ctx.format, SHOW_FORMATS, 'yaml');
  const root = ledgerRoot(ctx);
  const ref = resolveRecord(root, ctx.id, io.t);
  if (format === 'json') {
    const record = await openRecord(root, ref, io);
    io.out(`${JSON.stringify({ schemaVersion: 1, id: ref.id, path: ref.path, record: record.data }, null, 2)}\n`);
  } else {
    // The file as written, its line structure kept; any other control character shown escaped.
    const text = readRecordText(root, ref, io).replace(/\r\n/g, '\n').split('\n').map(safeText).join('\n');
    io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
  return { exitCode: 0 };
}
