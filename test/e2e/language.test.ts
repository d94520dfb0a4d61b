// One language at a time (issue 15): every command, every --help and the errors a user meets,
// run in Spanish over the example ledger and over a fresh `init --lang es` + `plan` ledger, hold
// no English UI word (test/helpers/ui-words.ts); the mirror in English over a fresh English
// ledger holds no Spanish one. Codes a user types and ids stay as they are (see uiWordsIn).
import { cpSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, cleanup, exec, tempDir } from '../helpers/run.js';
import { ENGLISH_UI_WORDS, SPANISH_UI_WORDS, uiWordsIn } from '../helpers/ui-words.js';
import { REGISTRARS } from '../../src/cli/index.js';
import { Command } from 'commander';

afterAll(cleanup);
const AS_OF = '2026-11-26T12:00:00+01:00';
const TEMPLATES = ['complaint-handling', 'help-desk', 'installation', 'preventive-maintenance', 'spare-parts', 'user-training', 'warranty-repair'];

/** Every command path of the program (`record close`, `team role add`…). */
function commandPaths(): string[][] {
  const program = new Command('aftersales');
  for (const register of REGISTRARS) register(program, () => async () => {});
  const out: string[][] = [[]];
  const walk = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      out.push([...path, sub.name()]);
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(program, []);
  return out;
}

/** The HTML report's text as a person reads it (no markup, no code, no script). */
function htmlText(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/<(script|style|code)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

type Run = { args: string[]; text: string };

async function runAll(ledger: string, lang: 'es' | 'en', extra: string[][]): Promise<Run[]> {
  const runs: Run[] = [];
  const run = async (...args: string[]) => {
    const r = await exec(['--ledger', ledger, '--lang', lang, ...args]);
    runs.push({ args, text: `${r.stdout}\n${r.stderr}` });
  };
  for (const path of commandPaths()) await run(...path, '--help');
  const asOf = ['--as-of', AS_OF];
  await run('check');
  await run('status', ...asOf);
  await run('control', ...asOf, '--fail-on', 'never');
  await run('control', ...asOf, '--fail-on', 'never', '--verbose');
  await run('control', ...asOf, '--fail-on', 'never', '--format', 'markdown');
  await run('due', ...asOf);
  await run('due', ...asOf, '--group-by', 'customer');
  await run('team', 'list', ...asOf);
  await run('team', 'plan', ...asOf);
  await run('team', 'plan', ...asOf, '--format', 'markdown');
  await run('action', 'list');
  await run('record', 'list');
  await run('improve', ...asOf);
  await run('plan', '--list-templates');
  // what a user gets wrong
  await run('control', '--frmat', 'x');
  await run('control', '--format');
  await run('contrl');
  await run('record', 'show');
  await run('record', 'show', 'a', 'b');
  await run('record', 'close', '20990101-zzzzzzzz', '--outcome', 'resuleto');
  await run('action', 'open', '--type', 'correctva');
  await run('control', '--format', 'xml');
  await run('due', '--group-by', 'x');
  for (const args of extra) await run(...args);
  const html = join(tempDir(), 'report.html');
  const report = await exec(['--ledger', ledger, '--lang', lang, 'report', ...asOf, '--out', html]);
  runs.push({ args: ['report'], text: `${report.stderr}\n${htmlText(html)}` });
  return runs;
}

function offences(runs: Run[], words: readonly string[]): { command: string; words: string[] }[] {
  return runs.map((r) => ({ command: r.args.join(' '), words: uiWordsIn(r.text, words) })).filter((o) => o.words.length > 0);
}

describe('a Spanish user meets no English word', () => {
  let example: string;
  let fresh: string;
  beforeAll(async () => {
    example = join(tempDir(), 'ejemplo');
    cpSync(join(REPO, 'examples', 'electrodomesticos-sol'), example, { recursive: true });
    fresh = join(tempDir(), 'nuevo');
    expect((await exec(['init', fresh, '--lang', 'es'])).code).toBe(0);
    for (const template of TEMPLATES) expect((await exec(['--ledger', fresh, 'plan', '--template', template, '--yes'])).code).toBe(0);
  });

  it('over the example ledger: every command, --help and error', async () => {
    // a record that breaks the schema: the messages built from its problems are Spanish too
    const bad = join(tempDir(), 'mal');
    cpSync(example, bad, { recursive: true });
    const dir = join(bad, 'records', '2026', '10');
    const file = join(dir, readdirSync(dir)[0]);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^visits: .*$/m, 'visits: dos'));
    const runs = await runAll(example, 'es', []);
    const check = await exec(['--ledger', bad, 'check']);
    runs.push({ args: ['check (bad ledger)'], text: check.stdout + check.stderr });
    expect(check.stdout).toContain('se esperaba un valor de tipo número, pero hay uno de tipo texto');
    expect(offences(runs, ENGLISH_UI_WORDS)).toEqual([]);
  });

  it('over a fresh Spanish ledger planned from every template', async () => {
    const roles = readFileSync(join(fresh, 'team.yaml'), 'utf8');
    expect(roles).not.toMatch(/id: (service-manager|technician|dispatcher)\b/);
    expect(offences(await runAll(fresh, 'es', []), ENGLISH_UI_WORDS)).toEqual([]);
  });
});

describe('an English user meets no Spanish word', () => {
  it('over a fresh English ledger planned from every template', async () => {
    const fresh = join(tempDir(), 'fresh');
    expect((await exec(['init', fresh, '--lang', 'en'])).code).toBe(0);
    for (const template of TEMPLATES) expect((await exec(['--ledger', fresh, 'plan', '--template', template, '--yes'])).code).toBe(0);
    expect(offences(await runAll(fresh, 'en', []), SPANISH_UI_WORDS)).toEqual([]);
  });
});
