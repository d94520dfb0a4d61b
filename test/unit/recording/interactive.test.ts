// The questions of `record` and `record close` on a terminal, answered by a script: what is
// asked, in which order, and the files written (which must pass `check`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { scriptedPrompter } from '../../../src/io/prompt.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { allProblems } from '../../../src/ledger/checks.js';
import { runRecordOpen } from '../../../src/commands/record-open.js';
import { runRecordClose } from '../../../src/commands/record-close.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');
const NOW = Date.parse('2026-11-20T08:30:00Z'); // 09:30 in Madrid

function recordAt(dir: string, id: string): Record<string, unknown> {
  const path = join(dir, 'records', id.slice(0, 4), id.slice(4, 6), `${id}.yaml`);
  return jsyaml.load(readFileSync(path, 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
}

function clean(dir: string) {
  return allProblems(loadLedger(dir, { cache: false })).map((p) => `${p.file}: ${p.code}`);
}

describe('record (open) on a terminal', () => {
  it('asks for service, customer, product, serial, sale date, channel, priority, assignee, opened', async () => {
    const dir = copyFixture('minimal');
    const prompter = scriptedPrompter([
      'warranty-repair', // service
      'C-3003', // customer
      'wm-300', // product
      'SN-1', // serial
      '2025-06-01', // sold (a warranty service)
      undefined, // channel: default, the service's first need channel (phone)
      'high', // priority
      (m: string) => (m === 'Assignee' ? 'ana' : 'wrong question'), // assignee
      undefined, // opened: default now
    ]);
    const io = memoryIO({ t, prompter, now: NOW });
    const { ids } = await runRecordOpen({ cwd: dir, io, ledger: dir });
    expect(prompter.asked).toEqual([
      'Service', 'Customer (empty to skip)', 'Product', 'Serial number of the unit (empty to skip)',
      'Sale date of the unit, YYYY-MM-DD (empty if unknown)', 'Channel the need came through', 'Priority', 'Assignee', 'Opened at',
    ]);
    expect(io.stdout.join('')).toBe(`${ids[0]}\n`);
    expect(ids[0]).toMatch(/^20261120-[0-9a-z]{8}$/);
    expect(recordAt(dir, ids[0])).toEqual({
      id: ids[0], service: 'warranty-repair', procedure: 'warranty-repair@2', opened: '2026-11-20T09:30:00+01:00',
      channel: 'phone', priority: 'high', customer: 'C-3003', product: 'wm-300', serial: 'SN-1', sold: '2025-06-01', assignee: 'ana',
    });
    expect(clean(dir)).toEqual([]);
  });

  it('asks nothing that --set gave, and offers only people holding the procedure roles', async () => {
    const dir = copyFixture('minimal');
    let offered: string[] = [];
    const prompter = scriptedPrompter(['', undefined, '', '', undefined, undefined, undefined]);
    const select = prompter.select.bind(prompter);
    prompter.select = async (q) => {
      if (q.message === 'Assignee') offered = q.choices.map((c) => String(c.value));
      return select(q);
    };
    const io = memoryIO({ t, prompter, now: NOW });
    await runRecordOpen({ cwd: dir, io, ledger: dir, service: 'warranty-repair', set: ['customer=C-9', 'serial=SN-9'] });
    expect(prompter.asked).not.toContain('Customer (empty to skip)');
    expect(prompter.asked).not.toContain('Service');
    expect(offered).toEqual(['', 'ana']); // (none) and the technician; marta is a manager
  });
});

describe('record close on a terminal', () => {
  it('asks the step checklist, the captures of done steps, outcome, closed, visits, cost and survey', async () => {
    const dir = copyFixture('minimal');
    const prompter = scriptedPrompter([
      'done', 'done', 'n/a', // diagnose, repair, handover-training
      'material', 'worn bearing', // cause (captured by diagnose)
      'BRG-22', '1', '18,40', '', // parts (captured by repair): one part, then done
      'resolved', // outcome
      '2026-11-04T16:30:00+01:00', // closed
      '2', // visits
      '84.50', // cost
      true, '5', '4', 'Very kind', // survey: csat, courtesy (measured by the service), comment
    ]);
    const io = memoryIO({ t, prompter, now: NOW });
    await runRecordClose({ cwd: dir, io, ledger: dir, id: 'q2m8' });
    expect(prompter.asked.slice(0, 3)).toEqual([
      'Step: Diagnose the fault (mandatory)', 'Step: Repair or replace the part (mandatory)', 'Step: Show the customer how to use the product',
    ]);
    expect(prompter.asked).toContain('Did the customer answer the survey (csat, courtesy)?');
    const r = recordAt(dir, '20261102-q2m8w1zd');
    expect(r).toMatchObject({
      closed: '2026-11-04T16:30:00+01:00', outcome: 'resolved', visits: 2, cost: 84.5,
      steps: { diagnose: 'done', repair: 'done', 'handover-training': 'n/a' },
      cause: { category: 'material', detail: 'worn bearing' },
      parts: [{ ref: 'BRG-22', qty: 1, cost: 18.4 }],
      survey: { csat: 5, courtesy: 4, comment: 'Very kind' },
    });
    expect(io.stderr.join('')).toBe(''); // complete: no warning
    expect(clean(dir)).toEqual([]);
    // the file kept its first lines byte for byte
    const text = readFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'utf8');
    expect(text.startsWith(readFileSync(join(__dirname, '../../fixtures/ledgers/minimal/records/2026/11/20261102-q2m8w1zd.yaml'), 'utf8'))).toBe(true);
  });

  it('flags answer questions: only what is missing is asked', async () => {
    const dir = copyFixture('minimal');
    const prompter = scriptedPrompter([undefined, '', '', '', false]);
    const io = memoryIO({ t, prompter, now: NOW });
    await runRecordClose({
      cwd: dir, io, ledger: dir, id: '20261102-q2m8w1zd', outcome: 'no-fault-found',
      step: ['diagnose=done', 'repair=skipped', 'handover-training=n/a'], set: ['cause.category=method'],
    });
    expect(prompter.asked).toEqual([
      'Closed at', 'Visits or contacts needed (empty to skip)', 'Part 1: reference (empty when done)',
      'Total cost (empty to skip)', 'Did the customer answer the survey (csat, courtesy)?',
    ]);
    expect(recordAt(dir, '20261102-q2m8w1zd')).toMatchObject({ outcome: 'no-fault-found', closed: '2026-11-20T09:30:00+01:00', cause: { category: 'method' } });
  });

  it('without a terminal a missing --outcome is exit 2 naming it, and nothing changes', async () => {
    const dir = copyFixture('minimal');
    const before = readFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'utf8');
    const io = memoryIO({ t, now: NOW });
    await expect(runRecordClose({ cwd: dir, io, ledger: dir, id: 'q2m8' })).rejects.toMatchObject({ exitCode: 2, message: 'missing answers: --outcome O' });
    expect(readFileSync(join(dir, 'records/2026/11/20261102-q2m8w1zd.yaml'), 'utf8')).toBe(before);
  });
});

describe('record close leaves steps unanswered until answered, and warns (issue 13, SPEC §1.6)', () => {
  it('on a terminal, Enter on every step answers nothing: no step is marked, and a warning names the mandatory ones', async () => {
    const dir = copyFixture('minimal');
    // Enter (the first choice) on the three steps, then the outcome, closed and the rest
    const prompter = scriptedPrompter([undefined, undefined, undefined, 'resolved', '2026-11-04T16:30:00+01:00', '', undefined, '', '', false]);
    const io = memoryIO({ t, prompter, now: NOW });
    await runRecordClose({ cwd: dir, io, ledger: dir, id: 'q2m8' });
    const r = recordAt(dir, '20261102-q2m8w1zd');
    expect(r.steps).toBeUndefined();
    expect(r.outcome).toBe('resolved');
    expect(io.stderr.join('')).toContain('warning: 20261102-q2m8w1zd is closed with mandatory steps not marked done: diagnose, repair;');
  });

  it('without a terminal and without --step: closed (exit 0) with the same warning', async () => {
    const dir = copyFixture('minimal');
    const io = memoryIO({ t, now: NOW });
    const r = await runRecordClose({ cwd: dir, io, ledger: dir, id: 'q2m8', outcome: 'resolved', closed: '2026-11-04T16:30:00+01:00' });
    expect(r.exitCode).toBe(0);
    expect(recordAt(dir, '20261102-q2m8w1zd').closed).toBe('2026-11-04T16:30:00+01:00');
    expect(io.stderr.join('')).toContain('warning: 20261102-q2m8w1zd is closed with mandatory steps not marked done: diagnose, repair;');
  });
});
