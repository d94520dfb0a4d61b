#!/usr/bin/env node
// Writes a complete, valid, synthetic aftersales ledger of any size, for benchmarks and tests.
//
//   node scripts/generate.mjs --records 100000 --out DIR [--seed 42] [--services 4]
//                             [--months 12] [--end 2026-10] [--locale es|en] [--people 20]
//
// Deterministic: the same arguments give byte-identical files. If DIR already holds a ledger,
// its ledger files are replaced; a non-empty folder that is not a ledger is refused.
import { parseArgs } from 'node:util';
import { generateLedger } from './lib/ledger-gen.mjs';

const USAGE = 'usage: node scripts/generate.mjs --records N --out DIR [--seed 42] [--services 4] [--months 12] [--end 2026-10] [--locale es|en] [--people 20]';

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        records: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: '42' },
        services: { type: 'string', default: '4' },
        months: { type: 'string', default: '12' },
        end: { type: 'string', default: '2026-10' },
        locale: { type: 'string', default: 'es' },
        people: { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(e.message);
  }
  if (values.help) return console.log(USAGE);
  const int = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  try {
    if (values.records === undefined || !values.out) throw new Error('--records and --out are required');
    if (!['es', 'en'].includes(values.locale)) throw new Error('--locale must be es or en');
    const res = generateLedger({
      records: int('records'),
      out: values.out,
      seed: int('seed'),
      services: int('services'),
      months: int('months'),
      end: values.end,
      locale: values.locale,
      people: int('people'),
    });
    const range = `${res.months[0]}..${res.months[res.months.length - 1]}`;
    console.log(
      `generated ${res.records} records (${res.services.length} services, ${res.months.length} months ${range}) ` +
        `in ${values.out}: ${res.files} files, ${(res.bytes / 1048576).toFixed(1)} MiB, ${(res.ms / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    return fail(e.message);
  }
}

function fail(msg) {
  console.error(`generate: ${msg}\n${USAGE}`);
  process.exitCode = 2;
}

main();
