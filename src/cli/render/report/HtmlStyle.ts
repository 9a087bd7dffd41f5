/**
 * The HTML report's stylesheet, inlined into the page. It uses no characters that XML would
 * need escaped (no `<` or `&`), so the page stays well-formed XML as well as HTML.
 *
 * @module
 */
import { chartColours } from "./CoverageChart.ts"

/**
 * The CSS text.
 *
 * @category constants
 */
export const reportCss = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 32px 40px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c; background: #f7fafc; }
main { max-width: 1080px; margin: 0 auto; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 12px; }
.meta { color: #4a5568; margin: 0 0 20px; overflow-wrap: anywhere; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 18px 20px; margin: 0 0 18px; }
.verdicts { display: flex; gap: 12px; flex-wrap: wrap; background: none; border: 0; padding: 0; }
.verdict { flex: 1 1 280px; border-radius: 8px; padding: 12px 16px; border: 1px solid; background: #fff; }
.verdict strong { display: block; font-size: 16px; }
.verdict.pass { border-color: ${chartColours.mapped}; border-left-width: 6px; }
.verdict.fail { border-color: #c53030; border-left-width: 6px; }
.verdict .detail { color: #4a5568; }
.chart { width: 100%; height: auto; display: block; }
.chart text { font: 13px system-ui, sans-serif; fill: #2d3748; }
.chart .label { font-weight: 600; }
.chart .legend { font-size: 12px; fill: #4a5568; }
.chart .small { font-size: 12px; fill: #4a5568; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #edf2f7; vertical-align: top; }
th { background: #f7fafc; font-weight: 600; white-space: nowrap; }
tbody th { background: none; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.key, td.uuid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
td.uuid { white-space: nowrap; word-break: normal; }
.fail-text { color: #c53030; font-weight: 600; }
.pass-text { color: ${chartColours.mapped}; font-weight: 600; }
.note { color: #4a5568; margin: 10px 0 0; }
.empty { color: #718096; margin: 0; }
ul.offences { margin: 6px 0 12px; padding-left: 20px; }
ul.offences li { font-size: 13px; word-break: break-all; }
`
