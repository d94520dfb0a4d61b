// The loader and its cache: everything is read, the cache never serves stale data, and the fast
// parser (js-yaml) agrees with `yaml` on real ledger files.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../../../src/ledger/load.js';
import { allProblems, crossChecks } from '../../../src/ledger/checks.js';
import { cleanup, copyFixture, FIXTURES, REPO } from '../../helpers/run.js';

afterAll(cleanup);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== '.aftersales' && e.name !== 'bad') out.push(...yamlFiles(p));
    else if (e.isFile() && e.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

describe('loadLedger', () => {
  it('tells its progress while it parses, and nothing when the cache serves every file (issue 15)', () => {
    const dir = join(copyFixture('minimal'), '..', 'progress');
    cpSync(join(REPO, 'examples', 'electrodomesticos-sol'), dir, { recursive: true });
    const calls: [number, number][] = [];
    const cold = loadLedger(dir, { onParsed: (done, total) => calls.push([done, total]) });
    const total = cold.files.length;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every(([done, n]) => n === total && done <= n)).toBe(true);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
    expect(calls.at(-1)).toEqual([total, total]);
    calls.length = 0;
    loadLedger(dir, { onParsed: (done, n) => calls.push([done, n]) });
    expect(calls).toEqual([]);
  });

  it('reads every file of the layout into the model', () => {
    const dir = copyFixture('minimal');
    const l = loadLedger(dir);
    expect(l.config).toEqual({ timezone: 'Europe/Madrid', locale: 'en', period: 'month', history: 12 });
    expect(l.services.map((s) => s.data?.id)).toEqual(['warranty-repair']);
    expect(l.procedures.map((s) => s.data?.version)).toEqual([2]);
    expect(l.records.map((r) => r.path)).toEqual([
      'records/2026/10/20261002-7k3qzm2a.yaml',
      'records/2026/11/20261102-q2m8w1zd.yaml',
    ]);
    expect(l.actions).toHaveLength(1);
    expect(l.products?.products[0].warranty).toBe(24);
    // x- keys are kept in the data, and not errors
    expect((l.records[0].data as Record<string, unknown>)['x-crm-ref']).toBe(991);
    expect(allProblems(l)).toEqual([]);
  });

  it('serves unchanged files from the cache and sees changed, added and removed files', () => {
    const dir = copyFixture('minimal');
    const first = loadLedger(dir);
    expect(first.records).toHaveLength(2);
    const cached = loadLedger(dir);
    expect(cached.records.map((r) => r.data)).toEqual(first.records.map((r) => r.data));

    // changed: same size would fool a size-only cache; mtime changes
    const file = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('C-1042', 'C-1043'));
    const past = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, past, past);
    expect(loadLedger(dir).records[0].data?.customer).toBe('C-1043');

    // added
    cpSync(file, join(dir, 'records/2026/10/20261002-aaaaaaaa.yaml'));
    expect(loadLedger(dir).records).toHaveLength(3);
    // removed
    rmSync(join(dir, 'records/2026/10/20261002-aaaaaaaa.yaml'));
    expect(loadLedger(dir).records).toHaveLength(2);
    // broken after being cached: the problem is seen
    writeFileSync(file, text.replace('visits: 1', 'visits: one'));
    const l = loadLedger(dir);
    expect(l.records[0].data).toBeUndefined();
    expect(l.records[0].problems[0]).toMatchObject({ code: 'wrong-type', line: 17 });
  });

  it('a warm load reads no record data for the cross-file checks; a record\'s data is read from its month\'s bucket on demand (issue 17)', () => {
    const dir = copyFixture('minimal');
    const cold = loadLedger(dir);
    const truth = crossChecks(cold);
    const warm = loadLedger(dir);
    expect(warm.records.every((r) => r.lazy === true)).toBe(true);
    const cache = join(dir, '.aftersales/cache');
    for (const n of readdirSync(cache)) if (n.startsWith('records-')) rmSync(join(cache, n));
    expect(crossChecks(warm)).toEqual(truth);
    expect(readdirSync(cache).filter((n) => n.startsWith('records-'))).toEqual([]); // no data was needed
    // asked for, a record's data comes from its bucket — here rebuilt from the files of its month only
    expect(warm.records[0].data).toEqual(cold.records[0].data);
    expect(readdirSync(cache).filter((n) => n.startsWith('records-'))).toEqual(['records-2026-10.json']);
  });

  it('a bucket behind its files (an older copy restored) is never served: rebuilt from them', () => {
    const dir = copyFixture('minimal');
    loadLedger(dir);
    const bucket = join(dir, '.aftersales/cache/records-2026-10.json');
    const old = readFileSync(bucket);
    const file = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('C-1042', 'C-1043'));
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    rmSync(join(dir, '.aftersales/cache/files.json'));
    expect(loadLedger(dir).records[0].data?.customer).toBe('C-1043'); // parsed; the index and bucket written again
    writeFileSync(bucket, old); // a cache restored from before the edit
    const l = loadLedger(dir);
    expect(l.records[0].lazy).toBe(true); // the index knows the file as it is now…
    expect(l.records[0].data?.customer).toBe('C-1043'); // …and the bucket's older entry is not used
  });

  it('the records\' checks kept in the cache are made again when the plan changes, on disk or in memory', () => {
    const dir = copyFixture('minimal');
    loadLedger(dir);
    const warm = loadLedger(dir);
    expect(crossChecks(warm)).toEqual([]);
    const team = warm.team!;
    // in memory (team edits check the would-be ledger): ana gone, her record names an unknown person
    const edited = { ...warm, team: { ...team, people: team.people.filter((p) => p.id !== 'ana') } };
    expect(crossChecks(edited).map((p) => [p.file, p.code])).toContainEqual(['records/2026/10/20261002-7k3qzm2a.yaml', 'unknown-person']);
    // on disk
    const teamFile = join(dir, 'team.yaml');
    writeFileSync(teamFile, readFileSync(teamFile, 'utf8').replace(/id: ana\b/, 'id: anna'));
    const after = loadLedger(dir);
    expect(after.records.every((r) => r.lazy === true)).toBe(true);
    expect(crossChecks(after).map((p) => [p.file, p.code])).toContainEqual(['records/2026/10/20261002-7k3qzm2a.yaml', 'unknown-person']);
    expect(crossChecks(loadLedger(dir)).map((p) => p.code)).toContain('unknown-person'); // and so cached
  });

  it('a corrupt cache is ignored', () => {
    const dir = copyFixture('minimal');
    loadLedger(dir);
    writeFileSync(join(dir, '.aftersales/cache/files.json'), '{not json');
    expect(loadLedger(dir).records).toHaveLength(2);
  });

  it('js-yaml (bulk) and yaml (positions, edits) agree on every fixture and example file', () => {
    const files = [...yamlFiles(join(FIXTURES, 'ledgers')), ...yamlFiles(join(REPO, 'examples')), ...yamlFiles(join(REPO, 'templates'))];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), f).toEqual(YAML.parse(text, { schema: 'core' }));
    }
  });
});
