// Markup that cannot be injected: every interpolated value of the `html` tag is escaped unless it
// is already markup (an Html value built by this tag). User text (names, notes, descriptions,
// cause details, organisation) therefore reaches the page only as text — in HTML elements, in
// attribute values (always written with double quotes) and in SVG <text>/<title> alike.

/** A fragment of markup that is safe to insert as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an HTML/SVG text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  // Lone surrogates and control characters (except tab, LF, CR) are not allowed in HTML text.
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function piece(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p title="${userText}">${userText}</p>\`` — interpolations escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Trusted markup written by this program (never user text). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Join fragments with a separator (escaped like any interpolation). */
export function joinHtml(items: readonly Interpolation[], separator: Interpolation = ''): Html {
  return new Html(items.map(piece).join(piece(separator)));
}
