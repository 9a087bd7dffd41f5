/**
 * The completion report as JSON (`report --format json`), snake_case like the other machine
 * outputs.
 *
 * @module
 */
import type { FileLine, ReportData } from "../../../program/ReportData.ts"
import { verifyJson } from "./VerifyText.ts"

const fileJson = (file: FileLine) => ({
  uuid: file.uuid,
  key: file.key === "" ? null : file.key,
  status: file.status,
  candidate: file.candidate,
  size: file.size,
  why: file.why
})

/**
 * The report as a JSON-ready value.
 *
 * @category rendering
 */
export const reportJson = (data: ReportData) => ({
  generated_at: data.generatedAt,
  clients: data.clientsFile,
  ledger: data.ledgerFile,
  bucket: data.bucket,
  phases: data.columns.map((column) => ({
    label: column.label,
    metrics: column.metrics,
    verification: column.verification === undefined ? null : verifyJson(column.verification).summary
  })),
  verification: verifyJson(data.verification),
  review: data.review.map(fileJson),
  unmapped: data.unmapped.map(fileJson),
  reported: data.findings
})
