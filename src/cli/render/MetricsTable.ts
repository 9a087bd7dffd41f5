/**
 * The success-metrics table of the original plan, before and after a run.
 *
 * @module
 */
import { formatRatio, type Metrics } from "../../pipeline/Metrics.ts"

/**
 * The table as text lines, one column per state given.
 *
 * @category rendering
 */
export const renderMetricsTable = (
  columns: ReadonlyArray<{ readonly label: string; readonly metrics: Metrics }>
): ReadonlyArray<string> => {
  const rows: ReadonlyArray<readonly [string, (m: Metrics) => string]> = [
    ["Files mapped", (m) => formatRatio(m.filesMapped, m.files)],
    ["Client-folder files mapped", (m) => formatRatio(m.clientFolderMapped, m.clientFolderFiles)],
    ["Pool files mapped", (m) => formatRatio(m.poolMapped, m.poolFiles)],
    ["Pool files in review", (m) => String(m.poolReview)],
    ["Pool files unmapped", (m) => String(m.poolUnmapped)],
    ["Clients with UUID tracking", (m) => formatRatio(m.clientsTracked, m.clients)],
    ["Orphaned files", (m) => String(m.orphaned)],
    ["Missing files", (m) => String(m.missing)],
    ["Reported, not mapped", (m) => String(m.findings)]
  ]
  const cells = rows.map(([label, value]) => [label, ...columns.map((column) => value(column.metrics))])
  const header = ["Metric", ...columns.map((column) => column.label)]
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((row) => row[i]!.length)))
  const line = (row: ReadonlyArray<string>) => row.map((text, i) => text.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...cells.map(line)]
}
