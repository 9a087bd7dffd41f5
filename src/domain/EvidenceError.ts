/**
 * The error for an evidence file uuidmap cannot accept: a migration log, exported records, or a
 * filled-in review sheet given to `review accept`. Like a bad CSV, it exits 2 and nothing is
 * written (SPEC §4).
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why an evidence file was refused.
 * - `Unreadable`: the file cannot be read;
 * - `UnknownFormat`: neither CSV nor JSON Lines (a workbook, a PDF, a JSON array, XML);
 * - `Unparseable`: broken CSV quoting or field counts, a JSON Lines line that is not a JSON object;
 * - `MissingColumn`: a column the file must have is not in its header;
 * - `EmptyValue`: a required cell is empty;
 * - `InvalidValue`: a cell holds something that is not what it should be (a UUID that is not
 *   one, a number where text belongs);
 * - `InvalidDecision`: a review decision that is not a row id of the CSV or `none`, or a row
 *   about a file the ledger does not know.
 *
 * @example Telling reasons apart
 * ```ts
 * import assert from "node:assert/strict"
 * import { EvidenceError, type EvidenceErrorReason } from "uuidmap"
 *
 * const fixable: ReadonlyArray<EvidenceErrorReason> = ["MissingColumn", "EmptyValue", "InvalidValue"]
 * const error = new EvidenceError({ reason: "MissingColumn", file: "records.csv", line: 1, column: 0, message: "Column \"row_id\" is missing" })
 * assert.equal(fixable.includes(error.reason), true)
 * ```
 * @category models
 */
export type EvidenceErrorReason =
  | "Unreadable"
  | "UnknownFormat"
  | "Unparseable"
  | "MissingColumn"
  | "EmptyValue"
  | "InvalidValue"
  | "InvalidDecision"

/**
 * An evidence file was refused. `line` and `column` are 1-based and point at the offending
 * cell (for JSON Lines, the character in the line); 0 means "the whole file".
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { EvidenceError, formatEvidenceError } from "uuidmap"
 *
 * const refused = new EvidenceError({ reason: "InvalidValue", file: "records.csv", line: 4, column: 1, message: "UUID \"x\" is not a UUID" })
 * const message = Effect.runSync(Effect.fail(refused).pipe(Effect.catchTag("EvidenceError", (error) => Effect.succeed(formatEvidenceError(error)))))
 * assert.equal(message, "records.csv:4:1: UUID \"x\" is not a UUID")
 * ```
 * @category errors
 */
export class EvidenceError extends Data.Error<{
  readonly reason: EvidenceErrorReason
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "EvidenceError" = "EvidenceError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "EvidenceError"
  }
}

/**
 * Formats the error as `file:line:column: message`, the form editors and CI annotate.
 *
 * @example A whole file
 * ```ts
 * import assert from "node:assert/strict"
 * import { EvidenceError, formatEvidenceError } from "uuidmap"
 *
 * const error = new EvidenceError({ reason: "Unreadable", file: "moves.csv", line: 0, column: 0, message: "File does not exist" })
 * assert.equal(formatEvidenceError(error), "moves.csv: File does not exist")
 * ```
 * @category formatting
 */
export const formatEvidenceError = (error: EvidenceError): string =>
  error.line > 0 ? `${error.file}:${error.line}:${error.column}: ${error.message}` : `${error.file}: ${error.message}`
