import fc from 'fast-check';
// control --format markdown as a management review pack: the ISO 9001 9.3.2 inputs in order,
// the ledger's actions with their status, satisfaction trends, improvement opportunities, and
// every user-written string Markdown-escaped (no raw HTML reaches a pull-request comment).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { suggestionCatalogue } from '../../../src/ledger/catalogue.js';
import { loadLedger } from '../../../src/ledger/load.js';
import { buildLookup } from '../../../src/ledger/lookup.js';
import { runControlEngine } from '../../../src/quality/control.js';
import { Engine } from '../../../src/quality/engine.js';
import { parseTimestamp } from '../../../src/time/index.js';
import { formatControlMarkdown, md } from '../../../src/report/control-markdown.js';
import { reviewInputs } from '../../../src/acting/review.js';
import { FIXTURES } from '../../helpers/run.js';

const t = translator('en');
let withReview = '';
let withoutReview = '';

beforeAll(() => {
  const ledger = loadLedger(join(FIXTURES, 'ledgers', 'xss'), { cache: false });
  const lookup = buildLookup(ledger);
  const engine = new Engine(ledger, lookup);
  const result = runControlEngine(ledger, lookup, { period: '2026-10', asOf: parseTimestamp('2026-11-26T12:00:00+01:00', 'Europe/Madrid'), catalogue: suggestionCatalogue(ledger, 'en') }, engine);
  withReview = formatControlMarkdown(result, t, reviewInputs(ledger, engine, result));
  withoutReview = formatControlMarkdown(result, t);
});

describe('review pack', () => {
  it('has the review inputs in the order of ISO 9001 9.3.2', () => {
    const headings = withReview.split('\n').filter((l) => l.startsWith('#'));
    expect(headings[0]).toMatch(/^## Quality control: /);
    expect(headings.slice(1)).toEqual([
      '### Status of previous actions',
      '### Customer satisfaction',
      '### Quality objectives',
      '### Process performance',
      '### Deviations and corrective actions',
      '### Improvement opportunities',
    ]);
  });

  it('lists the ledger’s actions with status, due date and the deviation they answer', () => {
    expect(withReview).toMatch(/^\| `20261103-a1b2c3d4` \| corrective \| Action \\<script\\>alert\(".*\| warranty-repair\/resolution-time \| marta \| open \| 2026-12-01 \| — \|$/m);
    // …and under the deviation it answers.
    expect(withReview).toContain('  - action `20261103-a1b2c3d4`: Action \\<script\\>');
  });

  it('gives CSAT and NPS per service with the trend, and all services together', () => {
    const row = withReview.split('\n').find((l) => l.startsWith('| warranty-repair | '))!;
    // 2026-10: five surveys, all csat 5 → 100%; 2026-09 too → "100% → 100%".
    expect(row).toMatch(/^\| warranty-repair \| 100% \| 5 \| \S+ 100% → 100% \| 100 \| 5 \| \S+ 100 → 100 \|$/);
    expect(withReview).not.toContain('| *all services* |'); // one service: no total row
  });

  it('improvement opportunities: none here (every requirement missed its target in some period)', () => {
    expect(withReview.trimEnd().endsWith('No requirement met its target with margin in every period.')).toBe(true);
  });

  it('escapes everything users wrote: no raw tag reaches the Markdown', () => {
    for (const text of [withReview, withoutReview]) {
      const outsideCode = text.replace(/`[^`\n]*`/g, '');
      expect(outsideCode).not.toMatch(/(^|[^\\])<(script|img|svg|\/script)/im);
    }
    expect(withReview).toContain(md('Suggestion <script>alert("xss")</script>'));
  });

  it('without the review inputs it still gives objectives, performance and deviations', () => {
    const headings = withoutReview.split('\n').filter((l) => l.startsWith('###'));
    expect(headings).toEqual(['### Quality objectives', '### Process performance', '### Deviations and corrective actions']);
    expect(withoutReview).toContain('| warranty-repair | resolution-time |');
  });
});

describe('md: only what Markdown needs (issue 15)', () => {
  it('leaves dates, ids, periods and parentheses as they are', () => {
    for (const text of ['2026-11', '(ISO 9001 9.3.2)', 'reparacion-garantia/tiempo-resolucion/2026-10', '71.1 h', '#tag', 'a+b=c']) expect(md(text)).toBe(text);
  });

  it('escapes inline syntax anywhere and block syntax at the start of a line', () => {
    expect(md('a *b* _c_ [l](u) <x> | ~s~ &amp; `c`')).toBe('a \\*b\\* \\_c\\_ \\[l\\](u) \\<x\\> \\| \\~s\\~ \\&amp; \\`c\\`');
    expect(md('1. item')).toBe('1\\. item');
    expect(md('12) y')).toBe('12\\) y');
    expect(md('# head')).toBe('\\# head');
    expect(md('- x\n+ y\n---')).toBe('\\- x\n\\+ y\n\\---');
  });

  it('never lets a character that opens inline markup through unescaped (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => !/(^|[^\\])(\\\\)*[*_`[\]<>|~&]/.test(md(s).replace(/\\[\\`*_[\]<>|~&]/g, ''))));
  });
});
