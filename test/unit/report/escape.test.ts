// The `html` tag escapes every interpolated value (text and attributes), keeps markup built by
// the tag itself, and never lets user text open an element.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, joinHtml } from '../../../src/report/html/escape.js';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(2)>", '&amp; <b>'];

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('replaces control characters that HTML does not allow', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
  });

  it('never leaves a < > or " in its output (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s))));
  });
});

describe('html tag', () => {
  it('escapes interpolated strings in text and in attributes', () => {
    for (const s of HOSTILE) {
      const out = html`<p title="${s}">${s}</p>`.value;
      expect(out).not.toMatch(/<(script|img|svg|b)\b/);
      expect(out.match(/"/g)).toHaveLength(2); // only the attribute's own quotes
      expect(out).toBe(`<p title="${escapeHtml(s)}">${escapeHtml(s)}</p>`);
    }
  });

  it('keeps fragments it built, flattens arrays, drops null/undefined/booleans', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[html`<br>`, '<x>']}${null}${undefined}${false}${3}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br>&lt;x&gt;3</p>');
    expect(joinHtml(['<a>', html`<b></b>`], ', ').value).toBe('&lt;a&gt;, <b></b>');
  });

  it('a plain object pretending to be markup is still escaped', () => {
    const fake = { value: '<script>alert(1)</script>', toString: () => '<script>alert(1)</script>' };
    expect(html`${fake as unknown as string}`.value).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
