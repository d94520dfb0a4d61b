// Message catalogues and language choice: --lang, else the ledger's locale, else LANG.
import { en as coreEn } from './en.js';
import { es as coreEs } from './es.js';
import { AREAS } from './areas/index.js';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
/** The core catalogues plus every area's (src/i18n/areas/). */
export const CATALOGUES: Record<Lang, Record<string, string>> = {
  en: Object.assign({}, coreEn, ...AREAS.map((a) => a.en)),
  es: Object.assign({}, coreEs, ...AREAS.map((a) => a.es)),
};
const en = CATALOGUES.en;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'es';
}

/** The language from the environment's LANG / LC_ALL / LC_MESSAGES (es_ES.UTF-8 → es). */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang | undefined {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const code = raw.slice(0, 2).toLowerCase();
  return isLang(code) ? code : undefined;
}

export function chooseLang(flag: string | undefined, ledgerLocale: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (isLang(flag)) return flag;
  if (isLang(ledgerLocale)) return ledgerLocale;
  return langFromEnv(env) ?? 'en';
}

export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params = {}) => {
    const template = catalogue[key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}
