// The HTML report in a real browser: headless Chromium (the Debian package, never a downloaded
// one) driven by playwright-core opens the report of the example ledger from a file:// URL.
// Every chart must render with the expected number of points, with no console error, no page
// error and no request leaving file://; hostile text must not run or add elements; printed, it
// must have a page per service and no dark backgrounds. Screenshots go to test-output/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../../src/ledger/load.js';
import { buildLookup } from '../../src/ledger/lookup.js';
import { runControlEngine } from '../../src/quality/control.js';
import { Engine } from '../../src/quality/engine.js';
import { parseTimestamp, periodsEndingWith } from '../../src/time/index.js';
import { mergeCatalogues } from '../../src/ledger/catalogue.js';
import { cleanup, FIXTURES, REPO, exec, tempDir } from '../helpers/run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const EXAMPLE = join(REPO, 'examples', 'electrodomesticos-sol');
const AS_OF = '2026-11-26T12:00:00+01:00';
const OUT = join(REPO, 'test-output');

const present = existsSync(CHROMIUM);
const onCi = Boolean(process.env.CI);
if (!present && !onCi) {
  console.warn(`browser tests SKIPPED: ${CHROMIUM} not found. Install Chromium (Debian: apt-get install -y chromium) to run them; on CI (CI set) they always run.`);
}

interface Watch {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) w.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

async function report(ledger: string, file: string, asOf: string): Promise<void> {
  const r = await exec(['--ledger', ledger, 'report', '--as-of', asOf, '--out', file]);
  if (r.code !== 0) throw new Error(`report failed (${r.code}): ${r.stderr}`);
}

interface ChartInfo {
  kind: string;
  service: string;
  requirement: string;
  points: number;
  bars: number;
  children: number;
  width: number;
  height: number;
  titled: boolean;
  tableRows: number;
}

describe.skipIf(!present && !onCi)(`the HTML report in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;

  beforeAll(async () => {
    // On CI a missing browser is a failure, not a skip: .ci/run installs it.
    if (!present) throw new Error(`${CHROMIUM} is missing on CI: .ci/run must install the Debian package chromium`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    cleanup();
  });

  describe('the example ledger', () => {
    let page: Page;
    let seen: Watch;
    let charts: ChartInfo[];

    beforeAll(async () => {
      const file = join(tempDir(), 'report.html');
      await report(EXAMPLE, file, AS_OF);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      seen = watch(page);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = (svg as SVGSVGElement).getBBox();
          const card = svg.closest('.card');
          const table = card?.querySelector('details.data table tbody');
          const labelled = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
          return {
            kind: svg.getAttribute('data-kind') ?? '',
            service: svg.getAttribute('data-service') ?? '',
            requirement: svg.getAttribute('data-requirement') ?? '',
            points: svg.querySelectorAll('.pt').length,
            bars: svg.querySelectorAll('rect.bar').length,
            children: svg.childElementCount,
            width: box.width,
            height: box.height,
            titled: svg.getAttribute('role') === 'img' && labelled.length === 2 && labelled.every((id) => (document.getElementById(id)?.textContent ?? '').trim() !== ''),
            tableRows: table ? table.querySelectorAll('tr').length : -1,
          };
        }),
      );
      await page.screenshot({ path: join(OUT, 'report-example.png'), fullPage: true });
      await page.screenshot({ path: join(OUT, 'report-example-top.png') });
    });

    it('no console error, no page error, no dialog, no request outside file://', async () => {
      expect(seen.errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.requests).toEqual([]);
    });

    it('every chart rendered: a named image with content and a size', async () => {
      expect(charts.length).toBeGreaterThan(40);
      for (const c of charts) {
        expect(c.children, `${c.kind} ${c.service} ${c.requirement}`).toBeGreaterThan(3);
        expect(c.width).toBeGreaterThan(100);
        expect(c.height).toBeGreaterThan(100);
        expect(c.titled).toBe(true);
      }
    });

    it('each control chart and satisfaction trend has one point per value with data', async () => {
      const ledger = loadLedger(EXAMPLE, { cache: false });
      const lookup = buildLookup(ledger);
      const engine = new Engine(ledger, lookup);
      const result = runControlEngine(ledger, lookup, { period: '2026-10', asOf: parseTimestamp(AS_OF, ledger.config.timezone), catalogue: mergeCatalogues([], []) }, engine);
      const xmr = charts.filter((c) => c.kind === 'xmr');
      expect(xmr).toHaveLength(result.summary.requirements);
      for (const s of result.services) {
        for (const r of s.requirements) {
          const chart = xmr.find((c) => c.service === s.id && c.requirement === r.id)!;
          expect(chart.points, `${s.id}/${r.id}`).toBe(r.series.filter((p) => p.value !== null).length);
        }
      }
      const periods = periodsEndingWith('2026-10', ledger.config.history);
      for (const kind of ['csat', 'nps'] as const) {
        const c = engine.compile({ indicator: kind });
        for (const s of result.services) {
          const scope = engine.scope(s.id, [s.id]);
          const expected = periods.filter((p) => engine.measure(scope, c, p).value !== null).length;
          expect(charts.find((x) => x.kind === kind && x.service === s.id)!.points, `${kind} ${s.id}`).toBe(expected);
        }
      }
    });

    it('each Pareto chart has one bar per category of its data table; the 6M ones match the records', async () => {
      const paretos = charts.filter((c) => c.kind.startsWith('pareto'));
      expect(paretos.length).toBeGreaterThanOrEqual(7); // 4 services + overall + deviation causes + products
      for (const p of paretos) expect(p.bars, `${p.kind} ${p.service}`).toBe(p.tableRows);
      const ledger = loadLedger(EXAMPLE, { cache: false });
      const engine = new Engine(ledger, buildLookup(ledger));
      for (const p of paretos.filter((x) => x.kind === 'pareto-categories')) {
        const services = p.service === '*' ? ['instalacion', 'mantenimiento-preventivo', 'reparacion-garantia', 'soporte-tecnico'] : [p.service];
        const closed = engine.population(engine.scope(`t:${p.service}`, services), 'closed', '2026-10').filter((r) => !r.cancelled);
        expect(p.bars, p.service).toBe(new Set(closed.flatMap((r) => (r.data.cause ? [r.data.cause.category] : []))).size);
      }
    });

    it('signals are shapes, not only colour: the CSAT drop of 2026-08 is a triangle', async () => {
      const tip = await page.$eval('svg[data-service="instalacion"][data-requirement="satisfaccion"] path.pt-signal title', (t) => t.textContent);
      expect(tip).toBe('2026-08: 29.4% — por debajo del límite de control inferior');
    });

    it('printed: a page per service, no dark background anywhere', async () => {
      await page.emulateMedia({ media: 'print' });
      const dark = await page.$$eval('body, body *', (els) =>
        els.flatMap((el) => {
          const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
          if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return [];
          const [r, g, b] = [m[1], m[2], m[3]].map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b < 200 ? [`${el.tagName}.${el.className}`] : [];
        }),
      );
      expect(dark).toEqual([]);
      const breaks = await page.$$eval('section.service', (els) => els.map((el) => getComputedStyle(el).breakBefore));
      expect(breaks).toEqual(['page', 'page', 'page', 'page']);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(OUT, 'report-example.pdf'), pdf);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(6);
      await page.emulateMedia({ media: 'screen' });
    });
  });

  describe('hostile text (fixture ledgers/xss)', () => {
    it('shows it as text: no dialog, no injected element or handler, the strings readable', async () => {
      const file = join(tempDir(), 'xss.html');
      await report(join(FIXTURES, 'ledgers', 'xss'), file, AS_OF);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const seen = watch(page);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForTimeout(300); // give an injected onerror/onload the chance to fire
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script, img, iframe, object, embed, link').length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
        strangeSvgs: [...document.querySelectorAll('svg')].filter((s) => !s.classList.contains('chart') && !s.classList.contains('icon')).length,
        title: document.title,
        text: document.body.textContent ?? '',
      }));
      await page.screenshot({ path: join(OUT, 'report-xss.png') });
      await page.close();
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.requests).toEqual([]);
      expect(dom.scripts).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.strangeSvgs).toBe(0);
      expect(dom.title).toContain('<script>alert("xss")</script> & "><img src=x onerror=alert(1)> Ltd');
      for (const s of ['Warranty <script>alert("xss")</script> repair', 'Note <script>alert("xss")</script> "><img src=x onerror=alert(1)> \'><svg onload=alert(2)>', 'Action <script>', 'customer = "><img src=x onerror=alert(1)>']) {
        expect(dom.text).toContain(s);
      }
    });
  });
});
