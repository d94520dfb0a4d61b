// Interactive questions, behind an interface so that tests answer them with a script.
// @inquirer/prompts is loaded only when a command really asks something (start-up cost).
// Without a TTY (or with CI or --yes) nothing is asked: the command fails with exit 2 and
// names the flags that would have answered (SPEC §5).
import { InterruptedError, UsageError } from '../errors.js';
import type { IO } from './io.js';
import type { Lang } from '../i18n/lang.js';
import { safeText } from './safe-text.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  checked?: boolean;
}

export interface Prompter {
  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(q: { message: string; choices: Choice<T>[] }): Promise<T[]>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/** Ctrl-C at a prompt is an interruption (exit 130), not a crash. */
async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) throw new InterruptedError();
    throw e;
  }
}

/** inquirer's key hints ("↑↓ navigate • ⏎ select") in Spanish. */
const KEY_WORDS_ES: Record<string, string> = { navigate: 'mover', select: 'elegir', submit: 'aceptar', all: 'todos', invert: 'invertir', space: 'espacio' };

/** The real prompts on the terminal, in the user's language (key hints, yes/no answers). */
export async function terminalPrompter(lang: Lang = 'en'): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  // Questions and choices quote ledger values (people, customers): shown escaped (safe-text.ts).
  const safe = <T,>(choices: Choice<T>[]) => choices.map((c) => ({ ...c, name: safeText(c.name), description: c.description && safeText(c.description) }));
  const word = (w: string) => (lang === 'es' ? KEY_WORDS_ES[w] ?? w : w);
  const theme = {
    style: { keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${word(key)} ${word(action)}`).join(' • ') },
  };
  return {
    input: (q) => guard(() => inquirer.input({ message: safeText(q.message), default: q.default, validate: q.validate })),
    select: <T,>(q: { message: string; choices: Choice<T>[]; default?: T }) =>
      guard(() => inquirer.select<T>({ message: safeText(q.message), choices: safe(q.choices), default: q.default, theme })),
    checkbox: <T,>(q: { message: string; choices: Choice<T>[] }) =>
      guard(() => inquirer.checkbox<T>({ message: safeText(q.message), choices: safe(q.choices), theme })),
    // inquirer's confirm reads only y/n and answers "Yes"/"No": in Spanish a choice of Sí / No.
    confirm: (q) =>
      lang === 'en'
        ? guard(() => inquirer.confirm({ message: safeText(q.message), default: q.default }))
        : guard(() => inquirer.select<boolean>({ message: safeText(q.message), choices: [{ name: 'Sí', value: true }, { name: 'No', value: false }], default: q.default ?? true, theme })),
  };
}

/** A prompter that answers from a list, in order (tests). Each answer may be a function of the question. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`no scripted answer for: ${message}`);
    const a = answers.shift();
    return typeof a === 'function' ? (a as (m: string) => unknown)(message) : a;
  };
  return {
    asked,
    input: async (q) => {
      const a = next(q.message);
      const v = a === undefined ? q.default ?? '' : String(a);
      const ok = q.validate ? q.validate(v) : true;
      if (ok !== true) throw new Error(`scripted answer "${v}" rejected: ${ok}`);
      return v;
    },
    select: async <T,>(q: { message: string; choices: Choice<T>[]; default?: T }) => {
      const a = next(q.message);
      return (a === undefined ? q.default ?? q.choices[0].value : a) as T;
    },
    checkbox: async <T,>(q: { message: string; choices: Choice<T>[] }) => {
      const a = next(q.message);
      return (a === undefined ? q.choices.filter((c) => c.checked).map((c) => c.value) : a) as T[];
    },
    confirm: async (q) => {
      const a = next(q.message);
      return a === undefined ? q.default ?? false : Boolean(a);
    },
  };
}

/**
 * The prompter of this run, or a usage error naming the flags that would have answered.
 * `flags` e.g. ['--service S', '--set customer=…'].
 */
export async function needPrompter(io: IO, missing: string[]): Promise<Prompter> {
  if (io.prompter && io.interactive) return io.prompter();
  throw new UsageError(io.t('error.missing-answers', { flags: missing.join(', ') }), io.t('hint.missing-answers'));
}
