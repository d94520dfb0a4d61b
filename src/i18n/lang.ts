// Which language to speak: --lang, else the ledger's locale, else LANG. Kept apart from the
// catalogues so that `aftersales --help` does not load them.
export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

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

