/**
 * The error for a command that cannot run as asked: a bad flag value, a locked CSV, a
 * capability that is not built, a folder that cannot be written, a file changed on disk while
 * the run worked. These exit 2 and leave the files as they were.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why the command was refused.
 *
 * @example Reasons that need a person
 * ```ts
 * import assert from "node:assert/strict"
 * import { UsageError, type UsageErrorReason } from "uuidmap"
 *
 * const retryLater: ReadonlyArray<UsageErrorReason> = ["Locked"]
 * assert.equal(retryLater.includes(new UsageError({ reason: "Locked", message: "clients.csv is locked by process 12" }).reason), true)
 * ```
 * @category models
 */
export type UsageErrorReason =
  | "BadFlag"
  | "Locked"
  | "NotBuilt"
  | "BadFile"
  | "Unwritable"
  | "DiskFull"
  | "ChangedOnDisk"
  | "OutputIsInput"
  | "BadLayout"
  | "InvalidResult"

/**
 * A usage error with a one-line message.
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { UsageError } from "uuidmap"
 *
 * const refused = new UsageError({ reason: "BadFlag", message: "--bucket must start with s3:// or file://" })
 * const message = Effect.runSync(Effect.fail(refused).pipe(Effect.catchTag("UsageError", (error) => Effect.succeed(error.message))))
 * assert.equal(message, "--bucket must start with s3:// or file://")
 * ```
 * @category errors
 */
export class UsageError extends Data.Error<{
  readonly reason: UsageErrorReason
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "UsageError" = "UsageError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "UsageError"
  }
}
