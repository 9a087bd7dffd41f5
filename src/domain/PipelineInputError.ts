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
 * @example A row id given twice
 * ```ts
 * import assert from "node:assert/strict"
 * import { type PipelineInputError, type PipelineInputErrorReason, runPipelinePromise } from "uuidmap"
 *
 * const clients = [{ rowId: "502", tracked: false, uuids: [] }, { rowId: "502", tracked: false, uuids: [] }]
 * const error: PipelineInputError = await runPipelinePromise({ clients, objects: [] }).then(() => assert.fail("accepted"), (error) => error)
 * const reason: PipelineInputErrorReason = error.reason
 * assert.equal(reason, "DuplicateRowId")
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
 * @example The path names the value
 * ```ts
 * import assert from "node:assert/strict"
 * import { PipelineInputError, runPipelinePromise } from "uuidmap"
 *
 * await assert.rejects(
 *   runPipelinePromise({ clients: [{ rowId: "", tracked: false, uuids: [] }], objects: [] }),
 *   (error) => error instanceof PipelineInputError && error.reason === "InvalidValue" && error.path === "clients[0].rowId"
 * )
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
