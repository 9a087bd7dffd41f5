/**
 * The completion report as Markdown for a CI job summary: a heading, the metrics table per
 * phase, both verdicts, and the files to look at in collapsed `<details>` blocks. Every cell
 * from the user's data is escaped, so a key cannot break the table or inject markup, and a
 * file-table cell that a spreadsheet would run as a formula is prefixed with `'` (SPEC §4).
 *
 * @module
 */
import { neutraliseFormula } from "../../../io/csv/SpreadsheetSafe.ts"
import type { FileLine, ReportData } from "../../../program/ReportData.ts"
import { escapeMarkup } from "./MarkupEscape.ts"
import { failedCheckNames, metricRows, verdictOf } from "./MetricRows.ts"

/**
 * Escapes text for a Markdown table cell: markup and Markdown punctuation neutralised, `|`
 * escaped, line breaks flattened.
 *
 * @category escaping
 */
export const escapeMarkdownCell = (text: string): string =>
  escapeMarkup(text.replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`).replace(/\r?\n|\r/g, " "))

const row = (cells: ReadonlyArray<string>): string => `| ${cells.join(" | ")} |`

const fileTable = (title: string, files: ReadonlyArray<FileLine>, limit: number): ReadonlyArray<string> => {
  if (files.length === 0) return []
  const shown = files.slice(0, limit)
  const more = files.length - shown.length
  return [
    "",
    `<details><summary>${escapeMarkup(title)} (${files.length})</summary>`,
    "",
    row(["Key", "UUID", "Candidate", "Why"]),
    row(["---", "---", "---", "---"]),
    // Cells a person may paste into a spreadsheet: formula-like text is defused first.
    ...shown.map((file) => row([file.key, file.uuid, file.candidate ?? "", file.why].map((cell) => escapeMarkdownCell(neutraliseFormula(cell))))),
    ...(more > 0 ? ["", `… and ${more} more; \`uuidmap files\` lists every file.`] : []),
    "",
    "</details>"
  ]
}

const verdictLine = (label: string, report: ReportData["verification"]): string => {
  const failed = failedCheckNames(report)
  const mark = report.ok ? "PASS" : "FAIL"
  return `**${label}:** ${mark}, ${verdictOf(report)}${failed.length > 0 ? `: ${failed.map((name) => `\`${name}\``).join(", ")}` : ""}`
}

/**
 * The report as Markdown. `limit` caps each file table.
 *
 * @category rendering
 */
export const renderReportMarkdown = (data: ReportData, limit: number): string => {
  const final = data.columns.at(-1)!
  const lines = [
    "## uuidmap report",
    "",
    `Clients ${escapeMarkdownCell(data.clientsFile)}, ledger ${escapeMarkdownCell(data.ledgerFile)}, bucket ${escapeMarkdownCell(data.bucket)}; generated ${data.generatedAt}.`,
    "",
    row(["Metric", ...data.columns.map((column) => column.label)]),
    row(["---", ...data.columns.map(() => "---:")]),
    ...metricRows.map((metric) => row([metric.label, ...data.columns.map((column) => escapeMarkdownCell(metric.value(column)))])),
    "",
    verdictLine("Verification of the files now", data.verification),
    ...(final.verification === undefined ? [] : ["", verdictLine("Verification after a run", final.verification)]),
    ...fileTable("In review after a run", data.review, limit),
    ...fileTable("Unmapped after a run", data.unmapped, limit),
    ...fileTable(
      "Reported, not mapped",
      data.findings.map((finding) => ({ uuid: "", key: finding.subject, status: "unmapped", candidate: null, size: null, why: `${finding.kind}: ${finding.detail}` })),
      limit
    )
  ]
  return lines.join("\n") + "\n"
}
