// The command table: parse flags into an options object, lazily import the command, run it.
// This is the ONE place that maps errors to exit codes (SPEC §5): 0 done, 1 findings,
// 2 could not do the job, 130 interrupted. It never calls process.exit() while output may
// still be flushing; it sets process.exitCode.
import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';
import { AftersalesError, EXIT } from './errors.js';
import { chooseLang, isLang, type Lang } from './i18n/lang.js';
import type { Translate } from './i18n/index.js';
import { colorAllowed, type CommandContext, type IO } from './io/io.js';
import { REGISTRARS } from './cli/index.js';
import type { Run } from './cli/types.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };
// require, not import: importing a CommonJS package from ESM runs the export lexer over its
// source first (~10 ms of start-up).
const { Command, CommanderError, Help, Option } = require('commander') as typeof CommanderModule;
type Command = CommanderModule.Command;

interface GlobalOptions {
  ledger?: string;
  lang?: string;
  color?: boolean;
  yes?: boolean;
}

/** Where a run of the program reads and writes: the process's streams, or a test's. */
export interface Terminal {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** stdin as text (`record --from -`). */
  readInput(): Promise<string>;
  stdinTTY: boolean;
  stdoutTTY: boolean;
  stderrTTY: boolean;
}

/** A global flag's value as typed (`--flag v` or `--flag=v`), before commander parses. */
function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  return i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(flag.length + 1) : argv[i + 1];
}

/**
 * The language of the help and of commander's errors, known before the arguments are parsed:
 * --lang, else the ledger's locale (the ledger --ledger, AFTERSALES_LEDGER or the working folder
 * leads to), else LANG — as for everything else.
 */
async function earlyLang(argv: string[], env: NodeJS.ProcessEnv, cwd: string, state: RunState): Promise<Lang> {
  const flag = flagValue(argv, '--lang');
  if (isLang(flag)) return flag;
  return chooseLang(undefined, await runLocale(state, cwd, { ledger: flagValue(argv, '--ledger') }, env), env);
}

/** The catalogues are loaded only when a command runs or an error is reported (not for --help). */
async function translatorFor(lang: Lang): Promise<Translate> {
  return (await import('./i18n/index.js')).translator(lang);
}

function makeIO(globals: GlobalOptions, env: NodeJS.ProcessEnv, lang: Lang, t: Translate, term: Terminal): IO {
  return {
    out: term.out,
    err: term.err,
    interactive: term.stdinTTY && term.stdoutTTY && !env.CI && !globals.yes,
    color: colorAllowed(env, term.stdoutTTY, globals.color),
    lang,
    t,
    env,
    now: () => Date.now(),
    prompter: async () => (await import('./io/prompt.js')).terminalPrompter(lang),
    progress: term.stderrTTY && !env.CI,
    readInput: term.readInput,
  };
}

/** The ledger's locale, read cheaply (no full load) to pick the language of a command. */
async function ledgerLocale(cwd: string, globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { locateLedger } = await import('./ledger/locate.js');
  const found = locateLedger({ cwd, ledger: globals.ledger, env });
  if (!found.root) return undefined;
  const { readFileSync } = await import('node:fs');
  try {
    const text = readFileSync(`${found.root}/aftersales.yaml`, 'utf8');
    return /^locale:\s*["']?(en|es)\b/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

/** One run of the program: its language once known (errors are reported in it), its exit code. */
interface RunState {
  lang?: Lang;
  exitCode: number;
  /** The ledger's locale once read (the language is chosen before parsing and again for the command). */
  locale?: { ledger: string | undefined; value: string | undefined };
}

/** ledgerLocale, read once per run for the same --ledger. */
async function runLocale(state: RunState, cwd: string, globals: GlobalOptions, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (state.locale === undefined || state.locale.ledger !== globals.ledger) state.locale = { ledger: globals.ledger, value: await ledgerLocale(cwd, globals, env) };
  return state.locale.value;
}

type Localize = typeof import('./cli/localize.js');

function buildProgram(env: NodeJS.ProcessEnv, term: Terminal, state: RunState, localize?: Localize): Command {
  const program = new Command('aftersales');
  if (localize) localize.configureSpanishHelp(program, Help);
  program
    .description('Quality management of after-sales service from a plain-text ledger')
    .version(version, '-V, --version')
    .option('--ledger <dir>', 'ledger folder (default: walk up from here; or AFTERSALES_LEDGER)')
    .addOption(new Option('--lang <lang>', 'language of human output').choices(['en', 'es']))
    .option('--no-color', 'no colours (also NO_COLOR)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeErr: term.err,
      writeOut: term.out,
      outputError: (text, write) => write(localize ? localize.translateCommanderError(text) : text),
    });

  const run: Run = (command, runner) => async () => {
    const globals = command.optsWithGlobals() as GlobalOptions;
    const locale = globals.lang ? undefined : await runLocale(state, term.cwd, globals, env);
    const lang = chooseLang(globals.lang, locale, env);
    state.lang = lang;
    const io = makeIO(globals, env, lang, await translatorFor(lang), term);
    const ctx: CommandContext = { cwd: term.cwd, io, ledger: globals.ledger };
    const result = await runner(ctx);
    state.exitCode = result?.exitCode ?? EXIT.ok;
  };

  for (const register of REGISTRARS) register(program, run);
  if (localize) localize.translateProgram(program);
  return program;
}

async function report(error: unknown, env: NodeJS.ProcessEnv, argv: string[], term: Terminal, state: RunState): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT.ok;
    }
    return EXIT.cannot; // usage errors: commander already printed the message
  }
  const t = await translatorFor(state.lang ?? (await earlyLang(argv, env, term.cwd, state)));
  if (error instanceof AftersalesError) {
    term.err(`aftersales: ${error.message}\n`);
    const details = (error as { details?: string[] }).details ?? [];
    for (const d of details) term.err(`  ${d}\n`);
    if (error.hint) term.err(`  ${t('label.hint')}: ${error.hint}\n`);
    if (env.AFTERSALES_DEBUG === '1' && error.stack) term.err(`${error.stack}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'FileBusyError') {
    // ledger/write.ts: a lock held by another process for too long (not imported: start-up).
    const file = (error as Error & { file: string }).file;
    const { lockPathFor } = await import('./ledger/write.js');
    term.err(`aftersales: ${t('error.file-busy', { file })}\n  ${t('label.hint')}: ${t('hint.file-busy', { lock: lockPathFor(file) })}\n`);
    return EXIT.cannot;
  }
  const message = error instanceof Error ? error.message : String(error);
  term.err(`aftersales: ${t('error.unexpected', { message })}\n  ${t('label.hint')}: ${t('hint.unexpected')}\n`);
  if (env.AFTERSALES_DEBUG === '1' && error instanceof Error && error.stack) term.err(`${error.stack}\n`);
  return EXIT.cannot;
}

/**
 * Run the program once on `argv` and return its exit code: the whole CLI, flags to output, on
 * any terminal — the process's (main) or a test's, in-process.
 */
export async function execute(argv: string[], env: NodeJS.ProcessEnv, term: Terminal): Promise<number> {
  const state: RunState = { exitCode: EXIT.ok };
  try {
    const lang = await earlyLang(argv, env, term.cwd, state);
    const program = buildProgram(env, term, state, lang === 'en' ? undefined : await import('./cli/localize.js'));
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.cannot;
    }
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    return report(error, env, argv, term, state);
  }
}

async function readProcessInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The process's run: its streams, and its exit code in process.exitCode (never process.exit). */
export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // A reader that goes away (`aftersales export | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      throw e;
    });
  }
  // Ctrl-C: no handler of ours. A JS handler runs only when the event loop turns, which a
  // synchronous load (parsing, Atomics.wait) does not do for seconds; the default disposition
  // ends the process at once, at any point, and the shell reports exit 130 (128 + SIGINT).
  // Nothing is left half-written: every file and cache is written to a temporary file and
  // renamed. At a prompt (raw mode, no signal) Ctrl-C is an InterruptedError: exit 130.
  process.exitCode = await execute(argv, env, {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readInput: readProcessInput,
    stdinTTY: Boolean(process.stdin.isTTY),
    stdoutTTY: Boolean(process.stdout.isTTY),
    stderrTTY: Boolean(process.stderr.isTTY),
  });
}
