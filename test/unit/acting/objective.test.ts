// An action on a missed strategic objective (`*/<objective>/<period>`): no service, no
// responsible (the owner must be given), verified by measuring the objective over all services.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { memoryIO } from '../../../src/io/io.js';
import { runActionOpen } from '../../../src/commands/action-open.js';
import { runActionClose } from '../../../src/commands/action-close.js';
import { runActionVerify } from '../../../src/commands/action-verify.js';
import { cleanup, copyFixture } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');

describe('an action on a strategic objective', () => {
  it('is opened from the objective deviation and verified on the objective', async () => {
    const dir = copyFixture('cycle');
    // csat over all services: 2026-03 50% (missed), 2026-05 70% (met)
    appendFileSync(join(dir, 'aftersales.yaml'), 'objectives:\n  - id: csat-all\n    indicator: csat\n    target: { min: 65% }\n');
    const io = memoryIO({ t, now: Date.parse('2026-04-05T10:00:00Z') });
    await expect(runActionOpen({ cwd: dir, io, ledger: dir, deviation: '*/csat-all/2026-03', yes: true })).rejects.toThrow('missing answers: --owner ID');
    const { id, file } = await runActionOpen({ cwd: dir, io, ledger: dir, deviation: '*/csat-all/2026-03', yes: true, owner: 'marta', due: '2026-04-20' });
    const data = jsyaml.load(readFileSync(join(dir, file), 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
    expect(data).toMatchObject({ deviation: '*/csat-all/2026-03', title: 'Meet the quality objective csat-all again (missed in 2026-03)', owner: 'marta' });
    expect(data.service).toBeUndefined();
    await runActionClose({ cwd: dir, io, ledger: dir, id, date: '2026-04-19' });
    const { outcomes } = await runActionVerify({ cwd: dir, io, ledger: dir, id, asOf: '2026-06-01' });
    expect(outcomes).toEqual([{ id, kind: 'verified', period: '2026-05', value: 0.7, result: 'effective' }]);
    expect(io.stdout.at(-1)).toBe(`${id}: */csat-all in 2026-05 = 70% (n=10), target ≥ 65%: effective → verified\n`);
  });
});
