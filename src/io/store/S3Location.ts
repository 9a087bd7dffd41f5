/**
 * Where an S3 store lives: a bucket and an optional key prefix, parsed from the
 * `s3://NAME[/PREFIX]` form the CLI and library accept.
 *
 * The prefix is taken literally (no percent-decoding), like the AWS CLI does: S3 keys may hold
 * `%`, spaces and `//`, and a URL decoder would silently change them.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { StoreError } from "../../domain/StoreError.ts"

/**
 * A bucket and the key prefix every object of the store shares. `prefix` is empty or ends
 * with `/`.
 *
 * @category models
 */
export interface S3Location {
  readonly bucket: string
  readonly prefix: string
}

// Lenient on purpose: legacy us-east-1 buckets and S3-compatible stores allow upper case and
// underscores; anything else (spaces, colons, a missing name) is certainly a typo.
const bucketName = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,253})[A-Za-z0-9]$/

const invalid = (input: string, message: string): StoreError =>
  new StoreError({ reason: "InvalidLocation", store: input, message })

/**
 * Parses `s3://NAME[/PREFIX]`. A non-empty prefix is normalised to end with `/`, so
 * `s3://clients/tenant` and `s3://clients/tenant/` name the same store. Fails with a
 * `StoreError` of reason `InvalidLocation` whose message shows the expected form.
 *
 * @category parsing
 */
export const parseS3Location = (input: string): Effect.Effect<S3Location, StoreError> => {
  const scheme = /^s3:\/\//i
  if (!scheme.test(input)) {
    return Effect.fail(invalid(input, `Bucket "${input}" is not an S3 location; write it as s3://NAME[/PREFIX]`))
  }
  const rest = input.replace(scheme, "")
  const slash = rest.indexOf("/")
  const bucket = slash === -1 ? rest : rest.slice(0, slash)
  const rawPrefix = slash === -1 ? "" : rest.slice(slash + 1)
  if (bucket === "") {
    return Effect.fail(invalid(input, `Bucket location "${input}" names no bucket; write it as s3://NAME[/PREFIX]`))
  }
  if (!bucketName.test(bucket) || bucket.includes("..")) {
    return Effect.fail(
      invalid(
        input,
        `Bucket name "${bucket}" is not valid; use 3 to 255 letters, digits, dots, hyphens or underscores, starting and ending with a letter or digit`
      )
    )
  }
  const prefix = rawPrefix === "" || rawPrefix.endsWith("/") ? rawPrefix : `${rawPrefix}/`
  return Effect.succeed({ bucket, prefix })
}

/**
 * Formats a location back to `s3://NAME/PREFIX`, the form used in messages.
 *
 * @category formatting
 */
export const formatS3Location = (location: S3Location): string =>
  location.prefix === "" ? `s3://${location.bucket}` : `s3://${location.bucket}/${location.prefix}`
