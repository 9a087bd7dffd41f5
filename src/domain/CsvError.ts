/**
 * The error for a CSV file uuidmap cannot accept (the clients CSV or the ledger).
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why a CSV file was refused. Besides the cell problems: `NotText` (a binary file, a workbook,
 * UTF-16, a NUL or a byte-order mark inside the text), `LineEnding` (a lone CR outside quotes,
 * or lines that do not all end the same way), `RecordTooLarge` (one row over the size limit),
 * `NoRows` (a header and no data row).
 *
 * @example A duplicate row id
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvErrorReason, readClientsTable } from "uuidmap"
 *
 * const bytes = new TextEncoder().encode("row_id,name\n502,Sam\n502,Ann\n")
 * const error = await Effect.runPromise(Effect.flip(readClientsTable("clients.csv", bytes)))
 * const reason: CsvErrorReason = error.reason
 * assert.equal(reason, "DuplicateRowId")
 * ```
 * @category models
 */
export type CsvErrorReason =
  | "Unreadable"
  | "Encoding"
  | "NotText"
  | "LineEnding"
  | "RecordTooLarge"
  | "NoRows"
  | "UnbalancedQuote"
  | "Unparseable"
  | "FieldCount"
  | "MissingIdColumn"
  | "EmptyRowId"
  | "DuplicateRowId"
  | "PaddedRowId"
  | "InvalidUuid"
  | "DuplicateUuid"
  | "DuplicateKey"
  | "CountMismatch"
  | "InvalidCell"

/**
 * A CSV file was refused. `line` and `column` are 1-based and point at the offending cell
 * (column counts characters on that line); 0 means "the whole file".
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { CsvError, formatCsvError } from "uuidmap"
 *
 * const refused = new CsvError({ reason: "EmptyRowId", file: "clients.csv", line: 3, column: 1, message: "Row id is empty" })
 * const message = Effect.runSync(Effect.fail(refused).pipe(Effect.catchTag("CsvError", (error) => Effect.succeed(formatCsvError(error)))))
 * assert.equal(message, "clients.csv:3:1: Row id is empty")
 * ```
 * @category errors
 */
export class CsvError extends Data.Error<{
  readonly reason: CsvErrorReason
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "CsvError" = "CsvError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "CsvError"
  }
}

/**
 * Formats the error as `file:line:column: message`, the form editors and CI annotate.
 *
 * @example A cell, and a whole file
 * ```ts
 * import assert from "node:assert/strict"
 * import { CsvError, formatCsvError } from "uuidmap"
 *
 * assert.equal(formatCsvError(new CsvError({ reason: "EmptyRowId", file: "a.csv", line: 3, column: 1, message: "Row id is empty" })), "a.csv:3:1: Row id is empty")
 * assert.equal(formatCsvError(new CsvError({ reason: "Unreadable", file: "a.csv", line: 0, column: 0, message: "No such file" })), "a.csv: No such file")
 * ```
 * @category formatting
 */
export const formatCsvError = (error: CsvError): string =>
  error.line > 0 ? `${error.file}:${error.line}:${error.column}: ${error.message}` : `${error.file}: ${error.message}`
