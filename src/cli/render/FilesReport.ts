/**
 * The `files` listing as spreadsheet-safe CSV or as JSON (snake_case, like the ledger).
 *
 * @module
 */
import { renderReportCsv } from "../../io/csv/SpreadsheetSafe.ts"
import { formatConfidence } from "../../io/csv/LedgerFile.ts"
import { evidenceCell } from "../../pipeline/EvidenceText.ts"
import type { FileListing } from "../../program/FilesListing.ts"

const columns = ["uuid", "key", "owner", "candidate", "status", "confidence", "size", "evidence", "why"] as const

/**
 * The listing as CSV text; every cell neutralised against formula injection.
 *
 * @category rendering
 */
export const renderFilesCsv = (rows: ReadonlyArray<FileListing>): string =>
  renderReportCsv(
    columns,
    rows.map((row) => [
      row.uuid,
      row.key,
      row.owner,
      row.candidate,
      row.status,
      row.confidence === null ? "" : formatConfidence(row.confidence),
      row.size === null ? "" : String(row.size),
      evidenceCell(row.evidence),
      row.why
    ])
  )

/**
 * The listing as a JSON-ready value, evidence as objects.
 *
 * @category rendering
 */
export const filesJson = (rows: ReadonlyArray<FileListing>) =>
  rows.map((row) => ({
    uuid: row.uuid === "" ? null : row.uuid,
    key: row.key,
    owner: row.owner === "" ? null : row.owner,
    candidate: row.candidate === "" ? null : row.candidate,
    status: row.status,
    confidence: row.confidence,
    size: row.size,
    evidence: row.evidence.map((item) => ({ source: item.source, row_id: item.rowId, detail: item.detail })),
    why: row.why
  }))
