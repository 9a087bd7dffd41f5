/**
 * The error for an S3 Inventory report that cannot be used: a malformed manifest, a data file
 * that is missing or does not match its MD5, a bad row, a format uuidmap does not read. These
 * are bad input: exit 2, nothing written.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why the inventory was refused.
 *
 * @example An inventory of another bucket
 * ```ts
 * import assert from "node:assert/strict"
 * import { InventoryError, type InventoryErrorReason } from "uuidmap"
 *
 * const reason: InventoryErrorReason = "WrongBucket"
 * const error = new InventoryError({ reason, file: "manifest.json", line: 0, column: 0, message: "Inventory is of bucket \"a\", not of --bucket \"b\"" })
 * assert.equal(error.reason, "WrongBucket")
 * ```
 * @category models
 */
export type InventoryErrorReason =
  | "BadManifest"
  | "NoManifest"
  | "UnsupportedFormat"
  | "MissingFile"
  | "ChecksumMismatch"
  | "BadFile"
  | "BadRow"
  | "WrongBucket"

/**
 * The inventory file `file` (a path or an `s3://` URL) is unusable. `line` is the CSV line or
 * the Parquet row (1-based), 0 when the problem is the whole file; `column` is 1-based, 0 when
 * the problem is the whole row.
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { formatInventoryError, InventoryError } from "uuidmap"
 *
 * const refused = new InventoryError({ reason: "BadRow", file: "data/a.csv.gz", line: 3, column: 4, message: "Size \"x\" is not a whole number" })
 * const message = Effect.runSync(Effect.fail(refused).pipe(Effect.catchTag("InventoryError", (error) => Effect.succeed(formatInventoryError(error)))))
 * assert.equal(message, "data/a.csv.gz:3:4: Size \"x\" is not a whole number")
 * ```
 * @category errors
 */
export class InventoryError extends Data.Error<{
  readonly reason: InventoryErrorReason
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "InventoryError" = "InventoryError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "InventoryError"
  }
}

/**
 * The one-line message: `file:line:column: message`, or `file: message` for a whole file.
 *
 * @example A row, and a whole file
 * ```ts
 * import assert from "node:assert/strict"
 * import { formatInventoryError, InventoryError } from "uuidmap"
 *
 * const row = new InventoryError({ reason: "BadRow", file: "a.csv.gz", line: 3, column: 0, message: "Row has 2 fields, not 6" })
 * assert.equal(formatInventoryError(row), "a.csv.gz:3: Row has 2 fields, not 6")
 * const file = new InventoryError({ reason: "MissingFile", file: "b.csv.gz", line: 0, column: 0, message: "Data file is missing" })
 * assert.equal(formatInventoryError(file), "b.csv.gz: Data file is missing")
 * ```
 * @category errors
 */
export const formatInventoryError = (error: InventoryError): string => {
  if (error.line <= 0) return `${error.file}: ${error.message}`
  return error.column > 0 ? `${error.file}:${error.line}:${error.column}: ${error.message}` : `${error.file}:${error.line}: ${error.message}`
}
