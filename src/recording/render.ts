// A new record's YAML, in the layout of SPEC §1.6: keys in the schema's order (x- keys last),
// small mappings on one line (`steps: { diagnose: done }`), lists of mappings as block lists of
// one-line items (`parts:` / `  - { ref: BRG-22, qty: 1 }`). Scalars are written plain when that
// is unambiguous and double-quoted (JSON escapes are YAML escapes) otherwise; the writer parses
// the text back and compares it with the data before creating anything (validate.ts).
import { RECORD_FIELDS } from '../ledger/schema.js';
import { modeline } from '../ledger/write.js';

type Data = Record<string, unknown>;

/** Plain text YAML would read back as something else: null, booleans, numbers, specials. */
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?)$/;
/** Characters a plain scalar may hold anywhere in flow and block context (': ' and ' #' excluded below). */
const PLAIN = /^[\p{L}\p{N}_./(][\p{L}\p{N} _./()+\-:@%]*$/u;

export function scalarYaml(value: unknown, quoteAll = false): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const s = String(value);
  const plain = !quoteAll && PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !s.endsWith(':') &&
    !s.includes(': ') && !/:[\s,\]}]/.test(s);
  return plain ? s : JSON.stringify(s);
}

function isPlainObject(v: unknown): v is Data {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function flowYaml(value: unknown, quoteAll = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => flowYaml(v, quoteAll)).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${scalarYaml(k, quoteAll)}: ${flowYaml(v, quoteAll)}`).join(', ')} }`;
  }
  return scalarYaml(value, quoteAll);
}

/** The record's keys in the order of SPEC §1.6, then x- (and any other) keys as given. */
export function orderedKeys(data: Data): string[] {
  const known = RECORD_FIELDS.filter((k) => data[k] !== undefined);
  const rest = Object.keys(data).filter((k) => !RECORD_FIELDS.includes(k) && data[k] !== undefined);
  return [...known, ...rest];
}

/** The record as YAML (no modeline). */
export function renderRecord(data: Data, quoteAll = false): string {
  const lines: string[] = [];
  for (const key of orderedKeys(data)) {
    const v = data[key];
    const k = scalarYaml(key, quoteAll);
    if (Array.isArray(v) && v.length > 0 && v.some(isPlainObject)) {
      lines.push(`${k}:`);
      for (const item of v) lines.push(`  - ${flowYaml(item, quoteAll)}`);
    } else {
      lines.push(`${k}: ${flowYaml(v, quoteAll)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The whole file: modeline + YAML. */
export function recordFileText(rel: string, data: Data, quoteAll = false): string {
  return modeline(rel, 'record') + renderRecord(data, quoteAll);
}
