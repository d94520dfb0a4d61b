#!/usr/bin/env node
// Help-desk import and sync on a big ledger (issue 16): into a copy of LEDGER, import a
// 10,000-row export of new tickets, then sync the same export with 1,000 rows changed (solved).
// Prints wall times; the sync must take no longer than the first import.
//   node scripts/bench-import.mjs LEDGER [ROWS] [CHANGED]
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin', 'aftersales.js');
const [source, rowsArg = '10000', changedArg = '1000'] = process.argv.slice(2);
const rows = Number(rowsArg);
const changed = Number(changedArg);
const work = mkdtempSync(join(tmpdir(), 'aftersales-bench-import-'));
const ledger = join(work, 'ledger');
let t0 = Date.now();
cpSync(source, ledger, { recursive: true });
console.log(`(copied the ledger in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
const service = readdirSync(join(ledger, 'services'))[0].replace(/\.yaml$/, '');

function csv(file, solvedUpTo) {
  const lines = ['Id,Created at,Solved at,Status,Priority'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const opened = `2026-10-${String(day).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:15:00`;
    const solved = i < solvedUpTo ? `2026-10-${String(day).padStart(2, '0')} 19:45:00` : '';
    lines.push(`B${i},${opened},${solved},${solved ? 'Solved' : 'Open'},Normal`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
const week1 = join(work, 'week1.csv');
const week2 = join(work, 'week2.csv');
csv(week1, 0);
csv(week2, changed);

function run(file) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--ledger', ledger, 'import', file, '--mapping', 'zendesk', '--service', service], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, out: r.stdout.trim() };
}
// warm the caches first (a daily sync runs on a warm checkout)
spawnSync(process.execPath, [bin, '--ledger', ledger, 'check', '--format', 'json'], { encoding: 'utf8' });
t0 = Date.now();
const first = run(week1);
console.log(`import of ${rows} new tickets          ${first.ms.toFixed(0).padStart(7)} ms  ${first.out}`);
const sync = run(week2);
console.log(`sync, ${changed} of ${rows} changed         ${sync.ms.toFixed(0).padStart(7)} ms  ${sync.out}`);
const again = run(week2);
console.log(`sync again, nothing changed           ${again.ms.toFixed(0).padStart(7)} ms  ${again.out}`);
console.log(`  sync / first import: ${(sync.ms / first.ms).toFixed(2)}×`);
rmSync(work, { recursive: true, force: true });
