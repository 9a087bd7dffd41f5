/**
 * The error for an object store that cannot be read.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why the store failed.
 *
 * @example Reasons worth a retry
 * ```ts
 * import assert from "node:assert/strict"
 * import { StoreError, type StoreErrorReason } from "uuidmap"
 *
 * const transient: ReadonlyArray<StoreErrorReason> = ["Unreachable", "ListingFailed"]
 * const error = new StoreError({ reason: "Unreachable", store: "s3://clients", message: "Cannot reach the store" })
 * assert.equal(transient.includes(error.reason), true)
 * ```
 * @category models
 */
export type StoreErrorReason =
  | "NoSuchBucket"
  | "AccessDenied"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "Unreachable"
  | "WrongRegion"
  | "ListingFailed"
  | "NoSuchKey"
  | "UnreadableObject"
  | "InvalidLocation"
  | "Unknown"

/**
 * The store (named by `store`, for example `s3://bucket` or `file:///data`) could not be
 * read. `message` is one line that says what to check; it never carries a credential.
 *
 * @example A folder that is not there
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { layerLocalFolder } from "uuidmap"
 *
 * const error = await Effect.runPromise(Effect.flip(Layer.build(layerLocalFolder("file:///no/such/folder")).pipe(Effect.scoped)))
 * assert.equal(error._tag, "StoreError")
 * assert.equal(error.store, "file:///no/such/folder")
 * ```
 * @category errors
 */
export class StoreError extends Data.Error<{
  readonly reason: StoreErrorReason
  readonly store: string
  readonly message: string
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "StoreError" = "StoreError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "StoreError"
  }
}
