// `aftersales report` end to end (the built bin): the file it writes, where, in which language;
// bad input is exit 2 with nothing written; `control --format markdown` is the review pack;
// the HTML renderer is loaded only by `report`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, hasStackTrace, REPO, exec, tempDir } from '../helpers/run.js';

const EXAMPLE = join(REPO, 'examples', 'electrodomesticos-sol');
const AS_OF = '2026-11-26T12:00:00+01:00';

afterAll(cleanup);

describe('report on the example ledger', async () => {
  const cwd = tempDir();
  const r = await exec(['--ledger', EXAMPLE, 'report', '--as-of', AS_OF], { cwd });
  const file = join(cwd, 'aftersales-report-2026-10.html');

  it('writes aftersales-report-<period>.html in the working directory and says so on stderr', async () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`se ha escrito ${file}\n`);
    expect(readdirSync(cwd)).toEqual(['aftersales-report-2026-10.html']);
  });

  it('a whole document in the ledger language, with the planted problems in it', async () => {
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="es">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('Informe de calidad de posventa');
    expect(html).toContain('<code>reparacion-garantia/tiempo-resolucion/2026-10</code>');
    expect(html).toMatch(/<td>técnico<\/td><td>luis<\/td>/);
    expect(html).toContain('Jorge Martín (jorge)');
    expect(html).not.toMatch(/<script/i);
  });

  it('is deterministic to the byte', async () => {
    const other = tempDir();
    await exec(['--ledger', EXAMPLE, 'report', '--as-of', AS_OF], { cwd: other });
    expect(readFileSync(join(other, 'aftersales-report-2026-10.html'), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });
});

describe('report flags', () => {
  it('--out (relative to the working directory, folders created), --period, --lang', async () => {
    const cwd = tempDir();
    const r = await exec(['--ledger', EXAMPLE, '--lang', 'en', 'report', '--as-of', AS_OF, '--period', '2026-08', '--out', 'out/august.html'], { cwd });
    expect(r.code).toBe(0);
    const file = resolve(cwd, 'out/august.html');
    expect(r.stderr).toBe(`wrote ${file}\n`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('period 2026-08 (2026-08-01 to 2026-08-31)');
    // The CSAT drop of the installations in August is a critical deviation of that period.
    expect(html).toContain('<code>instalacion/satisfaccion/2026-08</code>');
  });

  it('--out replaces an older report of the same name', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.html');
    writeFileSync(file, 'old');
    expect((await exec(['--ledger', EXAMPLE, 'report', '--as-of', AS_OF, '--out', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('bad input is exit 2, says what is wrong, writes nothing', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'folder'));
    const cases: [string[], RegExp][] = [
      [['--period', '2026-13'], /periodo "2026-13" incorrecto/],
      [['--as-of', 'yesterday'], /--as-of "yesterday" incorrecto/],
      [['--out', 'folder'], /es una carpeta/],
      [['--out', ''], /--out necesita un nombre de fichero/],
    ];
    for (const [args, message] of cases) {
      const r = await exec(['--ledger', EXAMPLE, 'report', '--as-of', AS_OF, ...args], { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(readdirSync(cwd)).toEqual(['folder']);
    expect(readdirSync(join(cwd, 'folder'))).toEqual([]);
  });

  it('an invalid ledger is exit 2, naming the file; no report is written', async () => {
    const dir = copyFixture('minimal');
    const bad = join(dir, 'records/2026/10/20261002-7k3qzm2a.yaml');
    writeFileSync(bad, readFileSync(bad, 'utf8').replace('visits: 1', 'visits: one'));
    const cwd = tempDir();
    const r = await exec(['--ledger', dir, 'report', '--as-of', '2026-11-26'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records/2026/10/20261002-7k3qzm2a.yaml:17');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a new, empty ledger gives a report that says there is nothing yet', async () => {
    const dir = tempDir();
    expect((await exec(['init', dir])).code).toBe(0);
    const r = await exec(['--ledger', dir, 'report', '--as-of', '2026-11-26', '--out', join(dir, 'r.html')]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('No service in the ledger yet');
    expect(html).not.toContain('<svg class="chart"');
  });

  it('no ledger: exit 2 with a hint', async () => {
    const cwd = tempDir();
    const r = await exec(['report'], { cwd });
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(cwd, 'aftersales-report-2026-10.html'))).toBe(false);
  });

  it('is listed in --help with its flags', async () => {
    expect((await exec(['--help'])).stdout).toMatch(/\n\s+report \[options\]\s+self-contained HTML report/);
    const help = (await exec(['report', '--help'])).stdout;
    for (const flag of ['--period <label>', '--as-of <time>', '--out <file>']) expect(help).toContain(flag);
  });
});

describe('control --format markdown: the management review pack', async () => {
  const r = await exec(['--ledger', EXAMPLE, 'control', '--as-of', AS_OF, '--format', 'markdown']);

  it('keeps the control table and adds the review inputs', async () => {
    expect(r.stdout).toMatch(/^## /);
    expect(r.stdout).toContain('| reparacion-garantia | tiempo-resolucion |');
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toEqual([
      '### Estado de las acciones anteriores',
      '### Satisfacción del cliente',
      '### Objetivos de calidad',
      '### Desempeño de los procesos',
      '### Desviaciones y acciones correctivas',
      '### Oportunidades de mejora',
    ]);
  });

  it('status of previous actions: the overdue one, the one to verify', async () => {
    expect(r.stdout).toMatch(/^\| `20260908-r08pt6qn` \| correctiva \| .* \| abierta ❌ vencida \| 2026-10-31 \| — \|$/m);
    expect(r.stdout).toMatch(/^\| `20260903-4jhs5f8g` \| correctiva \| .* \| hecha \| 2026-09-30 \| verificación pendiente desde el 2026-09-30: aftersales action verify \|$/m);
  });

  it('customer satisfaction per service with the trend, objectives met, opportunities', async () => {
    expect(r.stdout).toMatch(/^\| instalacion \| 85\.7% \| 14 \| \S+ 100% → 85\.7% \| 57\.14 \| 14 \| /m);
    expect(r.stdout).toMatch(/^\| \*todos los servicios\* \| 91\.4% \| 81 \| /m);
    expect(r.stdout).toContain('| csat-2026 | csat | 91.4% | ≥ 85% | ✅ cumplido | 81 |');
    expect(r.stdout).toContain('| soporte-tecnico | sla-48h | ≥ 85% (\\< 75% crítico) | 97.8% |');
    expect(r.stdout.trimEnd().endsWith('`aftersales improve`')).toBe(true);
  });
});

describe('lazy loading', () => {
  // The modules statically reachable from the CLI entry point: `--help` and `control` must not
  // load the HTML renderer (only `report` imports it, with `await import`).
  function staticGraph(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)';/gms)) {
        if (/^import\s+type\s/.test(m[0])) continue;
        visit(resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
      }
    };
    visit(entry);
    return seen;
  }

  it('src/cli.ts and the control command do not import src/report/html statically', async () => {
    for (const entry of ['src/cli.ts', 'src/commands/control.ts', 'src/commands/report.ts']) {
      const reached = [...staticGraph(join(REPO, entry))].map((f) => f.slice(REPO.length + 1));
      expect(reached.filter((f) => f.startsWith('src/report/html/')), entry).toEqual([]);
    }
    // The walk does follow imports: control reaches the engine, and the CLI every registrar.
    expect(staticGraph(join(REPO, 'src/commands/control.ts'))).toContain(join(REPO, 'src/quality/control.ts'));
    expect(staticGraph(join(REPO, 'src/cli.ts'))).toContain(join(REPO, 'src/cli/report.ts'));
  });
});
