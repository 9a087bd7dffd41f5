/**
 * The HTML report's chart: for each column of the metrics table (before, after each phase),
 * a bar of the mappable files split into mapped, in review and not mapped, and a thinner bar
 * of the clients tracked. Inline SVG, no script, no font or image to fetch.
 *
 * @module
 */
import { formatRatio, type Metrics } from "../../../pipeline/Metrics.ts"
import type { ReportColumn } from "../../../program/ReportData.ts"
import { escapeMarkup } from "./MarkupEscape.ts"
import { percent } from "./MetricRows.ts"

/**
 * The chart's colours, shared with the legend and the page's CSS.
 *
 * @category constants
 */
export const chartColours = {
  mapped: "#2f855a",
  review: "#d69e2e",
  unmapped: "#cbd5e0",
  clients: "#3182ce",
  track: "#edf2f7"
} as const

const barX = 170
const barWidth = 460
const rowHeight = 64
const top = 40

const rect = (x: number, y: number, width: number, height: number, fill: string, title: string): string =>
  width <= 0 ? "" : `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${height}" fill="${fill}"><title>${escapeMarkup(title)}</title></rect>`

const text = (x: number, y: number, content: string, attributes = ""): string =>
  `<text x="${x}" y="${y}"${attributes}>${escapeMarkup(content)}</text>`

const legend = (): string => {
  const items: ReadonlyArray<readonly [string, string]> = [
    [chartColours.mapped, "mapped"],
    [chartColours.review, "in review"],
    [chartColours.unmapped, "not mapped"],
    [chartColours.clients, "clients tracked"]
  ]
  return items.map(([fill, label], i) => `${rect(barX + i * 130, 4, 12, 12, fill, label)}${text(barX + i * 130 + 18, 15, label, ` class="legend"`)}`).join("")
}

const columnBars = (column: ReportColumn, index: number): string => {
  const m: Metrics = column.metrics
  const y = top + index * rowHeight
  const scale = (part: number, whole: number) => (percent(part, whole) / 100) * barWidth
  const mapped = scale(m.filesMapped, m.files)
  const review = scale(m.poolReview, m.files)
  const rest = barWidth - mapped - review
  return [
    text(0, y + 15, column.label, ` class="label"`),
    rect(barX, y, barWidth, 20, chartColours.track, `${m.files} files`),
    rect(barX, y, mapped, 20, chartColours.mapped, `${column.label}: files mapped ${formatRatio(m.filesMapped, m.files)}`),
    rect(barX + mapped, y, review, 20, chartColours.review, `${column.label}: ${m.poolReview} in review`),
    rect(barX + mapped + review, y, rest, 20, chartColours.unmapped, `${column.label}: ${m.files - m.filesMapped - m.poolReview} not mapped`),
    text(barX + barWidth + 12, y + 15, `${formatRatio(m.filesMapped, m.files)} files`, ` class="value"`),
    rect(barX, y + 26, barWidth, 10, chartColours.track, `${m.clients} clients`),
    rect(barX, y + 26, scale(m.clientsTracked, m.clients), 10, chartColours.clients, `${column.label}: clients tracked ${formatRatio(m.clientsTracked, m.clients)}`),
    text(barX + barWidth + 12, y + 36, `${formatRatio(m.clientsTracked, m.clients)} clients`, ` class="value small"`)
  ].join("")
}

/**
 * The chart as an `<svg>` element; it scales to the page's width.
 *
 * @category rendering
 */
export const renderCoverageChart = (columns: ReadonlyArray<ReportColumn>): string => {
  const height = top + columns.length * rowHeight - 16
  const summary = columns.map((column) => `${column.label}: ${formatRatio(column.metrics.filesMapped, column.metrics.files)} files mapped`).join("; ")
  return `<svg class="chart" viewBox="0 0 900 ${height}" role="img" aria-label="${escapeMarkup(`Coverage per phase. ${summary}`)}">` +
    legend() + columns.map(columnBars).join("") + `</svg>`
}
