// Record ids (SPEC §1) and their resolution from a prefix, by file names only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_ID_RE } from '../../../src/ledger/values.js';
import { newRecordId, normaliseIdQuery, openedDate, randomPart, recordRelPath } from '../../../src/recording/ids.js';
import { listRecordFiles, matchRecords, resolveRecord } from '../../../src/recording/resolve.js';
import { translator } from '../../../src/i18n/index.js';
import { cleanup, tempDir } from '../../helpers/run.js';

afterAll(cleanup);
const t = translator('en');

describe('ids', () => {
  it('are the local date of opened and 8 Crockford base32 characters', () => {
    const id = newRecordId('2026-11-02');
    expect(id).toMatch(RECORD_ID_RE);
    expect(id.slice(0, 9)).toBe('20261102-');
    // 2026-11-01T23:30Z is already 2 November in Madrid (UTC+1): the id and folder follow Madrid.
    expect(openedDate('2026-11-01T23:30:00Z', 'Europe/Madrid')).toBe('2026-11-02');
    expect(openedDate('2026-11-01T23:30:00Z', 'UTC')).toBe('2026-11-01');
    expect(openedDate('not a date', 'UTC')).toBeUndefined();
    expect(recordRelPath(id, '2026-11-02')).toBe(`records/2026/11/${id}.yaml`);
  });

  it('draw every character of the alphabet and do not repeat', () => {
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const r = randomPart();
      expect(r).toMatch(/^[0-9a-hjkmnp-tv-z]{8}$/);
      seen.add(r);
      for (const c of r) chars.add(c);
    }
    expect(seen.size).toBe(2000);
    expect(chars.size).toBe(32);
  });

  it('queries are folded to the id alphabet (case, Crockford read-alikes)', () => {
    expect(normaliseIdQuery(' 7K3QZM2A ')).toBe('7k3qzm2a');
    expect(normaliseIdQuery('2O26l1O2')).toBe('20261102');
  });
});

function ledgerWith(ids: string[]): string {
  const root = tempDir();
  for (const id of ids) {
    const dir = join(root, 'records', id.slice(0, 4), id.slice(4, 6));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${id}.yaml`), `id: ${id}\n`);
  }
  return root;
}

describe('resolveRecord', () => {
  const root = ledgerWith(['20261002-7k3qzm2a', '20261102-q2m8w1zd', '20261102-q2m9aaaa', '20261103-7kxxxxxx']);
  // leftovers that are not records: a writer's temp file, a note, a misnamed file
  writeFileSync(join(root, 'records/2026/11/.a1b2c3d4e5f6.tmp'), 'id: half');
  writeFileSync(join(root, 'records/2026/11/README.md'), 'notes');
  writeFileSync(join(root, 'records/2026/11/draft.yaml'), 'id: draft');

  it('lists record files by name only, skipping temp files and other names', () => {
    expect(listRecordFiles(root).map((r) => r.id)).toEqual(['20261002-7k3qzm2a', '20261102-q2m8w1zd', '20261102-q2m9aaaa', '20261103-7kxxxxxx']);
  });

  it('takes the full id, a prefix of it, or a prefix of its random part', () => {
    expect(resolveRecord(root, '20261002-7k3qzm2a', t).path).toBe('records/2026/10/20261002-7k3qzm2a.yaml');
    expect(resolveRecord(root, '20261002', t).id).toBe('20261002-7k3qzm2a');
    expect(resolveRecord(root, 'q2m8', t).id).toBe('20261102-q2m8w1zd');
    expect(resolveRecord(root, 'Q2M8W', t).id).toBe('20261102-q2m8w1zd');
    expect(resolveRecord(root, '7k3', t).id).toBe('20261002-7k3qzm2a');
  });

  it('an ambiguous prefix is exit 2 listing the candidates', () => {
    expect(matchRecords(root, '7k').map((r) => r.id)).toEqual(['20261002-7k3qzm2a', '20261103-7kxxxxxx']);
    let error: unknown;
    try {
      resolveRecord(root, '20261102-q2m', t);
    } catch (e) {
      error = e;
    }
    expect((error as { exitCode: number }).exitCode).toBe(2);
    expect((error as Error).message).toBe('"20261102-q2m" matches 2 records: 20261102-q2m8w1zd, 20261102-q2m9aaaa');
  });

  it('an unknown id is exit 2', () => {
    for (const q of ['zzzz', '20991231-aaaaaaaa', '', '../../etc']) {
      expect(() => resolveRecord(root, q, t)).toThrow(/no record with id or prefix/);
    }
  });
});
