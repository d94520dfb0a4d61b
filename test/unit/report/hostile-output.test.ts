// Human output is safe (issue 13, SPEC §5): a ledger full of hostile values — ESC sequences
// that colour the terminal or set its title, BEL, NUL, CR, LF followed by a GitHub workflow
// command, a right-to-left override — and every command that prints ledger values, in every
// human format (plus github and junit): none of those characters reaches the output raw, no
// line starts with `::` unless it is an annotation we emitted, and the values are still shown
// (escaped), so the test cannot pass by printing nothing.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runCheck } from '../../../src/commands/check.js';
import { runControl } from '../../../src/commands/control.js';
import { runRecordList } from '../../../src/commands/record-list.js';
import { runRecordShow } from '../../../src/commands/record-show.js';
import { runTeamList } from '../../../src/commands/team.js';
import { runTeamPlan } from '../../../src/commands/team-plan.js';
import { runActionList } from '../../../src/commands/action-list.js';
import { runDue } from '../../../src/commands/due.js';
import { runImprove } from '../../../src/commands/improve.js';
import { runStatus } from '../../../src/commands/status.js';
import { safeText } from '../../../src/io/safe-text.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);

/** As YAML double-quoted text: colour, title, bell, CR LF and a workflow command, RLO, NUL. */
const HOSTILE_YAML = '"\\e[31mEVIL\\e]0;pwned\\a\\r\\n::error file=a.yaml,line=1::INJECTED\\u202E\\0end"';
const HOSTILE = '\u001b[31mEVIL\u001b]0;pwned\u0007\r\n::error file=a.yaml,line=1::INJECTED\u202e\u0000end';
const RAW = /[\u0000\u0007\u001b\r\u202e]/;

function hostileLedger(): string {
  const dir = copyFixture('cycle');
  const edit = (file: string, change: (s: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  edit('aftersales.yaml', (s) => s.replace('organisation: Cycle Appliances Ltd', `organisation: ${HOSTILE_YAML}`));
  edit('team.yaml', (s) => s.replace('name: Luis Pérez', `name: ${HOSTILE_YAML}`).replace('name: Field technician', `name: ${HOSTILE_YAML}`));
  edit('services/repair.yaml', (s) => s.replace('name: Home repair', `name: ${HOSTILE_YAML}`)
    .replace('description: Half of the repairs resolved within two days', `description: ${HOSTILE_YAML}`)
    .replace('source: Competitor X public SLA', `source: ${HOSTILE_YAML}`));
  edit('inputs/products.yaml', (s) => s.replace('name: Washing machine WM-300', `name: ${HOSTILE_YAML}`));
  // Every March record: a hostile customer (a group of causes), notes and survey comment; one
  // record file also holds a raw right-to-left override, which YAML allows unescaped.
  const march = join('records', '2026', '03');
  for (const [i, f] of readdirSync(join(dir, march)).sort().entries()) {
    edit(join(march, f), (s) => s.replace(/^customer: .*$/m, `customer: ${HOSTILE_YAML}`).replace('survey: { csat: 5 }', `survey: { csat: 5, comment: ${HOSTILE_YAML} }`)
      + `notes: ${i === 0 ? 'raw \u202e override' : HOSTILE_YAML}\n`);
  }
  writeFileSync(join(dir, 'suggestions.yaml'), `suggestions:\n  - id: hostile\n    indicators: [resolution_time, csat]\n    type: corrective\n    title: ${HOSTILE_YAML}\n    plan: ${HOSTILE_YAML}\n`);
  mkdirSync(join(dir, 'actions'), { recursive: true });
  writeFileSync(join(dir, 'actions', '20260405-hhhhhhhh.yaml'), `id: 20260405-hhhhhhhh\ntype: corrective\ntitle: ${HOSTILE_YAML}\nservice: repair\nrequirement: csat\nopened: 2026-04-05\nowner: marta\ndue: 2026-04-20\nstatus: open\n`);
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every command's options differ
type Run = (ctx: any) => Promise<unknown>;
const AS_OF = '2026-04-05T10:00:00+02:00';

describe('no ledger value reaches a terminal or a CI log raw', () => {
  const dir = hostileLedger();
  const cases: [string, Run, Record<string, unknown>][] = [
    ['control table', runControl as Run, { asOf: AS_OF, failOn: 'never' }],
    ['control table --lang es', runControl as Run, { asOf: AS_OF, failOn: 'never', lang: 'es' }],
    ['control markdown', runControl as Run, { asOf: AS_OF, failOn: 'never', format: 'markdown' }],
    ['control github', runControl as Run, { asOf: AS_OF, failOn: 'never', format: 'github' }],
    ['control junit', runControl as Run, { asOf: AS_OF, failOn: 'never', format: 'junit' }],
    ['record list', runRecordList as Run, {}],
    ['record show', runRecordShow as Run, { id: '20260302' }],
    ['team list', runTeamList as Run, { asOf: '2026-04-05' }],
    ['team plan', runTeamPlan as Run, { asOf: '2026-04-05' }],
    ['action list', runActionList as Run, { asOf: '2026-04-05' }],
    ['due', runDue as Run, { asOf: '2026-04-05', within: '3650d' }],
    ['improve', runImprove as Run, { asOf: '2026-09-02', periods: '1', minN: '1' }],
    ['status', runStatus as Run, { asOf: '2026-04-05' }],
  ];
  const outputs: Record<string, string> = {};
  for (const [name, run, opts] of cases) {
    it(name, async () => {
      const lang = (opts.lang as 'en' | 'es') ?? 'en';
      const io = memoryIO({ t: translator(lang), lang, now: Date.parse('2026-04-05T08:00:00Z') });
      try {
        await run({ cwd: dir, io, ledger: dir, ...opts });
      } catch (e) {
        io.err([String((e as Error).message), ...((e as { details?: string[] }).details ?? [])].join('\n'));
      }
      const out = io.stdout.join('') + io.stderr.join('');
      outputs[name] = out;
      expect(out, 'a raw control or bidi character').not.toMatch(RAW);
      const workflow = out.split('\n').filter((l) => l.startsWith('::'));
      if (name === 'control github') expect(workflow.every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
      else expect(workflow).toEqual([]);
      expect(out).not.toContain('\n::error file=a.yaml');
    });
  }

  it('the values are shown, escaped, where people read them', () => {
    const shown = safeText(HOSTILE); // \u001b[31mEVIL\u001b]0;pwned\u0007\r\n::error … \u202e\u0000end
    expect(shown).toBe('\\u001b[31mEVIL\\u001b]0;pwned\\u0007\\r\\n::error file=a.yaml,line=1::INJECTED\\u202e\\u0000end');
    for (const name of ['control table', 'control markdown', 'record list', 'team list', 'action list']) {
      expect(outputs[name], name).toMatch(/\\{1,2}u001b\\?\[31mEVIL/); // markdown also escapes \ and [
    }
    expect(outputs['record show']).toContain('raw \\u202e override');
  });
});

describe('check: message and excerpt', () => {
  it('a hostile value in a bad field is quoted escaped, and the excerpt line too', async () => {
    const dir = copyFixture('cycle');
    const file = join(dir, 'records/2026/03/20260302-cy0300zz.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('channel: phone', `channel: ${HOSTILE_YAML}`).replace('customer: C-1', 'customer: "raw \u202e"'));
    for (const format of ['text', 'github', 'json']) {
      const io = memoryIO({ t: translator('en') });
      await runCheck({ cwd: dir, io, ledger: dir, format });
      const out = io.stdout.join('');
      expect(out, format).not.toMatch(RAW);
      expect(out.split('\n').filter((l) => l.startsWith('::') && !/^::(error|warning) file=records/.test(l))).toEqual([]);
      if (format === 'text') expect(out).toContain('"\\u001b[31mEVIL'); // the message quotes it, escaped
    }
  });
});
