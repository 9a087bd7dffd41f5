/**
 * The error of one file-system operation, with the reason a message can be built from (a
 * full disk, a read-only folder, a missing folder…) rather than a raw `ENOSPC … write`.
 *
 * @module
 */
import * as Data from "effect/Data"
import { errorCode } from "./ErrorCode.ts"

/**
 * Why an operation failed, from its `errno` code.
 *
 * @example Telling a full disk from the rest
 * ```ts
 * import assert from "node:assert/strict"
 * import { DiskError, type DiskErrorReason } from "uuidmap"
 *
 * const full: ReadonlyArray<DiskErrorReason> = ["NoSpace"]
 * const error = new DiskError({ reason: "NoSpace", code: "ENOSPC", operation: "write", path: "/data/x.tmp", detail: "no space left on the device" })
 * assert.equal(full.includes(error.reason), true)
 * ```
 * @category models
 */
export type DiskErrorReason = "NotFound" | "Exists" | "NoSpace" | "ReadOnly" | "Denied" | "NotADirectory" | "Failed"

/**
 * A failed file-system operation: what was done (`operation`), on which path, and why.
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { DiskError } from "uuidmap"
 *
 * const failed = new DiskError({ reason: "ReadOnly", code: "EROFS", operation: "write", path: "/data/x.tmp", detail: "the file system is read-only" })
 * const message = Effect.runSync(Effect.fail(failed).pipe(Effect.catchTag("DiskError", (error) => Effect.succeed(`${error.operation} ${error.path}: ${error.detail}`))))
 * assert.equal(message, "write /data/x.tmp: the file system is read-only")
 * ```
 * @category errors
 */
export class DiskError extends Data.Error<{
  readonly reason: DiskErrorReason
  readonly code: string
  readonly operation: string
  readonly path: string
  readonly detail: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "DiskError" = "DiskError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "DiskError"
  }
}

const reasons: Readonly<Record<string, DiskErrorReason>> = {
  ENOENT: "NotFound",
  EEXIST: "Exists",
  ENOSPC: "NoSpace",
  EDQUOT: "NoSpace",
  EFBIG: "NoSpace",
  EROFS: "ReadOnly",
  EACCES: "Denied",
  EPERM: "Denied",
  ENOTDIR: "NotADirectory"
}

const details: Readonly<Record<DiskErrorReason, string>> = {
  NotFound: "does not exist",
  Exists: "already exists",
  NoSpace: "no space left on the device",
  ReadOnly: "the file system is read-only",
  Denied: "permission denied",
  NotADirectory: "a part of the path is not a folder",
  Failed: "failed"
}

/**
 * Turns whatever a Node or Deno call threw into a DiskError.
 *
 * @example From an errno code
 * ```ts
 * import assert from "node:assert/strict"
 * import { toDiskError } from "./DiskError.ts"
 *
 * const error = toDiskError("write", "/data/x.tmp")(Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }))
 * assert.equal(error.reason, "NoSpace")
 * assert.equal(toDiskError("write", "/x")(new Error("odd")).reason, "Failed")
 * ```
 * @category constructors
 */
export const toDiskError = (operation: string, path: string) => (cause: unknown): DiskError => {
  const code = errorCode(cause) ?? "UNKNOWN"
  const reason = reasons[code] ?? "Failed"
  const detail = reason === "Failed" ? `${details.Failed} (${code === "UNKNOWN" ? (cause instanceof Error ? cause.message : String(cause)) : code})` : details[reason]
  return new DiskError({ reason, code, operation, path, detail })
}

/**
 * A short phrase for a message: `no space left on the device (ENOSPC)`.
 *
 * @example The phrase, with its code
 * ```ts
 * import assert from "node:assert/strict"
 * import { DiskError } from "uuidmap"
 * import { describeDiskError } from "./DiskError.ts"
 *
 * const error = new DiskError({ reason: "ReadOnly", code: "EROFS", operation: "open", path: "/x", detail: "the file system is read-only" })
 * assert.equal(describeDiskError(error), "the file system is read-only (EROFS)")
 * ```
 * @category formatting
 */
export const describeDiskError = (error: DiskError): string =>
  error.reason === "Failed" ? error.detail : `${error.detail} (${error.code})`
