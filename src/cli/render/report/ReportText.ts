/**
 * The completion report as plain text (`report`, the default format), and the few lines of
 * `summary`.
 *
 * @module
 */
import { formatRatio } from "../../../pipeline/Metrics.ts"
import type { FileLine, ReportData } from "../../../program/ReportData.ts"
import { failedCheckNames, metricRows, verdictOf } from "./MetricRows.ts"

const table = (rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  const line = (row: ReadonlyArray<string>) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(rows[0]!), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)]
}

const fileList = (title: string, files: ReadonlyArray<FileLine>, limit: number): ReadonlyArray<string> => {
  if (files.length === 0) return []
  const shown = files.slice(0, limit).map((file) =>
    `  ${file.key || file.uuid}${file.candidate === null ? "" : `  candidate ${file.candidate}`}  ${file.why}`
  )
  const more = files.length - shown.length
  return ["", `${title} (${files.length}):`, ...shown, ...(more > 0 ? [`  … and ${more} more; uuidmap files lists every file`] : [])]
}

const verificationLine = (label: string, report: ReportData["verification"]): string => {
  const failed = failedCheckNames(report)
  return `${label}: ${verdictOf(report)}${failed.length > 0 ? ` - ${failed.join(", ")}` : ""}`
}

/**
 * The report as lines of text. `limit` caps each file list.
 *
 * @category rendering
 */
export const renderReportText = (data: ReportData, limit: number): ReadonlyArray<string> => {
  const final = data.columns.at(-1)!
  return [
    `uuidmap report: ${data.clientsFile}, ${data.ledgerFile}, ${data.bucket}`,
    `Generated ${data.generatedAt}`,
    "",
    ...table([["Metric", ...data.columns.map((column) => column.label)], ...metricRows.map((row) => [row.label, ...data.columns.map(row.value)])]),
    "",
    verificationLine("Verification of the files now", data.verification),
    ...(final.verification === undefined ? [] : [verificationLine("Verification after a run", final.verification)]),
    ...fileList("In review after a run", data.review, limit),
    ...fileList("Unmapped after a run", data.unmapped, limit),
    ...fileList(
      "Reported, not mapped",
      data.findings.map((finding) => ({ uuid: "", key: finding.subject, status: "unmapped", candidate: null, size: null, why: `${finding.kind}: ${finding.detail}` })),
      limit
    )
  ]
}

/**
 * `summary`: the mapping statistics of the files as they are, and what a run would change.
 *
 * @category rendering
 */
export const renderSummary = (data: ReportData): ReadonlyArray<string> => {
  const now = data.columns[0]!.metrics
  const after = data.columns.at(-1)!.metrics
  const pending = data.verification.checks.find((check) => check.name === "idempotent")?.count ?? 0
  return [
    `Files mapped: ${formatRatio(now.filesMapped, now.files)} - client folders ${now.clientFolderMapped}/${now.clientFolderFiles}, pool ${now.poolMapped}/${now.poolFiles} (${now.poolReview} in review, ${now.poolUnmapped} unmapped)`,
    `Clients with UUID tracking: ${formatRatio(now.clientsTracked, now.clients)}`,
    `Orphaned files: ${now.orphaned}; missing: ${now.missing}; reported, not mapped: ${now.findings}`,
    pending === 0
      ? `Up to date: a run changes nothing. Verification: ${verdictOf(data.verification)}.`
      : `A run would make ${pending} change${pending === 1 ? "" : "s"}: files mapped ${formatRatio(after.filesMapped, after.files)}, clients tracked ${formatRatio(after.clientsTracked, after.clients)}.`
  ]
}
