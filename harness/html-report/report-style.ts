// The report's stylesheet, inlined into the page: readable from phone to laptop width, printable, with
// colours that meet WCAG AA contrast and are always paired with a symbol.
export const reportStyle = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#fff; --panel:#f6f8fa; --ok:#116329; --bad:#a40e26; --warn:#7d4e00; --err:#6639ba; --accent:#0550ae; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header.page { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1.1rem; margin-top: 1.5rem; } h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.muted { color: var(--muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.table-wrap { overflow-x: auto; max-width: 100%; position: relative; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.num, th.num { text-align: right; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: var(--fg); }
th button::after { content: " ↕"; color: var(--muted); }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
.matrix { width: auto; } .matrix td, .matrix thead th.num { text-align: center; min-width: 2rem; padding: .35rem .25rem; }
.matrix tbody th, .matrix thead th:first-child { position: sticky; left: 0; z-index: 1; max-width: 14rem; } ol.legend { columns: 2 22rem; column-gap: 3rem; font-size: .9rem; } ol.legend li { break-inside: avoid; }
td > .passed, td > .failed, td > .timeout, td > .error { white-space: nowrap; }
.passed, .ok, .pass { color: var(--ok); } .failed, .bad, .fail { color: var(--bad); } .timeout { color: var(--warn); } .error { color: var(--err); }
.badge { display: inline-block; border: 2px solid currentColor; border-radius: 4px; padding: 0 .4rem; font-weight: 700; }
.score { font-size: 2rem; font-weight: 700; }
.notice { border-left: 4px solid var(--err); background: #f5f0ff; padding: .5rem .75rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1rem; }
figure { margin: .5rem 0; } figcaption { font-weight: 600; margin-bottom: .25rem; }
svg.chart { width: 100%; max-width: 640px; height: auto; font-size: 13px; fill: var(--fg); }
svg .track { fill: #eaeef2; } svg .bar, svg .column { fill: var(--accent); } svg .rule.ok { fill: var(--ok); } svg .rule.bad { fill: var(--bad); }
svg text.ok { fill: var(--ok); } svg text.bad { fill: var(--bad); } svg .value { fill: var(--muted); }
svg .limit { stroke-width: 2; stroke-dasharray: 6 4; } svg .limit.ok { stroke: var(--ok); } svg .limit.bad { stroke: var(--bad); }
svg .limit-tick { stroke: var(--fg); stroke-width: 2; } svg .axis { stroke: var(--line); }
pre { background: var(--panel); padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; font-size: 13px; }
details { margin: .25rem 0; } summary { cursor: pointer; }
fieldset.marks { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; } .mark-row { display: grid; grid-template-columns: minmax(10rem, 1fr) auto minmax(12rem, 2fr); gap: .5rem; align-items: start; margin: .35rem 0; } .mark-row textarea { width: 100%; font: inherit; }
@media (max-width: 640px) { .mark-row { grid-template-columns: 1fr; } }
.side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: .75rem; } .side-by-side figure { min-width: 0; }
.message { white-space: pre-wrap; word-break: break-word; }
ol.questions li { margin: .25rem 0; }
@media (max-width: 640px) { body { font-size: 14px; } main { padding: .5rem; } .score { font-size: 1.5rem; } dl.meta { grid-template-columns: 1fr; } dl.meta dd { margin-bottom: .25rem; } }
@media print { nav, .skip, th button::after { display: none; } section.candidate { break-before: page; } a { color: inherit; text-decoration: none; } pre { white-space: pre-wrap; } details > pre { display: block; } }
`;
