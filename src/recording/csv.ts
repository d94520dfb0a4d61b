// CSV in and out. Reading uses csv-parse (quoted fields, embedded newlines, `,` or `;` found from
// the header line), keeps the line each row starts on for messages, and reports a broken row
// (wrong field count, bad quoting) instead of failing the file. Writing quotes per RFC 4180 and
// neutralises text cells a spreadsheet would run as a formula (OWASP "CSV injection").

export interface CsvRow {
  /** Line (1-based) of the file the row starts on. */
  line: number;
  cells: string[];
}

export interface CsvBroken {
  line: number;
  reason: string;
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  rows: CsvRow[];
  broken: CsvBroken[];
}

/** The separator of the header line: the most frequent of `,` `;` tab outside quotes (`,` on ties). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return [';', '\t'].reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/** Parse CSV text (already decoded, without BOM). The first row is the header. */
export async function parseCsv(text: string, given?: string): Promise<CsvTable> {
  const { parse } = await import('csv-parse/sync');
  const delimiter = given ?? detectDelimiter(text);
  const buffer = Buffer.from(text, 'utf8');
  // Byte offset of every line start, to turn the parser's byte counts into line numbers.
  const lineStarts: number[] = [0];
  for (let i = 0; i < buffer.length; i++) if (buffer[i] === 0x0a) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  // A row starts where the previous one (kept or skipped) ended, after blank lines.
  let end = 0;
  const startLine = (): number => {
    let at = end;
    while (at < buffer.length && (buffer[at] === 0x0a || buffer[at] === 0x0d)) at++;
    return lineAt(at);
  };
  const events: ({ kind: 'row'; line: number; cells: string[] } | { kind: 'broken'; line: number; reason: string })[] = [];
  try {
    parse(buffer, {
      delimiter,
      bom: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (cells: string[], context: { bytes: number }) => {
        events.push({ kind: 'row', line: startLine(), cells });
        end = context.bytes;
        return null; // collected here, not in the result
      },
      on_skip: (err: (Error & { bytes?: number }) | undefined) => {
        events.push({ kind: 'broken', line: startLine(), reason: (err?.message ?? 'unreadable row').replace(/ on line \d+$| at line \d+.*$/, '') });
        if (err?.bytes !== undefined && err.bytes > end) end = err.bytes;
      },
    });
  } catch (e) {
    // An error the parser cannot skip (e.g. a quote never closed): the rest of the file is one broken row.
    events.push({ kind: 'broken', line: startLine(), reason: (e as Error).message.replace(/ at line \d+.*$/, '') });
  }
  const first = events.findIndex((e) => e.kind === 'row');
  const header = first >= 0 ? (events[first] as { cells: string[] }).cells.map((h) => h.trim()) : [];
  const rows: CsvRow[] = [];
  const broken: CsvBroken[] = [];
  events.forEach((e, i) => {
    if (i === first) return;
    if (e.kind === 'row') rows.push({ line: e.line, cells: e.cells });
    else broken.push({ line: e.line, reason: e.reason });
  });
  return { delimiter, header, rows, broken };
}

/** Text a spreadsheet would evaluate: starts with = + - @ tab or CR (after any quotes we added). */
const FORMULA = /^'*[=+\-@\t\r]/;

/** A text cell made inert: prefixed with `'`. Numbers are never passed here. */
export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** Undo `neutralise` on import: one leading `'` before a formula character goes. */
export function unneutralise(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** One CSV cell: numbers and booleans as they are, text neutralised, quoted when needed. */
export function csvCell(value: unknown, delimiter = ','): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? neutralise(value) : JSON.stringify(value);
  return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[], delimiter = ','): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}
