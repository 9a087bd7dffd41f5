/**
 * The error for an object store that cannot be read.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * Why the store failed.
 *
 * @example
 * ```ts
 * import type { StoreErrorReason } from "./StoreError.ts"
 * const reason: StoreErrorReason = "NoSuchBucket"
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
 * @example
 * ```ts
 * import { StoreError } from "./StoreError.ts"
 * new StoreError({ reason: "NoSuchBucket", store: "s3://nope", message: "Bucket \"nope\" does not exist; check --bucket and --region" })
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
