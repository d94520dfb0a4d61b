// Every bad-input fixture gives exit 1 from `check`, names the right file and line, and
// prints no stack trace. Fixtures: test/fixtures/bad/<case>/ = files laid over a copy of the
// minimal ledger, and expect.json = { file, line, code, contains? }.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cleanup, copyFixture, hasStackTrace, exec } from '../helpers/run.js';

interface Expect { file: string; line: number; code: string; contains?: string; generate?: string }

const BAD = join(FIXTURES, 'bad');
const cases = readdirSync(BAD).sort();

afterAll(cleanup);

describe('check on bad input', async () => {
  it('has the bad-input corpus the foundation issue asks for', async () => {
    expect(cases).toEqual(expect.arrayContaining([
      'bad-indentation', 'tab-indent', 'duplicate-key', 'wrong-type', 'unknown-key', 'misspelt-enum',
      'alias-bomb', 'huge-file', 'not-utf8', 'empty-file', 'unknown-service', 'id-file-mismatch',
      'closed-before-opened',
    ]));
  });

  for (const name of cases) {
    it(name, async () => {
      const exp = JSON.parse(readFileSync(join(BAD, name, 'expect.json'), 'utf8')) as Expect;
      const dir = copyFixture('minimal');
      for (const entry of readdirSync(join(BAD, name))) {
        if (entry !== 'expect.json') cpSync(join(BAD, name, entry), join(dir, entry), { recursive: true, force: true });
      }
      if (exp.generate === 'huge') {
        // 10 MB: a valid-looking YAML file far over the 1 MiB limit.
        const line = 'notes: ' + 'x'.repeat(99) + '\n';
        writeFileSync(join(dir, exp.file), 'id: 20261002-7k3qzm2a\n' + line.repeat(100_000));
      }
      expect(existsSync(join(dir, exp.file))).toBe(true);

      const text = await exec(['--ledger', dir, 'check']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`${exp.file}:${exp.line}:`);
      expect(text.stdout).toContain(exp.code);
      if (exp.contains) expect(text.stdout).toContain(exp.contains);
      expect(hasStackTrace(text.stdout + text.stderr)).toBe(false);

      const json = await exec(['--ledger', dir, 'check', '--format', 'json']);
      expect(json.code).toBe(1);
      const out = JSON.parse(json.stdout) as { schemaVersion: number; problems: { file: string; line: number; code: string; severity: string }[] };
      expect(out.schemaVersion).toBe(1);
      expect(out.problems).toContainEqual(expect.objectContaining({ file: exp.file, line: exp.line, code: exp.code, severity: 'error' }));
    });
  }
});
