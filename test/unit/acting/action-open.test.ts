// `action open` on a terminal, answered by a script: what is asked, in which order, with which
// defaults (pre-filled from the deviation), and the file written (which must pass `check`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { scriptedPrompter } from '../../../src/io/prompt.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { allProblems } from '../../../src/ledger/checks.js';
import { runActionOpen } from '../../../src/commands/action-open.js';
import { setTopLevelAfter } from '../../../src/acting/action-file.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const NOW = Date.parse('2026-04-05T08:00:00Z'); // 10:00 in Madrid

function actionAt(dir: string, file: string): Record<string, unknown> {
  return jsyaml.load(readFileSync(join(dir, file), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
}
const problems = (dir: string) => allProblems(loadLedger(dir, { cache: false })).map((p) => `${p.file}: ${p.code}`);

describe('action open on a terminal', () => {
  it('from a deviation: asks the 5 whys, the 6M category, the root cause and the due date, offering the pre-filled answers', async () => {
    const dir = copyFixture('cycle');
    const prompter = scriptedPrompter([
      undefined, // title: the deviation's
      undefined, // owner: the responsible (marta)
      true, // use the suggested plan
      'Repairs waited for parts', 'Stock of BRG-22 ran out', 'Reorder point too low', '', // whys, then done
      'material', // 6M
      undefined, // root cause: the last why
      undefined, // due: 30 days later
    ]);
    const io = memoryIO({ t, prompter, now: NOW });
    const { id, file } = await runActionOpen({ cwd: dir, io, ledger: dir, deviation: ['repair/resolution-time/2026-03'] });
    expect(prompter.asked).toEqual([
      'Title: what will be done',
      'Owner (person or role: ana, luis, marta, service-manager, technician)',
      'Use the suggested plan?',
      'Why 1/5: why did "Bring resolution-time of repair back on target (missed in 2026-03)" happen? (empty when the root is reached)',
      'Why 2/5: why did "Repairs waited for parts" happen? (empty when the root is reached)',
      'Why 3/5: why did "Stock of BRG-22 ran out" happen? (empty when the root is reached)',
      'Why 4/5: why did "Reorder point too low" happen? (empty when the root is reached)',
      '6M category of the root cause',
      'Root cause (empty to skip)',
      'Due date (YYYY-MM-DD)',
    ]);
    expect(io.stdout.join('')).toBe(`${id}\n`);
    expect(io.stderr.join('')).toContain('Suggested plan:');
    const data = actionAt(dir, file);
    expect(data).toMatchObject({
      id, type: 'corrective', title: 'Bring resolution-time of repair back on target (missed in 2026-03)',
      service: 'repair', requirement: 'resolution-time', deviation: 'repair/resolution-time/2026-03',
      opened: '2026-04-05', owner: 'marta', due: '2026-05-05',
      analysis: { category: 'material', whys: ['Repairs waited for parts', 'Stock of BRG-22 ran out', 'Reorder point too low'], root_cause: 'Reorder point too low' },
      status: 'open', verification: { after: '2026-05-05' },
    });
    // the plan written is the suggested plan shown (accepted): one "title: plan" line per suggestion
    const shown = io.stderr.join('').split('Suggested plan:\n')[1].split('\n').filter((l) => l.startsWith('  ')).map((l) => l.slice(2));
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.every((l) => /^[^:]+: .+/.test(l))).toBe(true);
    expect(data.plan).toBe(shown.join('\n'));
    expect(readFileSync(join(dir, file), 'utf8').startsWith('# yaml-language-server: $schema=../.aftersales/schema/action.json\n')).toBe(true);
    expect(problems(dir)).toEqual([]);
  });

  it('without a deviation: asks type, service, requirement, title, owner and plan too; flags are not asked again', async () => {
    const dir = copyFixture('cycle');
    const prompter = scriptedPrompter([
      'preventive', 'repair', 'csat', 'Call back every unhappy customer', undefined /* owner: marta */, 'Daily call-back list',
      '', // no whys
      '', // no 6M category
      '', // no root cause
      '2026-04-30',
    ]);
    const io = memoryIO({ t, prompter, now: NOW });
    const { file } = await runActionOpen({ cwd: dir, io, ledger: dir });
    expect(prompter.asked.slice(0, 6)).toEqual(['Type of action', 'Service', 'Requirement', 'Title: what will be done', 'Owner (person or role: ana, luis, marta, service-manager, technician)', 'Plan (empty to skip)']);
    expect(actionAt(dir, file)).toEqual({
      id: file.slice(8, -5), type: 'preventive', title: 'Call back every unhappy customer', service: 'repair', requirement: 'csat',
      opened: '2026-04-05', owner: 'marta', due: '2026-04-30', plan: 'Daily call-back list', status: 'open', verification: { after: '2026-04-30' },
    });

    const p2 = scriptedPrompter([undefined /* category: first */, 'x', '2026-04-30']);
    const io2 = memoryIO({ t, prompter: p2, now: NOW });
    await runActionOpen({ cwd: dir, io: io2, ledger: dir, type: 'corrective', service: 'repair', requirement: 'csat', title: 'T', owner: 'ana', plan: 'P', why: ['w'] });
    expect(p2.asked).toEqual(['6M category of the root cause', 'Root cause (empty to skip)', 'Due date (YYYY-MM-DD)']);
    expect(problems(dir)).toEqual([]);
  });

  it('--yes asks nothing even on a terminal', async () => {
    const dir = copyFixture('cycle');
    const prompter = scriptedPrompter([]);
    const io = { ...memoryIO({ t, prompter, now: NOW }) };
    const { file } = await runActionOpen({ cwd: dir, io, ledger: dir, deviation: 'repair/csat/2026-03', yes: true });
    expect(prompter.asked).toEqual([]);
    expect(actionAt(dir, file)).toMatchObject({ type: 'corrective', owner: 'marta', due: '2026-05-05' });
  });
});

describe('setTopLevelAfter', () => {
  it('puts a new key on the line after another, keeping every other byte', () => {
    const text = '# head\nid: x\nstatus: done   # note\nverification:\n  after: 2026-01-01\n';
    expect(setTopLevelAfter(text, 'status', 'closed', '2026-02-01')).toBe('# head\nid: x\nstatus: done   # note\nclosed: 2026-02-01\nverification:\n  after: 2026-01-01\n');
    expect(setTopLevelAfter('id: x\nstatus: done', 'status', 'closed', '2026-02-01')).toBe('id: x\nstatus: done\nclosed: 2026-02-01\n');
    expect(setTopLevelAfter('id: x\r\nstatus: done\r\n', 'status', 'closed', '2026-02-01')).toBe('id: x\r\nstatus: done\r\nclosed: 2026-02-01\r\n');
    // an existing key is replaced in place
    expect(setTopLevelAfter('status: done\nclosed: 2026-01-01 # c\n', 'status', 'closed', '2026-02-01')).toBe('status: done\nclosed: 2026-02-01 # c\n');
  });
});
