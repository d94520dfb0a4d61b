// The report's only stylesheet, inlined: system fonts (nothing to download), light
// backgrounds, status shown by a symbol and a word besides a tint, and print rules (A4, a page
// per service, cards kept whole, no dark backgrounds, links written out).
export const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1f4e79; }
h3 { font-size: 1.08rem; margin: 18px 0 6px; }
h4 { font-size: 0.98rem; margin: 12px 0 4px; }
p { margin: 6px 0; }
a { color: #1f4e79; }
.meta { color: #4d4d4d; margin: 0; }
nav.toc { margin: 16px 0; padding: 10px 14px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; }
nav.toc ol { margin: 4px 0 0; padding-left: 20px; columns: 2; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f6; font-weight: 600; }
tbody th { background: #f8f9fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
.status { display: inline-block; padding: 0 6px; border-radius: 4px; border: 1px solid; font-weight: 600; white-space: nowrap; }
.status-ok { color: #14532d; background: #e8f5ec; border-color: #86c79a; }
.status-warning { color: #6b3f00; background: #fff4d6; border-color: #e3b341; }
.status-critical { color: #8b1a13; background: #fde8e6; border-color: #e5877f; }
.status-no-data { color: #4d4d4d; background: #f3f3f3; border-color: #bdbdbd; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
.summary li { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; background: #ffffff; }
.summary b { font-size: 1.25rem; display: block; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 14px 20px; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; background: #ffffff; break-inside: avoid; page-break-inside: avoid; }
.card h3, .card h4 { margin-top: 0; }
.card .desc { color: #4d4d4d; margin: 0 0 4px; }
.value-line { margin: 4px 0 6px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; fill: #1a1a1a; }
svg.chart .tick { font-size: 11px; fill: #3d3d3d; }
svg.chart .year { font-weight: 600; }
svg.chart .ref-label { font-size: 11px; font-weight: 600; }
svg.chart .bar-value { font-size: 11px; font-weight: 700; }
svg.chart .empty { font-size: 20px; fill: #6b6b6b; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 6px 0 10px; padding: 0; list-style: none; font-size: 0.88rem; }
.legend li { display: flex; align-items: center; gap: 6px; }
svg.icon { flex: none; }
details { margin: 4px 0; }
details > summary { cursor: pointer; color: #1f4e79; font-size: 0.88rem; }
.deviation { border-left: 5px solid #bdbdbd; padding: 6px 12px; margin: 12px 0; background: #ffffff; break-inside: avoid; page-break-inside: avoid; }
.deviation.sev-warning { border-left-color: #d4a017; }
.deviation.sev-critical { border-left-color: #c0392b; }
.deviation h3 { margin: 0 0 4px; font-size: 1rem; }
.key { white-space: nowrap; }
.deviation code, .key, .keys { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88rem; overflow-wrap: anywhere; }
.deviation ul { margin: 4px 0; padding-left: 20px; }
.muted { color: #5f5f5f; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.service { margin-top: 28px; }
footer { margin-top: 40px; color: #5f5f5f; font-size: 0.85rem; border-top: 1px solid #d0d7de; padding-top: 8px; }
@media (max-width: 640px) { .grid { grid-template-columns: 1fr; } main { padding: 12px; } nav.toc ol { columns: 1; } }
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 10.5pt; background: #ffffff; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  .service, .page { break-before: page; page-break-before: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .grid { display: block; }
  .card { margin: 0 0 10px; }
  details > summary { display: none; }
  a { color: inherit; text-decoration: none; }
  th, .summary li, nav.toc { background: #ffffff; }
  .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
