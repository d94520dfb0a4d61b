#!/usr/bin/env node
// Fault injection (issue 12): run the commands that write the ledger — record open / close /
// update, action open, team add, improve --apply — on a copy of the example ledger, and kill
// them with SIGKILL at random moments: after a random delay, or exactly at a named point of the
// writer (AFTERSALES_FAULT=locked: holding the lock; after-temp-write: the temporary file is
// written, not yet renamed). Then `check` must accept the ledger and every command that
// reported success must have left its edit in place.
//
//   node scripts/fault-inject.mjs [--kills 200] [--seed 1] [--keep]
//
// Prints a summary; exit 1 when a guarantee was broken.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

const REPO = resolve(new URL('..', import.meta.url).pathname);
const BIN = join(REPO, 'bin', 'aftersales.js');
const { values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean' } } });
const KILLS = Number(values.kills);

let seed = Number(values.seed) >>> 0 || 1;
function random() {
  // xorshift32: the same run for the same seed
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const dir = mkdtempSync(join(tmpdir(), 'aftersales-faults-'));
cpSync(join(REPO, 'examples', 'electrodomesticos-sol'), dir, { recursive: true });
const env = { ...process.env, NO_COLOR: '1', LANG: 'C', AFTERSALES_LEDGER: dir };
delete env.CI;

function runSync(args) {
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

const records = JSON.parse(runSync(['record', 'list', '--format', 'json']).stdout).records;
const openIds = records.filter((r) => !r.closed).map((r) => r.id);
const anyIds = records.map((r) => r.id);
const services = readdirSync(join(dir, 'services')).map((f) => f.replace(/\.yaml$/, ''));
const role = /^roles:\s*\n\s*-\s*id:\s*([\w-]+)/m.exec(readFileSync(join(dir, 'team.yaml'), 'utf8'))[1];

let n = 0;
/** One command with what it must leave behind when it reports success. */
function job() {
  const m = ++n;
  const kind = pick(['open', 'close', 'update', 'update', 'action', 'team', 'improve']);
  switch (kind) {
    case 'open':
      return { kind, args: ['record', '--service', pick(services), '--set', `customer=C-F${m}`, '--set', 'channel=phone'], verify: (r) => recordHas(r.stdout.trim(), (d) => d.customer === `C-F${m}`) };
    case 'close': {
      const id = openIds.length ? openIds.splice(Math.floor(random() * openIds.length), 1)[0] : pick(anyIds);
      return { kind, args: ['record', 'close', id, '--outcome', 'resolved', '--closed', '2026-12-01T18:00:00+01:00'], verify: () => recordHas(id, (d) => d.outcome === 'resolved'), id, reopen: true };
    }
    case 'update': {
      const id = pick(anyIds);
      return { kind, args: ['record', 'update', id, '--set', `x-fault${m}=v${m}`], verify: () => recordHas(id, (d) => d[`x-fault${m}`] === `v${m}`) };
    }
    case 'action':
      return { kind, args: ['action', 'open', '--type', 'preventive', '--service', pick(services), '--title', `Fault ${m}`, '--owner', role, '--yes', '--as-of', '2026-11-26'], verify: (r) => actionHas(r.stdout.trim(), (d) => d.title === `Fault ${m}`) };
    case 'team':
      return { kind, args: ['team', 'add', `fault-${m}`, '--name', `Fault ${m}`, '--role', role], verify: () => teamHas(`fault-${m}`) };
    default:
      return { kind, args: ['improve', '--apply', '--as-of', '2026-11-26'], verify: () => true };
  }
}

function recordHas(id, test) {
  const r = runSync(['record', 'show', id, '--format', 'json']);
  return r.status === 0 && test(JSON.parse(r.stdout).record);
}
function actionHas(id, test) {
  const file = readdirSync(join(dir, 'actions')).find((f) => f.startsWith(id));
  return file !== undefined && test(YAML.parse(readFileSync(join(dir, 'actions', file), 'utf8')));
}
function teamHas(id) {
  return YAML.parse(readFileSync(join(dir, 'team.yaml'), 'utf8')).people.some((p) => p.id === id);
}

function runKilled(j) {
  return new Promise((done) => {
    const point = random();
    const fault = point < 0.25 ? 'locked' : point < 0.5 ? 'after-temp-write' : undefined;
    const child = spawn(process.execPath, [BIN, ...j.args], { env: fault ? { ...env, AFTERSALES_FAULT: fault } : env });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const timer = fault ? undefined : setTimeout(() => child.kill('SIGKILL'), 150 + Math.floor(random() * 1500));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, fault });
    });
  });
}

const tally = { ok: 0, failed: 0, killed: 0, broken: [] };
for (let k = 0; k < KILLS; ) {
  // Two at once, as a team working side by side would.
  const jobs = [job(), job()];
  const results = await Promise.all(jobs.map(runKilled));
  results.forEach((r, i) => {
    if (r.signal === 'SIGKILL') {
      tally.killed++;
      k++;
    } else if (r.code === 0) {
      tally.ok++;
      if (!jobs[i].verify(r)) tally.broken.push(`reported success but not in the ledger: aftersales ${jobs[i].args.join(' ')}`);
    } else tally.failed++;
  });
}

const check = runSync(['check', '--format', 'json']);
const problems = JSON.parse(check.stdout || '{"problems":[]}').problems;
const errors = problems.filter((p) => p.severity === 'error');
if (check.status !== 0 || errors.length > 0) tally.broken.push(`check exit ${check.status}: ${errors.slice(0, 5).map((p) => `${p.file}: ${p.code}`).join('; ')}`);
const leftovers = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name === '.aftersales') continue;
    if (e.isDirectory()) walk(join(d, e.name));
    else if (/\.(tmp|lock)$/.test(e.name)) leftovers.push(join(d, e.name).slice(dir.length + 1));
  }
};
walk(dir);

console.log(`fault injection: ${tally.killed} kills, ${tally.ok} commands succeeded, ${tally.failed} refused; check: exit ${check.status}, ${errors.length} errors, ${problems.length - errors.length} warnings`);
console.log(`leftovers (temporary files and locks of killed writers, removed by later writers after an hour / when stale): ${leftovers.length}`);
for (const b of tally.broken) console.log(`BROKEN: ${b}`);
if (values.keep) console.log(`ledger kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = tally.broken.length > 0 ? 1 : 0;
