#!/usr/bin/env node
// Differential run: every command and format over the example ledger and generated ledgers
// (month, ISO week, quarter periods), cold and warm, with the outputs and written files saved
// under --out. Run it with two builds and `diff -r` the two folders: a refactoring must leave
// them identical.
//
//   node scripts/differential.mjs --repo DIR --out DIR [--quick]
//
// --repo: the checkout whose bin/aftersales.js runs (built); the ledgers are generated with
// this checkout's generator, so both runs see the same bytes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';

const HERE = resolve(new URL('..', import.meta.url).pathname);
const { values } = parseArgs({ options: { repo: { type: 'string' }, out: { type: 'string' }, quick: { type: 'boolean' } } });
if (!values.repo || !values.out) {
  console.error('usage: node scripts/differential.mjs --repo DIR --out DIR [--quick]');
  process.exit(2);
}
const REPO = resolve(values.repo);
const OUT = resolve(values.out);
const BIN = join(REPO, 'bin', 'aftersales.js');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const WORK = join(tmpdir(), `aftersales-diff-${process.pid}`);
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

/** Generated ledgers, made once per run into WORK/src (deterministic). */
function generated(name, records, seed, period, months) {
  const dir = join(WORK, 'src', name);
  const r = spawnSync(process.execPath, [join(HERE, 'scripts', 'generate.mjs'), '--records', String(records), '--out', dir, '--seed', String(seed), '--months', String(months)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const settings = join(dir, 'aftersales.yaml');
  writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^period: \w+/m, `period: ${period}`));
  return dir;
}

const ledgers = [
  { name: 'example', dir: join(HERE, 'examples', 'electrodomesticos-sol'), asOf: ['2026-11-26T12:00:00+01:00', '2026-07-15'] },
  { name: 'gen-month', dir: generated('gen-month', 3000, 7, 'month', 14), asOf: ['2026-11-05', '2026-08-01T00:00:00Z'] },
];
if (!values.quick) {
  ledgers.push(
    { name: 'gen-week', dir: generated('gen-week', 1500, 11, 'week', 6), asOf: ['2026-11-05', '2026-10-20T10:00:00+02:00'] },
    { name: 'gen-quarter', dir: generated('gen-quarter', 4000, 13, 'quarter', 14), asOf: ['2026-11-05', '2026-07-01'] },
  );
}

const env = { ...process.env, NO_COLOR: '1', LANG: 'C', TZ: 'UTC' };
for (const k of ['AFTERSALES_LEDGER', 'FORCE_COLOR', 'CI', 'LC_ALL', 'LC_MESSAGES']) delete env[k];

let count = 0;
function save(name, args, cwd) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const text = `$ aftersales ${args.join(' ')}\nexit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  writeFileSync(join(OUT, `${name}.txt`), text.split(cwd).join('<LEDGER>').split(WORK).join('<WORK>'));
  count++;
  return r;
}

/** Every file of `dir` (but the cache) as one text, for writes. */
function snapshot(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.name === '.aftersales') continue;
      if (e.isDirectory()) walk(p);
      else out.push(`=== ${relative(dir, p)}\n${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

function firstRecordId(dir) {
  const r = spawnSync(process.execPath, [BIN, '--ledger', dir, 'record', 'list', '--format', 'json'], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const records = JSON.parse(r.stdout).records;
  return [records[0]?.id, records.find((x) => !x.closed)?.id, records[Math.floor(records.length / 2)]?.id];
}

function firstRole(dir) {
  return /^roles:\s*\n\s*-\s*id:\s*([\w-]+)/m.exec(readFileSync(join(dir, 'team.yaml'), 'utf8'))?.[1] ?? 'technician';
}

for (const l of ledgers) {
  const dir = join(WORK, 'run', l.name);
  cpSync(l.dir, dir, { recursive: true });
  rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
  const L = ['--ledger', dir];
  for (const pass of ['cold', 'warm']) {
    const p = `${l.name}.${pass}`;
    for (const f of ['text', 'json', 'github']) save(`${p}.check.${f}`, [...L, 'check', '--format', f], dir);
    for (const [i, asOf] of l.asOf.entries()) {
      for (const f of ['table', 'json', 'markdown', 'github', 'junit']) {
        save(`${p}.control.${i}.${f}`, [...L, 'control', '--as-of', asOf, '--format', f, '--fail-on', 'never'], dir);
      }
      save(`${p}.control.${i}.strict`, [...L, 'control', '--as-of', asOf, '--strict'], dir);
      save(`${p}.control.${i}.current`, [...L, 'control', '--as-of', asOf, '--period', 'current', '--format', 'json'], dir);
      save(`${p}.control.${i}.es`, [...L, '--lang', 'es', 'control', '--as-of', asOf, '--fail-on', 'never'], dir);
      save(`${p}.control.${i}.en`, [...L, '--lang', 'en', 'control', '--as-of', asOf, '--format', 'markdown', '--fail-on', 'never'], dir);
      for (const f of ['table', 'json']) {
        save(`${p}.improve.${i}.${f}`, [...L, 'improve', '--as-of', asOf, '--format', f], dir);
        save(`${p}.due.${i}.${f}`, [...L, 'due', '--as-of', asOf, '--format', f], dir);
        save(`${p}.status.${i}.${f}`, [...L, 'status', '--as-of', asOf.slice(0, 10), '--format', f], dir);
        save(`${p}.action-list.${i}.${f}`, [...L, 'action', 'list', '--as-of', asOf, '--format', f], dir);
      }
      const html = join(WORK, `${l.name}-${pass}-${i}.html`);
      save(`${p}.report.${i}`, [...L, 'report', '--as-of', asOf, '--out', html], dir);
      if (existsSync(html)) writeFileSync(join(OUT, `${p}.report.${i}.html`), readFileSync(html, 'utf8'));
    }
    const services = readdirSync(join(dir, 'services')).map((f) => f.replace(/\.yaml$/, '')).sort();
    save(`${p}.control.service`, [...L, 'control', '--as-of', l.asOf[0], '--service', services[0], '--format', 'json', '--fail-on', 'never'], dir);
    for (const f of ['table', 'json']) {
      save(`${p}.team-list.${f}`, [...L, 'team', 'list', '--format', f], dir);
      save(`${p}.team-plan.${f}`, [...L, 'team', 'plan', '--format', f], dir);
      save(`${p}.record-list.${f}`, [...L, 'record', 'list', '--format', f], dir);
      save(`${p}.templates.${f}`, [...L, 'plan', '--list-templates', '--format', f], dir);
    }
    save(`${p}.record-list.open`, [...L, 'record', 'list', '--open', '--format', 'json'], dir);
    for (const f of ['csv', 'jsonl']) save(`${p}.export.${f}`, [...L, 'export', '--format', f], dir);
    for (const id of firstRecordId(dir).filter(Boolean)) {
      for (const f of ['yaml', 'json']) save(`${p}.record-show.${id}.${f}`, [...L, 'record', 'show', id, '--format', f], dir);
    }
  }
  // Writes, on a copy each.
  const writes = [
    ['action-verify', ['action', 'verify', '--as-of', l.asOf[0]]],
    ['improve-apply', ['improve', '--apply', '--as-of', l.asOf[0]]],
    ['team-add', ['team', 'add', 'zoe', '--name', 'Zoe Test', '--role', firstRole(dir)]],
  ];
  const [first, open] = firstRecordId(dir);
  if (open) writes.push(['record-close', ['record', 'close', open, '--outcome', 'resolved', '--closed', '2026-12-01T10:00:00+01:00']]);
  if (first) writes.push(['record-update', ['record', 'update', first, '--set', 'notes=changed', '--set', 'x-mark=1']]);
  for (const [name, args] of writes) {
    const copy = join(WORK, 'w', `${l.name}-${name}`);
    cpSync(dir, copy, { recursive: true });
    const before = snapshot(copy);
    save(`${l.name}.write.${name}`, ['--ledger', copy, ...args], copy);
    const after = snapshot(copy);
    writeFileSync(join(OUT, `${l.name}.write.${name}.files.txt`), before === after ? '(no change)\n' : after);
  }
}
rmSync(WORK, { recursive: true, force: true });
console.log(`${count} runs saved in ${OUT}`);
