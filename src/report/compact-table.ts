// A table ruled only under its header, one line per row, no trailing spaces: what a person
// scans in a terminal (control, due, team plan). cli-table3 draws it.
import Table from 'cli-table3';

export type Row = (string | { colSpan: number; content: string })[];

export function compactTable(head: string[], rows: Row[]): string {
  const none = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', right: '', 'right-mid': '', middle: '' };
  const table = new Table({ head, chars: { ...none, mid: '─', 'mid-mid': '─' }, style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 } });
  table.push(...(rows as Table.HorizontalTableRow[]));
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}
