/**
 * The error for library input that cannot be run: client rows, ledger rows or objects handed
 * to `runPipeline` or `runPipelinePromise` that break the rules the CLI enforces on its files.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why the input was refused.
 * - `"InvalidValue"`: a value does not have the shape its schema asks for;
 * - `"DuplicateRowId"`: two client rows share a row id;
 * - `"DuplicateUuid"`: a UUID is listed twice, in one tracking cell, for two clients, or in
 *   two ledger rows;
 * - `"DuplicateKey"`: two ledger rows name the same object key;
 * - `"UntrackedWithUuids"`: a client that is not tracked yet lists UUIDs;
 * - `"UnreadableObject"`: the object stream could not read an object the phases would map.
 *
 * @example
 * ```ts
 * import type { PipelineInputErrorReason } from "./PipelineInputError.ts"
 * const reason: PipelineInputErrorReason = "DuplicateRowId"
 * ```
 * @category models
 */
export type PipelineInputErrorReason =
  | "InvalidValue"
  | "DuplicateRowId"
  | "DuplicateUuid"
  | "DuplicateKey"
  | "UntrackedWithUuids"
  | "UnreadableObject"

/**
 * `path` names the offending value the way the caller wrote it (`clients[3].rowId`,
 * `objects[12].size`, `ledger[0]`); `message` is one line that says what is wrong with it.
 *
 * @example
 * ```ts
 * import { PipelineInputError } from "./PipelineInputError.ts"
 * new PipelineInputError({ reason: "DuplicateRowId", path: "clients[1].rowId", message: "Row id \"502\" is already used by clients[0]" })
 * ```
 * @category errors
 */
export class PipelineInputError extends Data.Error<{
  readonly reason: PipelineInputErrorReason
  readonly path: string
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "PipelineInputError" = "PipelineInputError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "PipelineInputError"
  }
}
