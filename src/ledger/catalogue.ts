// The suggestion catalogue: the shipped one for the language (templates/suggestions/<lang>.yaml)
// plus the ledger's own suggestions.yaml (already loaded and validated with the ledger).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import type { Lang } from '../i18n/index.js';
import type { Ledger } from './load.js';
import { suggestionsFile, type SuggestionEntry } from './schema.js';

export interface CatalogueEntry extends SuggestionEntry {
  /** From the ledger's suggestions.yaml (preferred on ties). */
  own: boolean;
}

export function mergeCatalogues(shipped: readonly SuggestionEntry[], own: readonly SuggestionEntry[]): CatalogueEntry[] {
  const ids = new Set(own.map((e) => e.id));
  return [...own.map((e) => ({ ...e, own: true })), ...shipped.filter((e) => !ids.has(e.id)).map((e) => ({ ...e, own: false }))];
}

export function shippedSuggestions(lang: Lang): SuggestionEntry[] {
  const file = fileURLToPath(new URL(`../../templates/suggestions/${lang}.yaml`, import.meta.url));
  // js-yaml, as the loader's bulk path: `control` reads this on every run (yaml took ~30 ms).
  const parsed = suggestionsFile.safeParse(jsyaml.load(readFileSync(file, 'utf8'), { schema: jsyaml.CORE_SCHEMA }));
  if (!parsed.success) throw new Error(`the shipped suggestion catalogue ${file} is invalid: ${parsed.error.message}`);
  return parsed.data.suggestions;
}

export function suggestionCatalogue(ledger: Ledger, lang: Lang): CatalogueEntry[] {
  return mergeCatalogues(shippedSuggestions(lang), ledger.suggestions?.suggestions ?? []);
}
