#!/usr/bin/env node
// `npm run bench`: figures, not pass/fail. Generates (once, kept in bench-ledgers/) ledgers of
// 10k, 50k and 100k records with the seeded generator, then times the built CLI on them:
// start-up (`--help` against bare `node -e ""`), cold load (no cache) and warm load (cache),
// with peak memory (RSS) of each run. Usage: node scripts/bench.mjs [--sizes 10000,100000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLedger } from './lib/ledger-gen.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin', 'aftersales.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', '10000,50000,100000').split(',').map(Number);
const runs = Number(opt('runs', '3'));

/** Wall time (ms) and peak RSS (MiB) of one command, via GNU time when present. */
function timeIt(cmd, cmdArgs) {
  const useGnuTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } })
    : spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssKb = useGnuTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMb: rssKb / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function row(label, samples) {
  const ms = median(samples.map((s) => s.ms));
  const rss = Math.max(...samples.map((s) => s.rssMb));
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${Number.isFinite(rss) ? rss.toFixed(0).padStart(5) + ' MiB' : ''}`);
  return ms;
}

console.log(`aftersales bench — node ${process.version}, ${runs} run(s) each, median wall time, peak RSS\n`);
const bare = row('node -e ""', Array.from({ length: 5 }, () => timeIt(process.execPath, ['-e', ''])));
const help = row('aftersales --help', Array.from({ length: 5 }, () => timeIt(process.execPath, [bin, '--help'])));
console.log(`${'  start-up ratio (--help / bare node)'.padEnd(44)} ${(help / bare).toFixed(2)}×\n`);

const PERIOD = '2026-10';
const AS_OF = '2026-11-15T12:00:00Z';
const phases = join(repo, 'scripts', 'bench-phases.mjs');

function phaseRun(dir) {
  const r = spawnSync(process.execPath, [phases, dir, PERIOD, AS_OF], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function phaseRows(label, runsOf) {
  const med = (k) => median(runsOf.map((x) => x[k]));
  const load = med('loadMs');
  const checks = med('checksMs');
  const engine = med('engineMs');
  const peak = Math.max(...runsOf.map((x) => x.peakRssMb));
  // The control issue's budget: the engine adds no more than 30% to the load.
  console.log(`${label.padEnd(44)} load ${String(load).padStart(6)} ms  checks ${String(checks).padStart(5)} ms  engine ${String(engine).padStart(5)} ms  (engine adds ${((100 * engine) / load).toFixed(0)}% to the load, checks + engine ${((100 * (checks + engine)) / load).toFixed(0)}%)  peak ${peak} MiB`);
}

const linear = [];
for (const n of sizes) {
  const dir = join(repo, 'bench-ledgers', `r${n}`);
  if (!existsSync(join(dir, 'aftersales.yaml'))) {
    const t0 = Date.now();
    generateLedger({ records: n, out: dir, seed: 42 });
    console.log(`(generated ${n} records in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const cold = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
    cold.push(phaseRun(dir));
  }
  phaseRows(`in-process, ${n} records, cold`, cold);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(phaseRun(dir));
  phaseRows(`in-process, ${n} records, warm`, warm);
  linear.push({ n, engine: median(warm.map((x) => x.engineMs)), load: median(warm.map((x) => x.loadMs)) });

  const check = [bin, '--ledger', dir, 'check', '--format', 'json'];
  const control = [bin, '--ledger', dir, 'control', '--as-of', AS_OF, '--period', PERIOD, '--format', 'json', '--fail-on', 'never'];
  const coldCheck = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
    coldCheck.push(timeIt(process.execPath, check));
  }
  row(`aftersales check, ${n} records, cold`, coldCheck);
  row(`aftersales check, ${n} records, warm`, Array.from({ length: runs }, () => timeIt(process.execPath, check)));
  const coldControl = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(dir, '.aftersales'), { recursive: true, force: true });
    coldControl.push(timeIt(process.execPath, control));
  }
  row(`aftersales control, ${n} records, cold`, coldControl);
  row(`aftersales control, ${n} records, warm`, Array.from({ length: runs }, () => timeIt(process.execPath, control)));
  console.log('');
}
if (linear.length > 1) {
  console.log('per 1,000 records (warm): ' + linear.map((x) => `${x.n}: load ${(x.load / (x.n / 1000)).toFixed(1)} ms, engine ${(x.engine / (x.n / 1000)).toFixed(1)} ms`).join('; '));
}
// Help-desk sync on the largest ledger (issue 16): import 10,000 new tickets, then sync them
// with 1,000 changed.
const largest = Math.max(...sizes);
console.log('');
spawnSync(process.execPath, [join(repo, 'scripts', 'bench-import.mjs'), join(repo, 'bench-ledgers', `r${largest}`), '10000', '1000'], { stdio: 'inherit' });
