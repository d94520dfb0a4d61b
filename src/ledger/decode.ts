// Bytes → text, strictly: a file that is not UTF-8 is a problem at its first bad byte (line,
// column, offset), not mojibake. Kept apart from parse.ts so that commands reading one file
// (record show) do not load the YAML parser and the schemas.
import { fileProblem, type Problem } from './problems.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Offset of the first byte that breaks UTF-8, for pointing at it. */
function firstBadUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 && b >= 0xc2 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

/** Decode strictly: a file that is not UTF-8 is a problem, not mojibake. BOM is dropped. */
export function decodeText(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  try {
    return { text: utf8.decode(bytes) }; // TextDecoder drops a leading BOM by default
  } catch {
    const offset = firstBadUtf8Byte(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
    const column = utf8.decode(bytes.subarray(lineStart, offset)).length + 1;
    const problem = fileProblem(file, 'not-utf8', { byte: `0x${bytes[offset].toString(16).padStart(2, '0')}`, offset });
    Object.assign(problem, { line, column, endLine: line, endColumn: column });
    return { problem };
  }
}

