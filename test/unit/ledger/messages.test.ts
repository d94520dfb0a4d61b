// Messages that say what is wrong, where, once, in the user's language (issue 13).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runCheck } from '../../../src/commands/check.js';
import { runControl } from '../../../src/commands/control.js';
import { runRecordOpen } from '../../../src/commands/record-open.js';
import { runRecordShow } from '../../../src/commands/record-show.js';
import { runRecordList } from '../../../src/commands/record-list.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const REC = 'records/2026/10/20261002-7k3qzm2a.yaml';
const ACTION = 'actions/20261103-a1b2c3d4.yaml';

function edit(dir: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
}

async function check(dir: string, lang: 'en' | 'es' = 'en') {
  const io = memoryIO({ t: translator(lang), lang });
  await runCheck({ cwd: dir, io, ledger: dir, format: 'json' });
  return JSON.parse(io.stdout.join('')).problems.map((p: Record<string, unknown>) => ({ at: `${p.file}:${p.line}:${p.column}`, code: p.code, message: p.message })) as { at: string; code: string; message: string }[];
}

describe('schema messages', () => {
  it('an action missing `status`: missing required key, at the mapping that lacks it', async () => {
    const dir = copyFixture('minimal');
    edit(dir, ACTION, (s) => s.replace('status: open\n', ''));
    expect(await check(dir)).toEqual([{ at: `${ACTION}:2:1`, code: 'missing-key', message: 'required key "status" is missing' }]);
  });

  it('.nan and .inf are "not a finite number"', async () => {
    const dir = copyFixture('minimal');
    edit(dir, REC, (s) => s.replace('cost: 84.50', 'cost: .nan'));
    expect(await check(dir)).toEqual([{ at: `${REC}:23:7`, code: 'not-finite', message: '.nan is not a finite number' }]);
    edit(dir, REC, (s) => s.replace('cost: .nan', 'cost: -.inf'));
    expect((await check(dir))[0].message).toBe('-.inf is not a finite number');
  });

  it('a misspelled key gives the unknown-key error with its "did you mean", and nothing downstream', async () => {
    const dir = copyFixture('minimal');
    edit(dir, 'services/warranty-repair.yaml', (s) => s.replace('    indicator: resolution_time', '    indicater: resolution_time'));
    const problems = await check(dir);
    expect(problems.map((p) => p.code)).toEqual(['unknown-key']);
    expect(problems[0].message).toBe('unknown key "indicater"');
  });
});

describe('YAML syntax', () => {
  it('a missing `}`: reported once, where the parser can tell, naming the line of the `{`, in Spanish', async () => {
    const dir = copyFixture('minimal');
    edit(dir, REC, (s) => s.replace('survey: { csat: 5, nps: 9, effort: 6, courtesy: 5, comment: "Very kind" }', 'survey: { csat: 5, nps: 9'));
    expect(await check(dir, 'es')).toEqual([
      { at: `${REC}:25:1`, code: 'yaml-unclosed', message: 'el "{" abierto en la línea 24 no se cierra: falta un "}" o una coma antes de este punto' },
    ]);
  });

  it('a NUL byte on line 22 is placed on line 22, inside the line', async () => {
    const dir = copyFixture('minimal');
    edit(dir, REC, (s) => s.replace('parts: [{ ref: BRG-22, qty: 1, cost: 18.40 }]', 'parts: [{ ref: BRG-22, qty: 1, cost: 18.40 }]\0'));
    const [p] = await check(dir);
    expect(p).toEqual({ at: `${REC}:22:46`, code: 'yaml-null-byte', message: 'a NUL character (byte 0) is in the text' });
  });
});

describe('commands', () => {
  it('record open with records/2026/12 a file: says so (exit 2), not "already exists"', async () => {
    const dir = copyFixture('minimal');
    writeFileSync(join(dir, 'records/2026/12'), 'oops');
    const io = memoryIO({ t: translator('en'), now: Date.parse('2026-12-02T10:00:00Z') });
    await expect(runRecordOpen({ cwd: dir, io, ledger: dir, service: 'warranty-repair', set: ['customer=C-9'] }))
      .rejects.toMatchObject({ exitCode: 2, message: 'records/2026/12 is a file where the folder of the month must be; nothing was written' });
  });

  it('record show of a non-UTF-8 file names the line, column and byte offset', async () => {
    const dir = copyFixture('minimal');
    const text = readFileSync(join(dir, REC));
    const at = text.indexOf('Very kind');
    text[at] = 0xe9; // a Latin-1 é
    writeFileSync(join(dir, REC), text);
    const io = memoryIO({ t: translator('en') });
    await expect(runRecordShow({ cwd: dir, io, ledger: dir, id: '20261002' }))
      .rejects.toMatchObject({ exitCode: 2, message: `${REC}:24:62: the file is not UTF-8 text (byte 0xe9 at offset ${at})` });
  });

  for (const [flag, value] of [['period', '0000-01'], ['period', '0000-W01'], ['period', '0001-Q1'], ['asOf', '0000-01-01']] as const) {
    it(`control --${flag === 'asOf' ? 'as-of' : flag} ${value}: usage error naming the accepted years`, async () => {
      const dir = copyFixture('minimal');
      await expect(runControl({ cwd: dir, io: memoryIO({ t: translator('en') }), ledger: dir, [flag]: value }))
        .rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(': the year must be from 1900 to 9999') });
    });
  }

  it('record list --period 0999-01: the same', async () => {
    const dir = copyFixture('minimal');
    await expect(runRecordList({ cwd: dir, io: memoryIO({ t: translator('en') }), ledger: dir, period: '0999-01' }))
      .rejects.toMatchObject({ exitCode: 2, message: '--period 0999-01: the year must be from 1900 to 9999' });
  });
});
