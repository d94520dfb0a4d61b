// Human output is safe to print and to paste into a CI log (SPEC §5): every control character
// of a ledger value — C0 but tab, DEL, C1: ESC, BEL, NUL, CR, LF… — and the invisible Unicode
// controls that reorder or break lines (bidi overrides such as U+202E, U+2028/2029) are shown
// escaped (`\n`, `\u001b`), so no value can colour the terminal, set its title, start a new
// line, or begin a line with `::` (a GitHub workflow command). Applied to values, never to our
// own templates (which hold newlines by design); JSON, JUnit and HTML escape per their formats.

const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function safeText(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether `text` holds nothing safeText would change. */
export function isSafeText(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !new RegExp(UNSAFE.source).test(text);
}

/**
 * A copy of `value` with every string in it made safe (objects, arrays and Maps walked; class
 * instances and other values kept as they are). For a reporter to apply to its input once.
 */
export function safeDeep<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => safeDeep(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = safeDeep(v);
    return out as T;
  }
  return value;
}

/** Translation parameters made safe (for human messages quoting ledger values). */
export function safeParams<P extends Record<string, string | number>>(params: P): P {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? safeText(v) : v;
  return out as P;
}
