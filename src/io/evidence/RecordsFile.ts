/**
 * Records exported from a database (`--records FILE`, SPEC §2 source 2): rows of `uuid,row_id`
 * (names settable with `--records-columns uuid=…,row_id=…`), CSV or JSON Lines. A bad row
 * refuses the whole file with its line and column. A row id that is not in the CSV is not an
 * error here: phase 2 reports it and never maps it.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { EvidenceError } from "../../domain/EvidenceError.ts"
import type { Claim } from "../../domain/PoolEvidence.ts"
import {
  cellNamed,
  evidenceFileLabel,
  type EvidenceRow,
  type EvidenceHeader,
  hasColumn,
  readClaims
} from "./EvidenceRows.ts"
import { parseUuidCell } from "./MigrationLogFile.ts"

/**
 * The column (or JSON field) names of a records file.
 *
 * @example Records exported with other column names
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings, type RecordsColumns } from "uuidmap"
 *
 * const recordsColumns: RecordsColumns = { uuid: "file_id", rowId: "client_id" }
 * const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///data/bucket", evidence: { migrationLogs: [], records: ["records.csv"], recordsColumns } })
 * assert.equal(settings.evidence.recordsColumns?.rowId, "client_id")
 * ```
 * @category models
 */
export interface RecordsColumns {
  /** The file's UUID (default `uuid`). */
  readonly uuid: string
  /** The owner's row id (default `row_id`). */
  readonly rowId: string
}

/**
 * `uuid`, `row_id` (SPEC §2).
 *
 * @category constructors
 */
export const defaultRecordsColumns: RecordsColumns = { uuid: "uuid", rowId: "row_id" }

const checkHeader = (table: EvidenceHeader, columns: RecordsColumns): EvidenceError | undefined => {
  const missing = [columns.uuid, columns.rowId].find((name) => !hasColumn(table, name))
  if (missing === undefined) return undefined
  return new EvidenceError({
    reason: "MissingColumn",
    file: table.file,
    line: 1,
    column: 1,
    message: `Records file has no "${missing}" column; name the columns with --records-columns uuid=…,row_id=…`
  })
}

const readRow = (table: EvidenceHeader, row: EvidenceRow, columns: RecordsColumns): Claim | EvidenceError => {
  const uuidCell = cellNamed(row, columns.uuid)
  const rowIdCell = cellNamed(row, columns.rowId)
  const at = (cell: { line: number; column: number } | undefined) => ({ line: cell?.line ?? row.line, column: cell?.column ?? 1 })
  const uuid = parseUuidCell(uuidCell?.text ?? "")
  if (uuid === undefined) {
    const text = uuidCell?.text ?? ""
    return new EvidenceError({
      reason: text.trim() === "" ? "EmptyValue" : "InvalidValue",
      file: table.file,
      ...at(uuidCell),
      message: text.trim() === "" ? `UUID ("${columns.uuid}") is empty` : `UUID ${JSON.stringify(text)} is not a UUID`
    })
  }
  const rowId = (rowIdCell?.text ?? "").trim()
  if (rowId === "") {
    return new EvidenceError({ reason: "EmptyValue", file: table.file, ...at(rowIdCell), message: `Row id ("${columns.rowId}") is empty` })
  }
  return {
    target: { _tag: "ByUuid", uuid },
    source: "records",
    rowId,
    detail: `${evidenceFileLabel(table.file)} line ${row.line}`
  }
}

/**
 * Reads a records file into claims (source `records`). Fails on the first bad row: a missing
 * column, an empty or invalid UUID, an empty row id, broken CSV or JSON.
 *
 * @category reading
 */
export const readRecords = (
  file: string,
  bytes: Uint8Array,
  columns: RecordsColumns,
  keep?: (claim: Claim) => boolean
): Effect.Effect<ReadonlyArray<Claim>, EvidenceError> =>
  readClaims(file, bytes, columns, checkHeader, readRow, keep)
