/**
 * The rows of the success-metrics table (SPEC §6, the original plan's table), shared by every
 * report format so that text, Markdown and HTML always show the same numbers.
 *
 * @module
 */
import { formatRatio, type Metrics } from "../../../pipeline/Metrics.ts"
import type { VerifyReport } from "../../../pipeline/Verify.ts"
import type { ReportColumn } from "../../../program/ReportData.ts"

/**
 * One row: its label and how to show it for a column.
 *
 * @category models
 */
interface MetricRow {
  readonly label: string
  readonly value: (column: ReportColumn) => string
}

const metric = (label: string, value: (metrics: Metrics) => string): MetricRow => ({
  label,
  value: (column) => value(column.metrics)
})

/**
 * A verification in a few words: `pass`, `pass, 1 warning`, `fail (2 checks)`.
 *
 * @category formatting
 */
export const verdictOf = (report: VerifyReport): string => {
  const warnings = report.failedWarnings === 0 ? "" : `, ${report.failedWarnings} warning${report.failedWarnings === 1 ? "" : "s"}`
  return report.ok ? `pass${warnings}` : `fail (${report.failedErrors} check${report.failedErrors === 1 ? "" : "s"}${warnings})`
}

/**
 * The names of the error-level checks that failed.
 *
 * @category formatting
 */
export const failedCheckNames = (report: VerifyReport): ReadonlyArray<string> =>
  report.checks.filter((check) => !check.passed && check.severity === "error").map((check) => check.name)

/**
 * The table's rows, in the plan's order, the verification last.
 *
 * @category models
 */
export const metricRows: ReadonlyArray<MetricRow> = [
  metric("Files mapped", (m) => formatRatio(m.filesMapped, m.files)),
  metric("Client-folder files mapped", (m) => formatRatio(m.clientFolderMapped, m.clientFolderFiles)),
  metric("Pool files mapped", (m) => formatRatio(m.poolMapped, m.poolFiles)),
  metric("Pool files in review", (m) => String(m.poolReview)),
  metric("Pool files unmapped", (m) => String(m.poolUnmapped)),
  metric("Clients with UUID tracking", (m) => formatRatio(m.clientsTracked, m.clients)),
  metric("Orphaned files", (m) => String(m.orphaned)),
  metric("Missing files", (m) => String(m.missing)),
  metric("Reported, not mapped", (m) => String(m.findings)),
  { label: "Verification", value: (column) => (column.verification === undefined ? "-" : verdictOf(column.verification)) }
]

/**
 * A ratio as a percentage for charts: 0 to 100, 0 when the whole is 0.
 *
 * @category formatting
 */
export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : (part / whole) * 100)
