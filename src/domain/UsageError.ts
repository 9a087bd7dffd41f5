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
 * @example
 * ```ts
 * import type { UsageErrorReason } from "./UsageError.ts"
 * const reason: UsageErrorReason = "Locked"
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

// A named base with an explicit type, so that JSR can read the public API without inference.
const UsageErrorBase: ReturnType<typeof Data.TaggedError<"UsageError">> = Data.TaggedError("UsageError")

/**
 * A usage error with a one-line message.
 *
 * @example
 * ```ts
 * import { UsageError } from "./UsageError.ts"
 * new UsageError({ reason: "BadFlag", message: "--bucket must start with s3:// or file://" })
 * ```
 * @category errors
 */
export class UsageError extends UsageErrorBase<{
  readonly reason: UsageErrorReason
  readonly message: string
}> {}
