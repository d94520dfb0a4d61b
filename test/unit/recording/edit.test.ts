// Edits of record files: a change made by someone else between reading and writing is never
// overwritten; missing parents are created; removing a key that is not there is a no-op; the
// progress bar is drawn only when allowed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { applyEdits, commitEdits } from '../../../src/recording/edit-record.js';
import { openRecord } from '../../../src/recording/read-record.js';
import { openPlan } from '../../../src/recording/plan.js';
import { progressBar } from '../../../src/io/progress.js';
import { resolveRecord } from '../../../src/recording/resolve.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');

describe('record edits', () => {
  it('an edit of a file changed meanwhile keeps their change and applies ours', async () => {
    const dir = copyFixture('minimal');
    const io = memoryIO({ t });
    const plan = openPlan({ cwd: dir, io, ledger: dir });
    const ref = resolveRecord(dir, 'q2m8', t);
    const record = await openRecord(dir, ref, io);
    const theirs = `${record.text}notes: added by a colleague\n`;
    writeFileSync(join(dir, ref.path), theirs);
    commitEdits(plan, record, [{ path: ['visits'], value: 3 }], io);
    // ours is applied to the file as it is now (under its lock), theirs is kept
    expect(readFileSync(join(dir, ref.path), 'utf8')).toBe(applyEdits(theirs, [{ path: ['visits'], value: 3 }]));
    expect(readFileSync(join(dir, ref.path), 'utf8')).toContain('notes: added by a colleague\n');
  });

  it('create missing parents and ignore removals of absent keys', () => {
    const text = 'id: x\nsteps: { a: done }\n';
    expect(applyEdits(text, [{ path: ['steps', 'b'], value: 'n/a' }, { path: ['cause', 'category'], value: 'method' }, { path: ['notes'], value: null }]))
      .toBe('id: x\nsteps: { a: done, b: n/a }\ncause:\n  category: method\n');
  });

  it('draw no progress bar unless io.progress', async () => {
    const io = memoryIO({ t });
    const bar = await progressBar(io, 10, 'x');
    bar.tick();
    bar.stop();
    expect(io.stderr).toEqual([]);
  });
});
