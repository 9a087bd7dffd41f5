/**
 * The completion report as one self-contained HTML page: inline CSS, an inline SVG chart of
 * coverage per phase, the metrics table, both verdicts with the failed checks, and tables of
 * the files in review, unmapped and reported, each with its `why`. No script, no network, no
 * external font or image. The page is also well-formed XML, which lets tests parse it. File
 * table cells that a spreadsheet would run as a formula are prefixed with `'` (SPEC §4).
 *
 * @module
 */
import { neutraliseFormula } from "../../../io/csv/SpreadsheetSafe.ts"
import type { CheckResult, VerifyReport } from "../../../pipeline/Verify.ts"
import type { FileLine, ReportData } from "../../../program/ReportData.ts"
import { renderCoverageChart } from "./CoverageChart.ts"
import { reportCss } from "./HtmlStyle.ts"
import { escapeMarkup as e } from "./MarkupEscape.ts"
import { failedCheckNames, metricRows } from "./MetricRows.ts"

const verdictCard = (label: string, report: VerifyReport): string => {
  const failed = failedCheckNames(report)
  const headline = report.ok
    ? `PASS: ${report.passed} of ${report.checks.length} checks passed`
    : `FAIL: ${failed.length} of ${report.checks.length} checks failed`
  const warnings = report.failedWarnings > 0 ? `${report.failedWarnings} warning${report.failedWarnings === 1 ? "" : "s"}` : ""
  const detail = [failed.length > 0 ? `failed: ${failed.join(", ")}` : "", warnings].filter((part) => part !== "").join("; ")
  return `<div class="verdict ${report.ok ? "pass" : "fail"}"><span>${e(label)}</span>` +
    `<strong class="${report.ok ? "pass-text" : "fail-text"}">${e(headline)}</strong>` +
    (detail === "" ? "" : `<span class="detail">${e(detail)}</span>`) + `</div>`
}

const metricsTable = (data: ReportData): string => {
  const head = `<tr><th>Metric</th>${data.columns.map((column) => `<th class="num">${e(column.label)}</th>`).join("")}</tr>`
  const rows = metricRows.map((row) =>
    `<tr><th scope="row">${e(row.label)}</th>${data.columns.map((column) => `<td class="num">${e(row.value(column))}</td>`).join("")}</tr>`
  )
  return `<table class="metrics"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`
}

const checkItem = (check: CheckResult): string => {
  const more = check.count - check.offences.length
  const items = check.offences.map((offence) => `<li><code>${e(offence.location)}</code> ${e(offence.message)}</li>`)
  return `<h3>${e(check.name)} <span class="${check.severity === "error" ? "fail-text" : ""}">(${check.severity}, ${check.count} offending row${check.count === 1 ? "" : "s"})</span></h3>` +
    `<p class="note">${e(check.description)}</p>` +
    `<ul class="offences">${items.join("")}${more > 0 ? `<li>… and ${more} more</li>` : ""}</ul>`
}

const failedChecks = (report: VerifyReport): string => {
  const failed = report.checks.filter((check) => !check.passed)
  if (failed.length === 0) return ""
  return `<section id="checks"><h2>Failed checks now</h2>${failed.map(checkItem).join("")}</section>`
}

type FileColumn = "key" | "subject" | "uuid" | "candidate" | "size" | "why"

const columnHeads: Readonly<Record<FileColumn, string>> = {
  key: "<th>Key</th>",
  subject: "<th>Subject</th>",
  uuid: "<th>UUID</th>",
  candidate: "<th>Candidate</th>",
  size: `<th class="num">Size</th>`,
  why: "<th>Why</th>"
}

// A table cell's text, escaped, and defused when a spreadsheet (which opens HTML tables, and
// takes them pasted) would run it as a formula.
const cell = (text: string): string => e(neutraliseFormula(text))

const cellOf = (file: FileLine, column: FileColumn): string => {
  switch (column) {
    case "key":
    case "subject":
      return `<td class="key">${cell(file.key)}</td>`
    case "uuid":
      return `<td class="uuid">${cell(file.uuid)}</td>`
    case "candidate":
      return `<td>${cell(file.candidate ?? "")}</td>`
    case "size":
      return `<td class="num">${file.size === null ? "" : e(String(file.size))}</td>`
    case "why":
      return `<td>${cell(file.why)}</td>`
  }
}

const fileTable = (id: string, title: string, files: ReadonlyArray<FileLine>, limit: number, columns: ReadonlyArray<FileColumn>): string => {
  const heading = `<h2>${e(title)} (${files.length})</h2>`
  if (files.length === 0) return `<section id="${id}">${heading}<p class="empty">None.</p></section>`
  const shown = files.slice(0, limit)
  const head = `<tr>${columns.map((column) => columnHeads[column]).join("")}</tr>`
  const rows = shown.map((file) => `<tr>${columns.map((column) => cellOf(file, column)).join("")}</tr>`)
  const more = files.length - shown.length
  return `<section id="${id}">${heading}<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>` +
    (more > 0 ? `<p class="note">… and ${more} more; <code>uuidmap files</code> lists every file.</p>` : "") + `</section>`
}

/**
 * The page. `limit` caps each file table (a bucket of millions would make an unreadable page).
 *
 * @category rendering
 */
export const renderReportHtml = (data: ReportData, limit: number): string => {
  const final = data.columns.at(-1)!
  const reported: ReadonlyArray<FileLine> = data.findings.map((finding) => ({
    uuid: "",
    key: finding.subject,
    status: "unmapped",
    candidate: null,
    size: null,
    why: `${finding.kind}: ${finding.detail}`
  }))
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>`,
    `<title>uuidmap report</title><style>${reportCss}</style></head>`,
    `<body><main>`,
    `<h1>uuidmap report</h1>`,
    `<p class="meta">Clients <code>${e(data.clientsFile)}</code> · ledger <code>${e(data.ledgerFile)}</code> · bucket <code>${e(data.bucket)}</code> · generated ${e(data.generatedAt)}</p>`,
    `<section class="verdicts">${verdictCard("Verification of the files now", data.verification)}` +
    (final.verification === undefined ? "" : verdictCard("Verification after a run", final.verification)) + `</section>`,
    `<section id="coverage"><h2>Coverage per phase</h2>${renderCoverageChart(data.columns)}` +
    `</section>`,
    `<section id="metrics"><h2>Success metrics</h2>${metricsTable(data)}</section>`,
    failedChecks(data.verification),
    fileTable("review", "In review after a run", data.review, limit, ["key", "uuid", "candidate", "size", "why"]),
    fileTable("unmapped", "Unmapped after a run", data.unmapped, limit, ["key", "uuid", "size", "why"]),
    fileTable("reported", "Reported, not mapped", reported, limit, ["subject", "why"]),
    `</main></body>`,
    `</html>`,
    ``
  ].join("\n")
}
