// The facts cache (.aftersales/cache/facts.bin) is an accelerator only: whatever it holds, the
// results must be those of an engine that computes every fact afresh. Each test compares a
// seeded run with an unseeded one on a copy of the example ledger.
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { assemble, loadLedger, type Ledger } from '../../../src/ledger/load.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import { mergeCatalogues } from '../../../src/ledger/catalogue.js';
import { runControlEngine, type ControlResult } from '../../../src/quality/control.js';
import { Engine } from '../../../src/quality/engine.js';
import { cachedEngine, engineLike, factsPath, readFacts } from '../../../src/quality/facts-cache.js';
import { RESOLUTION_COLUMN } from '../../../src/quality/columns.js';
import type { Seed } from '../../../src/quality/prepare.js';
import { formatInstant, localDate, parseTimestamp } from '../../../src/time/index.js';
import { cleanup, REPO, tempDir } from '../../helpers/run.js';

const EXAMPLE = join(REPO, 'examples', 'electrodomesticos-sol');
const PERIOD = '2026-10';
const AS_OF = Date.parse('2026-11-26T12:00:00+01:00');

function control(ledger: Ledger, engine: Engine): ControlResult {
  return runControlEngine(ledger, buildLookup(ledger), { period: PERIOD, asOf: AS_OF, catalogue: mergeCatalogues([], []) }, engine);
}

/** A run as `control` does it: seeded from the cache, saving it afterwards. */
function cachedRun(dir: string): { ledger: Ledger; result: ControlResult } {
  const ledger = loadLedger(dir);
  const lookup = buildLookup(ledger);
  const { engine, save } = cachedEngine(ledger, lookup);
  const result = control(ledger, engine);
  save();
  return { ledger, result };
}

/** The same ledger measured with no cache at all. */
function freshRun(dir: string): ControlResult {
  const ledger = loadLedger(dir, { cache: false });
  return control(ledger, new Engine(ledger, buildLookup(ledger)));
}

/** Records whose resolution time the seed knows. */
function knownFacts(seed: Seed | undefined): number {
  if (!seed) return 0;
  let n = 0;
  for (let i = 0; i < seed.rows; i++) if (!Number.isNaN(seed.columns[RESOLUTION_COLUMN * seed.rows + i])) n++;
  return n;
}

/** Value of column k of a row of the seed. */
function cell(seed: Seed, k: number, row: number): number {
  return seed.columns[k * seed.rows + row];
}

let dir: string;
beforeEach(() => {
  dir = tempDir('aftersales-facts-');
  cpSync(EXAMPLE, dir, { recursive: true });
  rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
});
afterAll(cleanup);

describe('facts cache', () => {
  it('is written by a run, read back whole by the next, and changes no result', () => {
    const first = cachedRun(dir);
    expect(existsSync(factsPath(dir)!)).toBe(true);
    const read = readFacts(loadLedger(dir));
    expect(read.exact).toBe(true);
    // every closed record of the example had its resolution time computed (history of 12 months)
    expect(knownFacts(read.seed)).toBeGreaterThan(1000);
    const second = cachedRun(dir);
    expect(second.result).toEqual(first.result);
    expect(second.result).toEqual(freshRun(dir));
  });

  it('keeps the results of filters and inline fields as named columns, and serves them', () => {
    const sla = (r: ControlResult) => r.services.find((x) => x.id === 'reparacion-garantia')!.requirements.find((q) => q.indicator === 'sla_compliance')!;
    const first = cachedRun(dir).result;
    const read = readFacts(loadLedger(dir));
    expect(read.seed!.names).toEqual(expect.arrayContaining([
      'filter:{"priority":["high","urgent"]}', 'filter:{"survey.effort":{"exists":true}}', 'filter:{"survey.effort":{"gte":5}}', 'number:survey.courtesy',
    ]));
    // one urgent October repair becomes low priority: its filter result is recomputed, the
    // others are served, and the SLA population of urgent and high repairs loses it
    const ledger = loadLedger(dir);
    const urgent = ledger.records.find((f) => f.data?.service === 'reparacion-garantia' && f.data.priority === 'urgent' && f.data.closed?.startsWith('2026-10'))!;
    const file = join(dir, urgent.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('priority: urgent', 'priority: low'));
    const after = cachedRun(dir).result;
    expect(after).toEqual(freshRun(dir));
    expect(sla(after).n).toBe(sla(first).n - 1);
  });

  it('does not rewrite the file when nothing new was computed', () => {
    cachedRun(dir);
    const before = readFileSync(factsPath(dir)!);
    const stamp = Date.now() - 60_000;
    // make a rewrite visible: the content would be identical, the mtime not
    utimesSync(factsPath(dir)!, stamp / 1000, stamp / 1000);
    cachedRun(dir);
    expect(Math.floor(statSync(factsPath(dir)!).mtimeMs / 1000)).toBe(Math.floor(stamp / 1000));
    expect(readFileSync(factsPath(dir)!).equals(before)).toBe(true);
  });

  it('serves the unchanged records when one record file changed, and recomputes that one', () => {
    const { ledger } = cachedRun(dir);
    const target = ledger.records.find((f) => f.data?.closed !== undefined && f.data.closed.startsWith('2026-10'))!;
    const row = ledger.records.indexOf(target);
    const before = readFacts(loadLedger(dir)).seed!;
    appendFileSync(join(dir, target.path), '# touched\n');
    const read = readFacts(loadLedger(dir));
    expect(read.exact).toBe(false);
    // not served: size and mtime changed (column 0 is `opened`)
    expect(Number.isNaN(cell(read.seed!, 0, row))).toBe(true);
    expect(Number.isNaN(cell(read.seed!, RESOLUTION_COLUMN, row))).toBe(true);
    expect(cell(read.seed!, 0, row + 1)).toBe(cell(before, 0, row + 1));
    expect(cell(read.seed!, RESOLUTION_COLUMN, row + 1)).toBe(cell(before, RESOLUTION_COLUMN, row + 1));
    expect(cachedRun(dir).result).toEqual(freshRun(dir));
    expect(readFacts(loadLedger(dir)).exact).toBe(true); // rewritten for the new records
  });

  it('recomputes the next visit of every unit when a record is added (repeat_rate)', () => {
    const { ledger, result: first } = cachedRun(dir);
    const tz = ledger.config.timezone;
    const repeatRate = (r: ControlResult) => r.services.find((x) => x.id === 'reparacion-garantia')!.requirements.find((q) => q.indicator === 'repeat_rate')!;
    // a closed October repair whose unit did not come back: a new visit 2 days after it closed
    const serials = new Set(ledger.records.filter((f) => f.data?.opened.startsWith('2026-1')).map((f) => String(f.data!.serial)));
    const repair = ledger.records.find((f) => {
      const d = f.data!;
      return d.service === 'reparacion-garantia' && d.closed?.startsWith('2026-10') && d.outcome === 'resolved' && d.serial !== undefined
        && ledger.records.filter((g) => String(g.data?.serial) === String(d.serial)).length === 1 && serials.has(String(d.serial));
    })!.data!;
    const opened = parseTimestamp(repair.closed!, tz) + 2 * 86_400_000;
    const day = localDate(opened, tz);
    const id = `${day.replaceAll('-', '')}-zzzzzzzz`;
    const visit = { id, service: repair.service, procedure: repair.procedure, opened: formatInstant(opened, tz), channel: 'phone', customer: repair.customer, product: repair.product, serial: repair.serial };
    writeFileSync(join(dir, 'records', day.slice(0, 4), day.slice(5, 7), `${id}.yaml`), YAML.stringify(visit));
    expect(readFacts(loadLedger(dir)).exact).toBe(false);
    const second = cachedRun(dir).result;
    expect(second).toEqual(freshRun(dir));
    const n = repeatRate(first).n;
    expect(repeatRate(second).n).toBe(n);
    // one more repeated unit out of n: the rate rises by exactly 1/n
    expect(repeatRate(second).value! - repeatRate(first).value!).toBeCloseTo(1 / n, 12);
  });

  it('works out the next visits again from the columns alone: no other record is read (issue 17)', () => {
    const { ledger } = cachedRun(dir);
    const d = ledger.records.find((f) => f.data?.serial !== undefined && f.data.closed?.startsWith('2026-10'))!.data!;
    const opened = parseTimestamp(d.closed!, ledger.config.timezone) + 86_400_000;
    const day = localDate(opened, ledger.config.timezone);
    const id = `${day.replaceAll('-', '')}-yyyyyyyy`;
    writeFileSync(join(dir, 'records', day.slice(0, 4), day.slice(5, 7), `${id}.yaml`), YAML.stringify({
      id, service: d.service, procedure: d.procedure, opened: formatInstant(opened, ledger.config.timezone), channel: 'phone', customer: d.customer, product: d.product, serial: d.serial,
    }));
    const now = loadLedger(dir); // parses the new record, and writes its month's bucket
    const cache = join(dir, '.aftersales/cache');
    for (const n of readdirSync(cache)) if (n.startsWith('records-')) rmSync(join(cache, n));
    const { engine } = cachedEngine(now, buildLookup(now));
    const fresh = new Engine(loadLedger(dir, { cache: false }), buildLookup(now));
    const visits = (e: Engine) => Array.from({ length: e.cols.n }, (_, i) => e.cols.nextVisit(i));
    expect(visits(engine)).toEqual(visits(fresh));
    expect(readdirSync(cache).filter((n) => n.startsWith('records-'))).toEqual([]); // no record's data was needed
  });

  it('an engine for another state of the ledger (--since) seeded from the live one gives the results of a fresh one', () => {
    const { ledger } = cachedRun(dir);
    const lookup = buildLookup(ledger);
    const { engine } = cachedEngine(ledger, lookup);
    control(ledger, engine);
    // the ledger at "REF": one October record missing, one changed (a copy with another customer)
    const records = ledger.records.filter((f) => f.data?.closed?.startsWith('2026-10'));
    const changed = { ...records[1], data: { ...records[1].data!, customer: 'C-other' }, size: -1, stamp: 'other' };
    const files = ledger.files.filter((f) => f !== records[0]).map((f) => (f === records[1] ? changed : f));
    const other = assemble(ledger.root, files, true);
    const otherLookup = buildLookup(other);
    const seeded = engineLike(engine, other, otherLookup);
    expect(Number.isNaN(seeded.cols.opened[0])).toBe(false);
    expect(seeded.cols.derived).toBeLessThan(other.records.length / 2); // most rows came from the live engine
    expect(control(other, seeded)).toEqual(control(other, new Engine(other, otherLookup)));
  });

  it('a warm run finds causes and compliance problems from the columns: no record is read (issue 17)', () => {
    const { result: first } = cachedRun(dir);
    expect(first.deviations.some((d) => d.kind === 'compliance')).toBe(true);
    expect(first.deviations.some((d) => d.kind === 'target' && d.causes.length > 0)).toBe(true);
    const ledger = loadLedger(dir);
    const cache = join(dir, '.aftersales/cache');
    for (const n of readdirSync(cache)) if (n.startsWith('records-')) rmSync(join(cache, n));
    const { engine } = cachedEngine(ledger, buildLookup(ledger));
    expect(control(ledger, engine)).toEqual(freshRun(dir));
    expect(readdirSync(cache).filter((n) => n.startsWith('records-'))).toEqual([]); // no record's data was needed
  });

  it('seeds correctly when some record files could not be read (rows without a record)', () => {
    cachedRun(dir);
    const ledger = loadLedger(dir);
    const broken = ledger.records[10];
    writeFileSync(join(dir, broken.path), 'id: [unclosed\n');
    const again = loadLedger(dir);
    expect(again.records[10].data).toBeUndefined();
    const { engine, save } = cachedEngine(again, buildLookup(again));
    const seeded = control(again, engine);
    save();
    const plain = control(again, new Engine(again, buildLookup(again)));
    expect(seeded).toEqual(plain);
    // and once more from the file written with the gap
    const third = loadLedger(dir);
    expect(readFacts(third).exact).toBe(true);
    expect(control(third, cachedEngine(third, buildLookup(third)).engine)).toEqual(plain);
  });

  it('is dropped whole when the plan the facts depend on changes (team training)', () => {
    const first = cachedRun(dir).result;
    const teamFile = join(dir, 'team.yaml');
    const team = YAML.parse(readFileSync(teamFile, 'utf8')) as { people: { training?: unknown }[] };
    for (const p of team.people) delete p.training;
    writeFileSync(teamFile, YAML.stringify(team));
    expect(readFacts(loadLedger(dir)).seed).toBeUndefined();
    const second = cachedRun(dir).result;
    expect(second).toEqual(freshRun(dir));
    // the cached facts would have been wrong: nobody is trained now
    const trained = (r: ControlResult) => r.services.find((s) => s.id === 'instalacion')!.requirements.find((q) => q.indicator === 'trained_staff')!.value;
    expect(trained(first)).toBeGreaterThan(0);
    expect(trained(second)).toBe(0);
  });

  it('is dropped when a procedure changes (adherence and completeness)', () => {
    cachedRun(dir);
    const file = join(dir, 'procedures', 'reparacion-garantia.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/mandatory: true/, 'mandatory: false'));
    expect(readFacts(loadLedger(dir)).seed).toBeUndefined();
    expect(cachedRun(dir).result).toEqual(freshRun(dir));
  });

  it('ignores a corrupt or truncated file and replaces it', () => {
    cachedRun(dir);
    const good = readFileSync(factsPath(dir)!);
    writeFileSync(factsPath(dir)!, good.subarray(0, good.length - 8));
    expect(readFacts(loadLedger(dir)).seed).toBeUndefined();
    writeFileSync(factsPath(dir)!, 'not a facts file');
    expect(readFacts(loadLedger(dir)).seed).toBeUndefined();
    expect(cachedRun(dir).result).toEqual(freshRun(dir));
    expect(readFacts(loadLedger(dir)).exact).toBe(true);
  });

  it('a run whose cache cannot be written still succeeds', () => {
    // .aftersales is a file: neither cache can be written
    writeFileSync(join(dir, '.aftersales'), 'in the way');
    expect(cachedRun(dir).result).toEqual(freshRun(dir));
    expect(existsSync(factsPath(dir)!)).toBe(false);
  });
});
