// Message catalogues and language choice: --lang, else the ledger's locale, else LANG.
import { en as coreEn } from './en.js';
import { es as coreEs } from './es.js';
import { AREAS } from './areas/index.js';

import type { Lang } from './lang.js';

export { chooseLang, isLang, langFromEnv, LANGS, type Lang } from './lang.js';
/** The core catalogues plus every area's (src/i18n/areas/). */
export const CATALOGUES: Record<Lang, Record<string, string>> = {
  en: Object.assign({}, coreEn, ...AREAS.map((a) => a.en)),
  es: Object.assign({}, coreEs, ...AREAS.map((a) => a.es)),
};
const en = CATALOGUES.en;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params = {}) => {
    const template = catalogue[key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}
