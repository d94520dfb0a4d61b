// Codes of the file format shown as words (areas/labels.ts), and words typed back as codes:
// `--outcome resuelto` is `--outcome resolved` in a Spanish ledger.
import { CATALOGUES, type Translate } from './index.js';
import type { Lang } from './lang.js';

export type LabelGroup =
  | 'kind' | 'outcome' | 'step' | 'channel' | 'priority' | 'severity' | 'six-m' | 'action-type' | 'action-status'
  | 'record-status' | 'dimension' | 'compliance' | 'training' | 'deviation' | 'resource' | 'verification' | 'boolean' | 'field' | 'type' | 'level' | 'grouping';

/** The word for a code in the current language; the code itself when it has none. */
export function labelOf(t: Translate, group: LabelGroup, code: string): string {
  const key = `label.${group}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

/** A list of codes as words, joined by ", ". */
export function labelsOf(t: Translate, group: LabelGroup, codes: readonly string[]): string {
  return codes.map((c) => labelOf(t, group, c)).join(', ');
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/**
 * The code a user typed: the code itself, or its word in `lang` or English (accents and case
 * ignored); undefined when it is neither.
 */
export function codeFromInput(lang: Lang, group: LabelGroup, codes: readonly string[], input: string): string | undefined {
  if (codes.includes(input)) return input;
  const wanted = fold(input);
  for (const l of new Set<Lang>([lang, 'en'])) {
    for (const code of codes) {
      const word = CATALOGUES[l][`label.${group}.${code}`];
      if (word !== undefined && fold(word) === wanted) return code;
    }
  }
  return codes.find((c) => fold(c) === wanted);
}

/**
 * What an option accepts, for its error: the codes in English; in another language the words
 * (quoted when they hold a space), which it accepts as well as the codes.
 */
export function acceptedLabels(t: Translate, group: LabelGroup, codes: readonly string[], lang: Lang): string {
  if (lang === 'en') return codes.join(', ');
  return codes.map((c) => {
    const word = labelOf(t, group, c);
    return word.includes(' ') ? `"${word}"` : word;
  }).join(', ');
}

/** The group a cause's value is a code of (channel, priority, 6M category); others are ids. */
const CAUSE_VALUE_GROUP: Record<string, LabelGroup | undefined> = { channel: 'channel', priority: 'priority', 'cause.category': 'six-m' };

/** A cause's value in words when it is a code, as written when it is an id (a person, a product). */
export function causeValueLabel(t: Translate, dimension: string, value: string): string {
  const group = CAUSE_VALUE_GROUP[dimension];
  return group ? labelOf(t, group, value) : value;
}
