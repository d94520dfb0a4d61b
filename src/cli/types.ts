// What a command registrar gets: the program to add to, and `run`, which wraps an action so
// that it receives the CommandContext (cwd, io, --ledger) and its result's exit code is used.
import type { Command } from 'commander';
import type { CommandContext } from '../io/io.js';

export type Runner = (ctx: CommandContext) => Promise<{ exitCode: number } | void>;
/** Wrap a runner for `command.action(...)`. */
export type Run = (command: Command, runner: Runner) => (...args: unknown[]) => Promise<void>;
export type Register = (program: Command, run: Run) => void;

/** Collect a repeatable option (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
