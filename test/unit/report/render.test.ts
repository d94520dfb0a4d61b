// The HTML renderer end to end on two ledgers: the XSS fixture (hostile text in every field a
// user writes) must come out as text only, and the example ledger must give one accessible
// control chart per requirement with one marker per value with data. No network anywhere.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../../src/i18n/index.js';
import { suggestionCatalogue } from '../../../src/ledger/catalogue.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import { runControlEngine, type ControlResult } from '../../../src/quality/control.js';
import { Engine } from '../../../src/quality/engine.js';
import { parseTimestamp } from '../../../src/time/index.js';
import { escapeHtml } from '../../../src/report/html/escape.js';
import { buildReportModel } from '../../../src/acting/report-model.js';
import { renderReport } from '../../../src/report/html/page.js';
import { FIXTURES, REPO } from '../../helpers/run.js';

function render(root: string, asOf: string, lang: Lang): { html: string; result: ControlResult } {
  const ledger = loadLedger(root, { cache: false });
  const lookup = buildLookup(ledger);
  const engine = new Engine(ledger, lookup);
  const period = '2026-10';
  const result = runControlEngine(ledger, lookup, { period, asOf: parseTimestamp(asOf, ledger.config.timezone), catalogue: suggestionCatalogue(ledger, lang) }, engine);
  return { html: renderReport(buildReportModel(ledger, lookup, engine, result, lang), translator(lang)), result };
}

/** Every element the renderer may write. Anything else came from user text. */
const ALLOWED = new Set('html head meta title style body main header h1 h2 h3 h4 p b br nav ol ul li a section table caption thead tbody tr th td span code details summary article div footer svg g line path rect circle text desc'.split(' '));

const HOSTILE = ['<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(2)>"];

describe('hostile text (fixture ledgers/xss)', () => {
  let html = '';
  beforeAll(() => {
    html = render(join(FIXTURES, 'ledgers', 'xss'), '2026-11-26T12:00:00+01:00', 'en').html;
  });

  it('writes only the renderer’s own elements: no script, no img, no injected svg', () => {
    const tags = new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
    expect([...tags].filter((tag) => !ALLOWED.has(tag))).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<svg onload/i);
  });

  it('no event-handler attribute and no javascript: URL anywhere', () => {
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('shows the hostile strings as text: in HTML, in attributes and in SVG text', () => {
    for (const s of HOSTILE) expect(html).toContain(escapeHtml(s));
    // The organisation in the document title, the service name in the heading, the customer
    // (a cause value) in an SVG label of the Pareto of deviation causes.
    expect(html).toMatch(/<title>After-sales quality report — &lt;script&gt;alert\(&quot;xss&quot;\)&lt;\/script&gt; &amp; &quot;&gt;&lt;img/);
    expect(html).toMatch(/<h2>Warranty &lt;script&gt;alert\(&quot;xss&quot;\)&lt;\/script&gt; repair/);
    expect(html).toMatch(/<text [^>]*>customer = &quot;&gt;&lt;img src=x/);
    // The record's note in the list of records that break the plan; the action's title.
    expect(html).toContain('<span class="note">Note &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39;&gt;&lt;svg onload=alert(2)&gt;</span>');
    expect(html).toContain('Action &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    // The suggestion from the ledger's own catalogue, and its plan.
    expect(html).toContain('Suggestion &lt;script&gt;');
    expect(html).toContain('Plan &quot;&gt;&lt;img');
  });

  it('every attribute value is quoted and balanced (no attribute broken out of)', () => {
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      const stripped = tag.replace(/\s[\w:-]+="[^"]*"/g, '').replace(/\sopen(?=[\s>])/, '');
      expect(stripped, tag).toMatch(/^<[\w-]+\s*\/?>$/);
    }
  });
});

describe('the example ledger (Spanish)', () => {
  let html = '';
  let result: ControlResult;
  beforeAll(() => {
    ({ html, result } = render(join(REPO, 'examples', 'electrodomesticos-sol'), '2026-11-26T12:00:00+01:00', 'es'));
  });

  it('is one self-contained document: no script, no external resource, a CSP that forbids them', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="es">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    // The only URL is the SVG namespace, which is a name, not a request.
    expect([...new Set(html.match(/https?:\/\/[^"' )]+/g))]).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('one XmR chart per requirement, each with one marker per value with data', () => {
    const charts = [...html.matchAll(/<svg class="chart"[^>]*data-kind="xmr" data-service="([^"]+)" data-requirement="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/g)];
    const requirements = result.services.flatMap((s) => s.requirements.map((r) => ({ s: s.id, r })));
    expect(charts).toHaveLength(requirements.length);
    for (const { s, r } of requirements) {
      const chart = charts.find((c) => c[1] === s && c[2] === r.id)!;
      const expected = r.series.filter((p) => p.value !== null).length;
      expect((chart[3].match(/class="pt[ "]/g) ?? []).length, `${s}/${r.id}`).toBe(expected);
    }
  });

  it('every chart is an image named by its title and described by its desc; ids are unique', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const svgs = [...html.matchAll(/<svg class="chart" role="img" aria-labelledby="([^"]+)"/g)];
    expect(svgs.length).toBeGreaterThan(40);
    for (const [, labelledby] of svgs) {
      const [title, desc] = labelledby.split(' ');
      expect(html).toMatch(new RegExp(`<title id="${title}">[^<]+</title><desc id="${desc}">[^<]+</desc>`));
    }
    // Each chart has a text alternative (its data table) after it; a service's CSAT and NPS
    // trends share one table.
    const nps = (html.match(/data-kind="nps"/g) ?? []).length;
    expect(nps).toBe(5);
    expect((html.match(/<details class="data">/g) ?? []).length).toBe(svgs.length - nps);
  });

  it('marks the planted signals with shapes: the CSAT drop of 2026-08 as a point below the lower limit', () => {
    const chart = /<svg class="chart"[^>]*data-service="instalacion" data-requirement="satisfaccion"[^>]*>[\s\S]*?<\/svg>/.exec(html)![0];
    expect(chart).toMatch(/<path class="pt pt-signal" d="[^"]+"><title>2026-08: 29\.4% — por debajo del límite de control inferior<\/title>/);
  });

  it('inlines its stylesheet verbatim (CSS is not HTML-escaped) and it cannot close the style element', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    expect(css).toContain('details > summary');
    expect(css).toContain('"Segoe UI"');
    expect(css).not.toContain('&');
  });

  it('is in the ledger language and deterministic', () => {
    expect(html).toContain('<h2>Desviaciones (8)</h2>');
    expect(html).toContain('Gráficos de control (XmR)');
    expect(render(join(REPO, 'examples', 'electrodomesticos-sol'), '2026-11-26T12:00:00+01:00', 'es').html).toBe(html);
  });
});
