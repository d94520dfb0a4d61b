#!/usr/bin/env node
// One in-process measurement for bench.mjs: load (cold or warm, as the cache finds it), the
// cross-file checks as `control` runs them, and the control engine (with its facts cache), each timed, with the peak RSS of the process.
// Prints one JSON line. Usage: node scripts/bench-phases.mjs LEDGER PERIOD AS_OF
import { loadLedger } from '../dist/ledger/load.js';
import { crossChecks, place } from '../dist/ledger/checks.js';
import { buildLookup } from '../dist/ledger/lookup.js';
import { runControlEngine } from '../dist/quality/control.js';
import { suggestionCatalogue } from '../dist/ledger/catalogue.js';
import { cachedEngine } from '../dist/quality/facts-cache.js';

const [root, period, asOf] = process.argv.slice(2);
const t0 = performance.now();
const ledger = loadLedger(root);
const t1 = performance.now();
// What `control` checks before measuring (openValidLedger): every cross-file check, errors placed.
const fileErrors = ledger.files.flatMap((f) => f.problems).filter((p) => p.severity === 'error');
const cross = crossChecks(ledger);
const problems = [...fileErrors, ...place(ledger.root, cross.filter((p) => p.severity === 'error'))];
const warnings = cross.length - cross.filter((p) => p.severity === 'error').length;
const t2 = performance.now();
// As `control` does: the engine starts from the facts cache (when there is one) and saves it.
const lookup = buildLookup(ledger);
const { engine, save } = cachedEngine(ledger, lookup);
const result = runControlEngine(ledger, lookup, { period, asOf: Date.parse(asOf), catalogue: suggestionCatalogue(ledger, 'en') }, engine);
save();
const t3 = performance.now();
console.log(JSON.stringify({
  records: ledger.records.length,
  loadMs: Math.round(t1 - t0),
  checksMs: Math.round(t2 - t1),
  engineMs: Math.round(t3 - t2),
  errors: problems.length,
  warnings,
  deviations: result.deviations.length,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}));
