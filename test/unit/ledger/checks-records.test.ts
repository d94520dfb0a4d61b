// The record checks of crossChecks (ids, file names, folders, procedure references, dates,
// completeness) and the shared missing-fields memo, on in-memory variants of the minimal ledger.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadLedger, type Ledger, type LedgerFile } from '../../../src/ledger/load.js';
import { crossChecks } from '../../../src/ledger/checks.js';
import { missingFields, missingFieldsMemo } from '../../../src/ledger/completeness.js';
import { recordInstants } from '../../../src/ledger/instants.js';
import type { PendingProblem } from '../../../src/ledger/problems.js';
import type { Procedure, RecordData } from '../../../src/ledger/schema.js';
import { FIXTURES } from '../../helpers/run.js';

/** The minimal ledger (read, never written) with its records replaced by `records`. */
function ledgerWith(records: { path: string; data: Partial<RecordData> }[]): Ledger {
  const l = loadLedger(join(FIXTURES, 'ledgers', 'minimal'), { cache: false });
  const template = l.records[0].data!;
  l.records = records.map(({ path, data }) => ({
    path,
    kind: 'record',
    data: { ...structuredClone(template), ...data } as RecordData,
    problems: [],
  })) as LedgerFile<RecordData>[];
  return l;
}

/** A closed, complete record opened on 2026-10-02 (Madrid), filed where it belongs. */
function rec(id: string, data: Partial<RecordData> = {}, path = `records/2026/10/${id}.yaml`) {
  return { path, data: { id, ...data } };
}

const brief = (ps: PendingProblem[]) => ps.map((p): [string, string, string, unknown] => [p.file, p.path.join('.'), p.code, p.params]);

describe('crossChecks on records', () => {
  it('finds nothing wrong in well-formed records', () => {
    const l = ledgerWith([rec('20261002-aaaaaaaa'), rec('20261002-bbbbbbbb'), rec('20261002-cccccccc')]);
    expect(crossChecks(l)).toEqual([]);
  });

  it('reports each repeated id against its first file, ids ascending or not', () => {
    // ascending file order: the repeats are found without a map, then with one
    const ascending = ledgerWith([
      rec('20261002-aaaaaaaa'),
      rec('20261002-bbbbbbbb'),
      rec('20261002-aaaaaaaa', {}, 'records/2026/10/20261002-cccccccc.yaml'),
      rec('20261002-bbbbbbbb', {}, 'records/2026/10/20261002-dddddddd.yaml'),
      rec('20261002-aaaaaaaa', {}, 'records/2026/10/20261002-eeeeeeee.yaml'),
      rec('20261002-ffffffff'),
    ]);
    expect(brief(crossChecks(ascending)).filter((p) => p[2] === 'duplicate-id')).toEqual([
      ['records/2026/10/20261002-cccccccc.yaml', 'id', 'duplicate-id', { id: '20261002-aaaaaaaa', first: 'records/2026/10/20261002-aaaaaaaa.yaml' }],
      ['records/2026/10/20261002-dddddddd.yaml', 'id', 'duplicate-id', { id: '20261002-bbbbbbbb', first: 'records/2026/10/20261002-bbbbbbbb.yaml' }],
      ['records/2026/10/20261002-eeeeeeee.yaml', 'id', 'duplicate-id', { id: '20261002-aaaaaaaa', first: 'records/2026/10/20261002-aaaaaaaa.yaml' }],
    ]);
    // ids out of order before the first repeat
    const shuffled = ledgerWith([
      rec('20261002-cccccccc'),
      rec('20261002-aaaaaaaa'),
      rec('20261002-bbbbbbbb'),
      rec('20261002-cccccccc', {}, 'records/2026/10/x.yaml'),
      rec('20261002-aaaaaaaa', {}, 'records/2026/10/y.yaml'),
    ]);
    expect(brief(crossChecks(shuffled)).filter((p) => p[2] === 'duplicate-id')).toEqual([
      ['records/2026/10/x.yaml', 'id', 'duplicate-id', { id: '20261002-cccccccc', first: 'records/2026/10/20261002-cccccccc.yaml' }],
      ['records/2026/10/y.yaml', 'id', 'duplicate-id', { id: '20261002-aaaaaaaa', first: 'records/2026/10/20261002-aaaaaaaa.yaml' }],
    ]);
  });

  it('compares the id with the file name, with or without .yaml/.yml', () => {
    const l = ledgerWith([
      rec('20261002-aaaaaaaa', {}, 'records/2026/10/20261002-aaaaaaaa.yml'),
      rec('20261002-bbbbbbbb', {}, 'records/2026/10/20261002-bbbbbbbb'),
      rec('20261002-cccccccc', {}, 'records/2026/10/20261002-cccccccd.yaml'),
      rec('20261002-dddddddd', {}, 'records/2026/10/x20261002-dddddddd.yaml'),
      rec('20261002-eeeeeeee', {}, 'records/2026/10/20261002-eeeeeee.yaml'),
    ]);
    expect(brief(crossChecks(l)).filter((p) => p[2] === 'id-file-mismatch').map((p) => p[0])).toEqual([
      'records/2026/10/20261002-cccccccd.yaml',
      'records/2026/10/x20261002-dddddddd.yaml',
      'records/2026/10/20261002-eeeeeee.yaml',
    ]);
  });

  it('finds an id that is not its file name exactly when the file name says so', () => {
    // reference: the file name after the last `/`, without .yaml or .yml
    const fileBase = (path: string) => {
      const name = path.slice(path.lastIndexOf('/') + 1);
      return name.endsWith('.yaml') ? name.slice(0, -5) : name.endsWith('.yml') ? name.slice(0, -4) : name;
    };
    const l = ledgerWith([rec('20261002-aaaaaaaa')]);
    const file = l.records[0];
    const piece = fc.constantFrom('20261002-aaaaaaaa', '20261002-aaaaaaa', 'a', '/', '.yaml', '.yml', '.yam', 'records/2026/10/', '');
    const text = fc.array(piece, { maxLength: 4 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, text, (id, path) => {
        file.path = path;
        file.data!.id = id;
        const flagged = crossChecks(l).some((p) => p.code === 'id-file-mismatch');
        expect(flagged, `${id} in ${path}`).toBe(fileBase(path) !== id);
      }),
      { numRuns: 1500 },
    );
  });

  it('checks folder and id date against the local date opened', () => {
    // 23:30 UTC on 31 October is 00:30 on 1 November in Madrid
    const opened = '2026-10-31T23:30:00Z';
    const l = ledgerWith([
      rec('20261101-aaaaaaaa', { opened }, 'records/2026/11/20261101-aaaaaaaa.yaml'),
      rec('20261031-bbbbbbbb', { opened }, 'records/2026/10/20261031-bbbbbbbb.yaml'),
      rec('20261101-cccccccc', { opened }, 'records/2026/1/20261101-cccccccc.yaml'),
      rec('legacy-1', { opened }, 'records/2026/11/legacy-1.yaml'),
      rec('20261101-dddddddd', { opened }, 'records/20261101-dddddddd.yaml'),
    ]);
    const placed = brief(crossChecks(l)).filter((p) => p[2] === 'wrong-folder' || p[2] === 'id-date-mismatch');
    expect(placed).toEqual([
      ['records/2026/10/20261031-bbbbbbbb.yaml', 'opened', 'wrong-folder', { folder: 'records/2026/11/', opened }],
      ['records/2026/10/20261031-bbbbbbbb.yaml', 'id', 'id-date-mismatch', { id: '20261031-bbbbbbbb', date: '2026-11-01' }],
      ['records/2026/1/20261101-cccccccc.yaml', 'opened', 'wrong-folder', { folder: 'records/2026/11/', opened }],
      ['records/20261101-dddddddd.yaml', 'opened', 'wrong-folder', { folder: 'records/2026/11/', opened }],
    ]);
  });

  it('resolves each procedure reference for every record that uses it', () => {
    const l = ledgerWith([
      rec('20261002-aaaaaaaa', { procedure: 'warranty-repair@1', steps: { diagnose: 'done', nope: 'done' } }),
      rec('20261002-bbbbbbbb', { procedure: 'warranty-repair@2', steps: { diagnose: 'done', diagnoze: 'done', repair: 'done' } }),
      rec('20261002-cccccccc', { procedure: 'warranty-repair@3' }),
      rec('20261002-dddddddd', { procedure: 'warranty-repair@2', steps: { diagnoze: 'done' } }),
      rec('20261002-eeeeeeee', { procedure: 'warranty-repairs@2' }),
      rec('20261002-ffffffff', { procedure: 'warranty-repair@0' }),
      rec('20261002-gggggggg', { procedure: 'warranty-repair@3' }),
    ]);
    const problems = brief(crossChecks(l)).filter((p) => p[2] !== 'incomplete-record');
    expect(problems).toEqual([
      ['records/2026/10/20261002-bbbbbbbb.yaml', 'steps.diagnoze', 'unknown-step', { value: 'diagnoze', procedure: 'warranty-repair@2', suggestion: 'diagnose' }],
      ['records/2026/10/20261002-cccccccc.yaml', 'procedure', 'procedure-version', { value: 'warranty-repair@3', current: 2 }],
      ['records/2026/10/20261002-dddddddd.yaml', 'steps.diagnoze', 'unknown-step', { value: 'diagnoze', procedure: 'warranty-repair@2', suggestion: 'diagnose' }],
      ['records/2026/10/20261002-eeeeeeee.yaml', 'procedure', 'unknown-procedure', { value: 'warranty-repairs', suggestion: 'warranty-repair', known: 'warranty-repair' }],
      ['records/2026/10/20261002-ffffffff.yaml', 'procedure', 'procedure-version', { value: 'warranty-repair@0', current: 2 }],
      ['records/2026/10/20261002-gggggggg.yaml', 'procedure', 'procedure-version', { value: 'warranty-repair@3', current: 2 }],
    ]);
  });

  it('checks date order and pauses', () => {
    const l = ledgerWith([
      rec('20261002-aaaaaaaa', {
        responded: '2026-10-02T09:00:00+02:00',
        closed: '2026-10-02T08:00:00+02:00',
        paused: [
          { from: '2026-10-02T12:00:00+02:00', to: '2026-10-02T11:00:00+02:00' },
          { from: '2026-10-01T12:00:00+02:00', to: '2026-10-02T11:00:00+02:00' },
        ],
      }),
      rec('20261002-bbbbbbbb', { paused: [{ from: '2026-10-03T09:00', to: '2026-10-05T09:00' }] }),
    ]);
    expect(brief(crossChecks(l)).map((p) => [p[0].slice(-13, -5), p[1], p[2]])).toEqual([
      ['aaaaaaaa', 'responded', 'date-order'],
      ['aaaaaaaa', 'closed', 'date-order'],
      ['aaaaaaaa', 'paused.0.to', 'date-order'],
      ['aaaaaaaa', 'paused.1', 'pause-outside'],
      ['bbbbbbbb', 'paused.0', 'pause-outside'],
    ]);
  });

  it('warns about closed records missing fields, and not about cancelled or open ones', () => {
    const l = ledgerWith([
      rec('20261002-aaaaaaaa', { assignee: undefined, parts: undefined }),
      rec('20261002-bbbbbbbb', { assignee: undefined, outcome: 'cancelled' }),
      rec('20261002-cccccccc', { assignee: undefined, closed: undefined, outcome: undefined }),
    ]);
    for (const f of l.records) for (const k of Object.keys(f.data!)) if ((f.data as Record<string, unknown>)[k] === undefined) delete (f.data as Record<string, unknown>)[k];
    expect(brief(crossChecks(l))).toEqual([
      ['records/2026/10/20261002-aaaaaaaa.yaml', 'closed', 'incomplete-record', { fields: 'assignee, parts' }],
    ]);
  });
});

describe('missingFieldsMemo', () => {
  const procedureOf = (l: Ledger): Procedure => l.procedures[0].data!;

  it('gives what missingFields gives, computed once per record', () => {
    const l = ledgerWith([rec('20261002-aaaaaaaa'), rec('20261002-bbbbbbbb')]);
    const [a, b] = l.records.map((f) => f.data!);
    delete a.assignee;
    delete a.parts;
    const proc = procedureOf(l);
    const first = missingFieldsMemo(a, proc);
    expect(first).toEqual(missingFields(a, proc));
    expect(first).toEqual(['assignee', 'parts']);
    expect(missingFieldsMemo(a, proc)).toBe(first);
    expect(missingFieldsMemo(b, proc)).toEqual([]);
    expect(missingFields(b, proc)).toEqual([]);
  });

  it('recomputes for another procedure object, or none', () => {
    const l = ledgerWith([rec('20261002-aaaaaaaa')]);
    const r = l.records[0].data!;
    delete r.cause;
    const proc = procedureOf(l);
    expect(missingFieldsMemo(r, proc)).toEqual(['cause']);
    const other: Procedure = { ...proc, steps: proc.steps.map((s) => ({ ...s, captures: s.id === 'repair' ? ['serial', 'cost', 'survey'] : [] })) };
    expect(missingFieldsMemo(r, other)).toEqual([]);
    expect(missingFieldsMemo(r, undefined)).toEqual([]);
    expect(missingFieldsMemo(r, proc)).toEqual(['cause']);
  });

  it('is filled by crossChecks, so the quality engine asking again reuses it', () => {
    const l = ledgerWith([rec('20261002-aaaaaaaa')]);
    const r = l.records[0].data!;
    delete r.parts;
    const proc = procedureOf(l);
    expect(crossChecks(l).map((p) => p.params)).toEqual([{ fields: 'parts' }]);
    // A record is not to change once read; changing it here shows the list comes from the memo.
    r.parts = [{ ref: 'BRG-22' }];
    expect(missingFields(r, proc)).toEqual([]);
    expect(missingFieldsMemo(r, proc)).toEqual(['parts']);
  });

  it('shares the memo entry with the record instants', () => {
    const l = ledgerWith([rec('20261002-aaaaaaaa')]);
    const r = l.records[0].data!;
    const proc = procedureOf(l);
    expect(missingFieldsMemo(r, proc)).toEqual([]);
    const at = recordInstants(r, 'Europe/Madrid');
    expect(at.openedDate).toBe('2026-10-02');
    expect(recordInstants(r, 'Europe/Madrid')).toBe(at);
    expect(recordInstants(r, 'UTC').tz).toBe('UTC');
    expect(missingFieldsMemo(r, proc)).toEqual([]);
  });
});
