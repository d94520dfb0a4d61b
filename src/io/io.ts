// The boundary between commands and the terminal: where output goes, whether colour and
// prompts are allowed, the language, and the clock. Commands never touch process.* directly,
// so tests call them with a fake IO and a temporary folder.
import type { Lang, Translate } from '../i18n/index.js';
import type { Prompter } from './prompt.js';

export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Interactive prompts allowed (stdin and stdout are TTYs, no CI, no --yes). */
  interactive: boolean;
  /** Colour allowed for human output (TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  lang: Lang;
  t: Translate;
  env: NodeJS.ProcessEnv;
  /** "Now" in ms: the clock, unless a command takes --as-of. */
  now(): number;
  /** The prompts (loaded lazily); only used when `interactive`. */
  prompter?: () => Promise<Prompter>;
  /** Show progress (a TTY on stderr); commands draw nothing otherwise. */
  progress?: boolean;
  /** stdin as text (`record --from -`). */
  readInput?: () => Promise<string>;
}

/** An IO for tests and library use: collects output, never interactive unless a prompter is given. */
export function memoryIO(opts: { lang?: Lang; t: Translate; now?: number; prompter?: Prompter; env?: NodeJS.ProcessEnv; input?: string }): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (s) => void stdout.push(s),
    err: (s) => void stderr.push(s),
    interactive: opts.prompter !== undefined,
    color: false,
    lang: opts.lang ?? 'en',
    t: opts.t,
    env: opts.env ?? {},
    now: () => opts.now ?? Date.now(),
    prompter: opts.prompter ? async () => opts.prompter! : undefined,
    progress: false,
    readInput: async () => opts.input ?? '',
  };
}

export interface CommandContext {
  cwd: string;
  io: IO;
  /** --ledger DIR */
  ledger?: string;
}

/** Colour is for people: honour NO_COLOR ourselves (chalk does not), and --no-color. */
export function colorAllowed(env: NodeJS.ProcessEnv, isTTY: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}
