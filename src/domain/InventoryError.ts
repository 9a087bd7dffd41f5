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
 * @example
 * ```ts
 * import type { InventoryErrorReason } from "./InventoryError.ts"
 * const reason: InventoryErrorReason = "ChecksumMismatch"
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
 * @example
 * ```ts
 * import { InventoryError } from "./InventoryError.ts"
 * new InventoryError({ reason: "BadRow", file: "data/a.csv.gz", line: 3, column: 4, message: "Size \"x\" is not a whole number" })
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
 * @example
 * ```ts
 * import { formatInventoryError, InventoryError } from "./InventoryError.ts"
 * formatInventoryError(new InventoryError({ reason: "BadRow", file: "a.csv.gz", line: 3, column: 0, message: "Row has 2 fields, not 6" }))
 * // "a.csv.gz:3: Row has 2 fields, not 6"
 * ```
 * @category errors
 */
export const formatInventoryError = (error: InventoryError): string => {
  if (error.line <= 0) return `${error.file}: ${error.message}`
  return error.column > 0 ? `${error.file}:${error.line}:${error.column}: ${error.message}` : `${error.file}:${error.line}: ${error.message}`
}
