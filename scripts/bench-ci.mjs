#!/usr/bin/env node
// CI figures (issue 17), as ratios measured in ONE run: to the sync-read floor (walk records/
// and readFileSync every file) and to a bare `node -e ""`. The ledger (default: the bench's
// 100k) is copied into a git repository first (the CI case), then:
//   warm control · fresh clone + restored cache · warm with one record changed ·
//   control --since HEAD~1 (a commit of 100 new records) · cold control · --help ·
//   commands that read no records · control on the example (2k), warm · peak RSS of warm control.
//   node scripts/bench-ci.mjs [LEDGER]
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin', 'aftersales.js');
const source = process.argv[2] ?? join(repo, 'bench-ledgers', 'r100000');
if (!existsSync(join(source, 'aftersales.yaml'))) {
  console.error(`no ledger at ${source}: run npm run bench first (it generates it)`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'aftersales-bench-ci-'));
const ledger = join(work, 'ledger');
const git = (cwd, ...args) => execFileSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=b', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
let t0 = Date.now();
cpSync(source, ledger, { recursive: true, filter: (src) => !src.includes('/.aftersales') });
writeFileSync(join(ledger, '.gitignore'), '.aftersales/\n');
git(ledger, 'init', '-q');
git(ledger, 'add', '-A');
git(ledger, 'commit', '-qm', 'ledger');
git(ledger, 'repack', '-adq'); // packed, as a CI clone is (a local clone of 300k loose objects can fail)
console.log(`(ledger copied and committed in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

const AS_OF = ['--as-of', '2026-11-15T12:00:00Z', '--period', '2026-10', '--format', 'json', '--fail-on', 'never'];
function time(args, cwd = ledger, runs = 3) {
  const ms = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()) / 1024);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status} ${r.stderr.slice(0, 400)}`);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], rss };
}
function floor() {
  const ms = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else readFileSync(p); } };
    walk(join(ledger, 'records'));
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[1];
}
const control = [bin, '--ledger', ledger, 'control', ...AS_OF];
time(control, ledger, 1); // cold, to build the caches
const read = floor();
const node = time(['-e', '']).ms;
const rows = [];
const row = (label, r, target) => rows.push({ label, ms: r.ms, rss: r.rss, target });

row('warm control (unchanged tree)', time(control), '≤ 0.5× floor');
const clone = join(work, 'clone');
git(work, 'clone', '-q', ledger, clone);
cpSync(join(ledger, '.aftersales'), join(clone, '.aftersales'), { recursive: true });
row('fresh clone + restored cache, control', time([bin, '--ledger', clone, 'control', ...AS_OF], clone, 1), '≤ 0.8× floor');
const recDir = join(ledger, 'records', '2026', '10');
const one = join(recDir, readdirSync(recDir)[0]);
writeFileSync(one, readFileSync(one, 'utf8').replace(/^priority: \w+/m, 'priority: urgent'));
row('warm, one record changed', time(control, ledger, 1), '≤ 0.6× floor');
git(ledger, 'checkout', '-q', '--', '.');
time(control, ledger, 1);
// a commit of 100 new records
const tpl = readFileSync(one, 'utf8');
const day = /^id: (\d{8})-/m.exec(tpl)[1]; // an id starts with its opened date
for (let i = 0; i < 100; i++) {
  const id = `${day}-bxnch${String(i).padStart(3, '0')}`;
  writeFileSync(join(recDir, `${id}.yaml`), tpl.replace(/^id: .*$/m, `id: ${id}`).replace(/^source: .*$/m, ''));
}
git(ledger, 'add', '-A');
git(ledger, 'commit', '-qm', '100 records');
time(control, ledger, 1);
row('control --since HEAD~1 (100 new records)', time([...control, '--since', 'HEAD~1'], ledger, 1), '≤ 1.2× floor');
rmSync(join(ledger, '.aftersales'), { recursive: true, force: true });
row('cold control (no cache at all)', time(control, ledger, 1), '≤ 4× floor');
const help = time([bin, '--help'], work, 5);
const teamList = time([bin, '--ledger', ledger, 'team', 'list', '--format', 'json'], work, 5);
const templates = time([bin, '--ledger', ledger, 'plan', '--list-templates', '--format', 'json'], work, 5);
const example = join(repo, 'examples', 'electrodomesticos-sol');
const exControl = [bin, '--ledger', example, 'control', '--as-of', '2026-11-26T12:00:00+01:00', '--format', 'json', '--fail-on', 'never'];
time(exControl, work, 1);
const exWarm = time(exControl, work, 5);
const warmRss = time(control, ledger, 1) && time(control, ledger, 3).rss;

console.log(`\nsync-read floor (${readdirSync(join(ledger, 'records')).length} year folders, every record read): ${read.toFixed(0)} ms; bare node: ${node.toFixed(0)} ms\n`);
for (const r of rows) console.log(`${r.label.padEnd(44)} ${r.ms.toFixed(0).padStart(7)} ms  ${(r.ms / read).toFixed(2)}× floor  (target ${r.target})`);
console.log(`${'--help'.padEnd(44)} ${help.ms.toFixed(0).padStart(7)} ms  ${(help.ms / node).toFixed(2)}× node  (target ≤ 1.3× node)`);
console.log(`${'team list (no records)'.padEnd(44)} ${teamList.ms.toFixed(0).padStart(7)} ms  ${(teamList.ms / node).toFixed(2)}× node  (target ≤ 2× node)`);
console.log(`${'plan --list-templates'.padEnd(44)} ${templates.ms.toFixed(0).padStart(7)} ms  ${(templates.ms / node).toFixed(2)}× node  (target ≤ 2× node)`);
console.log(`${'control on the example (2k), warm'.padEnd(44)} ${exWarm.ms.toFixed(0).padStart(7)} ms  ${(exWarm.ms / node).toFixed(2)}× node  (target ≤ 3× node)`);
console.log(`${'peak RSS, warm control'.padEnd(44)} ${warmRss.toFixed(0).padStart(7)} MiB  (target ≤ 250 MiB)`);
rmSync(work, { recursive: true, force: true });
