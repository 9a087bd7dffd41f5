/**
 * The review sheet `review export` writes and a person fills in: one row per file in review,
 * with its UUID, key, size, best candidate, every candidate, every piece of evidence and the
 * why, and empty `decision` and `note` columns. Cells are neutralised against formula
 * injection (SPEC §4), because keys and details come from the bucket and evidence files.
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { renderReportCsv } from "../io/csv/SpreadsheetSafe.ts"
import { candidatesOf, evidenceCell } from "../pipeline/EvidenceText.ts"
import { clientOrderOf } from "../pipeline/Redecide.ts"

/**
 * The sheet's columns; `review accept` reads `uuid`, `decision` and `note` back.
 *
 * @category models
 */
const reviewSheetColumns = [
  "uuid",
  "key",
  "size",
  "best_candidate",
  "candidates",
  "evidence",
  "why",
  "decision",
  "note"
] as const

/**
 * The sheet's rows: the files in review, by key.
 *
 * @category rendering
 */
export const reviewSheetRows = (state: State): ReadonlyArray<ReadonlyArray<string>> => {
  const order = clientOrderOf(state.clients)
  return state.ledger
    .filter((mapping) => mapping.status === "review")
    .map((mapping) => [
      mapping.uuid,
      mapping.key ?? "",
      mapping.size === null ? "" : String(mapping.size),
      mapping.rowId ?? "",
      candidatesOf(mapping, order).join("; "),
      evidenceCell(mapping.evidence),
      mapping.why,
      "",
      ""
    ])
}

/**
 * The whole sheet as spreadsheet-safe CSV text.
 *
 * @category rendering
 */
export const renderReviewSheet = (state: State): string => renderReportCsv(reviewSheetColumns, reviewSheetRows(state))
