// The message catalogues: Spanish has every English key, keeps every placeholder and is really
// translated; the translator falls back to English, then to the key; the language is chosen as
// --lang, else the ledger's locale, else LANG, else English.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, chooseLang, langFromEnv, translator } from '../../src/i18n/index.js';

const { en, es } = CATALOGUES;

/** Messages that read the same in English and Spanish. */
const SAME_IN_BOTH = new Set(['{message}', 'error', 'n', '{id}: {problems}', '{id}: {course} ({problem})', 'interpersonal', 'web', 'chat', 'normal', 'no', '—']);

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

describe('catalogues', () => {
  it('en and es have exactly the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('every es message keeps the placeholders of its en message', () => {
    const mismatched = Object.keys(en)
      .filter((key) => key in es)
      .filter((key) => placeholders(en[key]).join(',') !== placeholders(es[key]).join(','))
      .map((key) => ({ key, en: placeholders(en[key]), es: placeholders(es[key]) }));
    expect(mismatched).toEqual([]);
  });

  it('every es message is translated (except the allow-list)', () => {
    const untranslated = Object.keys(en).filter((key) => es[key] === en[key] && !SAME_IN_BOTH.has(en[key]));
    expect(untranslated).toEqual([]);
  });

  it('no message is empty', () => {
    expect(Object.entries(es).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('uses the required phrasing for an unknown role', () => {
    expect(es['problem.unknown-role']).toContain('no hay ningún rol');
    expect(translator('es')('problem.unknown-role', { value: 'jefe' })).toBe('no hay ningún rol "jefe" en team.yaml');
  });
});

describe('translator', () => {
  it('fills in parameters and leaves unknown ones as written', () => {
    const t = translator('en');
    expect(t('problem.missing-file', { file: 'team.yaml' })).toBe('team.yaml is missing');
    expect(t('problem.missing-file')).toBe('{file} is missing');
    expect(translator('es')('check.summary', { errors: 2, warnings: 0, files: 7 })).toBe(
      '2 error(es), 0 aviso(s) en 7 fichero(s)',
    );
  });

  it('falls back to English for a key missing in es', () => {
    const key = 'hint.didYouMean';
    const saved = es[key];
    delete es[key];
    try {
      expect(translator('es')(key, { suggestion: 'warranty' })).toBe('did you mean "warranty"?');
    } finally {
      es[key] = saved;
    }
    expect(translator('es')(key, { suggestion: 'warranty' })).toBe('¿quería decir "warranty"?');
  });

  it('leaves an unknown key as the key itself', () => {
    expect(translator('es')('no.such-key')).toBe('no.such-key');
    expect(translator('en')('no.such-key')).toBe('no.such-key');
  });
});

describe('chooseLang', () => {
  const esEnv = { LANG: 'es_ES.UTF-8' };
  const enEnv = { LANG: 'en_US.UTF-8' };

  it('the --lang flag wins over the ledger locale and LANG', () => {
    expect(chooseLang('en', 'es', esEnv)).toBe('en');
    expect(chooseLang('es', 'en', enEnv)).toBe('es');
  });

  it('the ledger locale wins over LANG', () => {
    expect(chooseLang(undefined, 'es', enEnv)).toBe('es');
    expect(chooseLang(undefined, 'en', esEnv)).toBe('en');
  });

  it('LANG decides when there is no flag and no ledger locale', () => {
    expect(chooseLang(undefined, undefined, esEnv)).toBe('es');
    expect(chooseLang(undefined, undefined, enEnv)).toBe('en');
    expect(langFromEnv(esEnv)).toBe('es');
  });

  it('defaults to English', () => {
    expect(chooseLang(undefined, undefined, {})).toBe('en');
    expect(chooseLang(undefined, undefined, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, undefined, { LANG: 'C' })).toBe('en');
  });

  it('skips values that are not a supported language', () => {
    expect(chooseLang('fr', 'es', enEnv)).toBe('es');
    expect(chooseLang(undefined, 'de', esEnv)).toBe('es');
    expect(chooseLang('fr', 'de', { LANG: 'pt_BR.UTF-8' })).toBe('en');
  });
});
