// Helpers for end-to-end tests: run the CLI in a temporary copy of a fixture ledger — in-process
// (`exec`: the whole program, flags to exit code, without a process of its own: fast) or as the
// BUILT bin in a process of its own (`runBin`: for what needs a real process — signals, exit
// codes of the binary, parallel processes, environment hooks read at module load).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'aftersales.js');
export const FIXTURES = join(REPO, 'test', 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
}

/** The environment of a run: this one's, without what would change the output, plus `extra`. */
function envOf(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const k of ['AFTERSALES_LEDGER', 'FORCE_COLOR', 'CI', 'LC_ALL', 'LC_MESSAGES']) delete base[k];
  return { ...base, NO_COLOR: '1', LANG: 'C', ...extra };
}

/** The CLI in-process: `execute` of src/cli.ts with captured output, no TTY. */
export async function exec(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { execute } = await import('../../src/cli.js');
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await execute(args, envOf(opts.env), {
    cwd: opts.cwd ?? REPO,
    out: (s) => void stdout.push(s),
    err: (s) => void stderr.push(s),
    readInput: async () => opts.input ?? '',
    stdinTTY: false,
    stdoutTTY: false,
    stderrTTY: false,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The BUILT bin in a process of its own. */
export function runBin(args: string[], opts: RunOptions = {}): RunResult {
  const env = envOf(opts.env);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** A temporary folder, removed by cleanup(). */
export function tempDir(prefix = 'aftersales-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A temporary copy of test/fixtures/ledgers/<name>. */
export function copyFixture(name: string): string {
  const dir = tempDir(`aftersales-${name}-`);
  // never a derived cache a run may have left in the fixture folder
  cpSync(join(FIXTURES, 'ledgers', name), dir, { recursive: true, filter: (src) => !src.includes('/.aftersales') });
  return dir;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** No stack trace reaches a user (SPEC §5). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /\n\s+at [\w.<>]+ \(/.test(text);
}
