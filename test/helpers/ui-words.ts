// Words of one language's user interface that must never reach a user of the other (issue 15).
// Owned by the catalogue test (test/unit/i18n.test.ts), used by the language test
// (test/e2e/language.test.ts), which runs every command in each language. Command names and
// codes a user types (record, open, close, status…) are not words here: they are the same in
// every language.

/** English words a Spanish user must not meet. */
export const ENGLISH_UI_WORDS = [
  'the', 'and', 'with', 'without', 'not', 'is', 'are', 'of', 'to', 'for', 'from', 'by', 'or', 'was', 'has', 'been',
  'missing', 'expired', 'expires', 'expiring', 'quantitative', 'qualitative', 'process', 'resolved', 'unresolved', 'replaced', 'refunded',
  'skipped', 'done', 'warning', 'critical', 'none', 'unknown', 'required', 'expected', 'invalid', 'found', 'wrote', 'written',
  'Usage', 'Options', 'Commands', 'Arguments', 'display', 'default', 'choices', 'argument', 'option',
  'step-not-done', 'assignee-untrained', 'field-missing', 'procedure-outdated', 'out-of-warranty',
  'proactive', 'phone', 'scheduled', 'urgent', 'low', 'high', 'corrective', 'preventive',
  'verified', 'ineffective', 'effective', 'cancelled', 'requirement', 'value',
  'deviation', 'deviations', 'suggested', 'responsible', 'trend', 'yes', 'Yes', 'navigate',
  'number', 'string', 'mapping', 'technician', 'person', 'overdue',
];
// Not here: keys of the file format a message may name (customer, product, owner, people, cause,
// period, target, requirements, courses, email, assignee) and command names (record, due, …).

/** Spanish words an English user must not meet. */
export const SPANISH_UI_WORDS = [
  'el', 'la', 'los', 'las', 'del', 'que', 'por', 'para', 'con', 'sin', 'una', 'uno', 'está', 'hay', 'ningún', 'ninguna',
  'registro', 'registros', 'servicio', 'servicios', 'periodo', 'vencido', 'objetivo', 'correcto', 'aviso', 'crítico', 'falta',
  'caducado', 'requisito', 'requisitos', 'desviación', 'desviaciones', 'acción', 'acciones', 'causa', 'responsable', 'técnico',
  'cliente', 'producto', 'persona', 'curso', 'plazo', 'resuelto', 'hecho', 'omitido', 'Uso', 'Opciones', 'Comandos', 'defecto',
];

/**
 * The words of `text` from `list`, as a person would read them: whole words, outside what a user
 * types or what names things — `code spans`, command lines (`aftersales …`), option placeholders,
 * keys and paths (tokens holding / = . @ _ or digits).
 */
export function uiWordsIn(text: string, list: readonly string[]): string[] {
  const words = new Set(list);
  const found = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw
      .replace(/`[^`]*`/g, ' ')
      .replace(/(^|\s)(\$ )?aftersales .*$/, ' ')
      .replace(/<[^>\s]*>|\[[a-z=._-]*\]/g, ' ');
    for (const token of line.split(/[\s,;:()"'«»“”¿?¡!·•|]+/)) {
      if (token === '' || /[/=.@_\d]/.test(token)) continue;
      if (words.has(token)) found.add(token);
    }
  }
  return [...found].sort();
}
