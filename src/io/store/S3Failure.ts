/**
 * Turns a failed S3 request (after its retries) into a `StoreError` whose one-line message
 * says what to check.
 *
 * Messages are built from the error's code, HTTP status and a few known fields, never from
 * request data: SDK errors can carry the access key id, the string to sign or a presigned URL,
 * and none of that may reach a terminal or a log.
 *
 * @module
 */
import { StoreError } from "../../domain/StoreError.ts"
import { describeS3Failure, isTransientS3Failure } from "./S3FailureFacts.ts"
import type { S3FailureFacts } from "./S3FailureFacts.ts"

/**
 * What the store was doing when a request failed, for the message.
 *
 * - `store`: `s3://bucket/prefix`. `endpoint`: the endpoint as configured, or undefined for AWS.
 * - `region`: the region the client used, when known.
 * - `operation`: `"list"`, `"metadata"` (HeadObject) or `"read"` (GetObject of an inventory
 *   file); `key` is the object for `"metadata"` and `"read"`.
 * - `objectsListed`: how many objects the listing had yielded before the failure; above 0 the
 *   listing failed halfway.
 * - `attempts`: how many times the request was tried.
 *
 * @category models
 */
export interface S3FailureContext {
  readonly store: string
  readonly bucket: string
  readonly endpoint: string | undefined
  readonly region: string | undefined
  readonly operation: "list" | "metadata" | "read"
  readonly key: string | undefined
  readonly objectsListed: number
  readonly attempts: number
}

// Whatever text of the SDK reaches a message passes through here: one line, no signatures,
// credentials, access key ids or query strings.
const redact = (text: string): string =>
  text
    .replace(/\s+/g, " ")
    .replace(/(X-Amz-(?:Signature|Credential|Security-Token)|Signature|Credential|AWSAccessKeyId)=[^\s&,]*/gi, "$1=…")
    .replace(/\b(?:AKIA|ASIA)[0-9A-Z]{12,}\b/g, "…")
    .replace(/(https?:\/\/[^\s?]*)\?\S*/g, "$1")
    .trim()
    .slice(0, 200)

/**
 * Describes an endpoint for messages without any user-info part it may carry.
 *
 * @category formatting
 */
const describeEndpoint = (endpoint: string | undefined, region: string | undefined): string => {
  if (endpoint === undefined) return region === undefined ? "AWS S3" : `AWS S3 (region ${region})`
  try {
    const url = new URL(endpoint)
    url.username = ""
    url.password = ""
    url.search = ""
    return `S3 endpoint ${url.toString().replace(/\/$/, "")}`
  } catch {
    return `S3 endpoint "${redact(endpoint)}"`
  }
}

const what = (context: S3FailureContext): string =>
  context.operation === "metadata" && context.key !== undefined
    ? `reading the metadata of "${context.key}" in ${context.store}`
    : context.operation === "read" && context.key !== undefined
    ? `reading "${context.key}" in ${context.store}`
    : `listing ${context.store}`

const cause = (described: S3FailureFacts): string =>
  described.networkCode ??
    (described.status === undefined ? described.name : `HTTP ${described.status} ${described.name}`)

const tries = (attempts: number): string => (attempts === 1 ? "1 attempt" : `${attempts} attempts`)

/**
 * Maps a failed S3 request to a `StoreError` whose message says what to check. A transient
 * failure that outlived its retries is `Unreachable`, or `ListingFailed` when the listing had
 * already yielded objects (the caller must not use the partial result).
 *
 * @category constructors
 */
export const toStoreError = (error: unknown, context: S3FailureContext): StoreError => {
  const described = describeS3Failure(error)
  const endpoint = describeEndpoint(context.endpoint, context.region)
  const fail = (reason: StoreError["reason"], message: string) =>
    new StoreError({ reason, store: context.store, message })
  const permission = context.operation === "list" ? "s3:ListBucket" : "s3:GetObject"

  switch (described.name) {
    case "NoSuchBucket":
      return fail(
        "NoSuchBucket",
        `Bucket "${context.bucket}" does not exist at ${endpoint}; check --bucket, --endpoint and --region`
      )
    case "NoSuchKey":
    case "NotFound":
      return context.operation !== "list"
        ? fail(
          "NoSuchKey",
          `Object "${context.key ?? ""}" was not found in ${context.store} (or the bucket does not exist); list the store again`
        )
        : fail(
          "NoSuchBucket",
          `Bucket "${context.bucket}" was not found at ${endpoint}; check --bucket, --endpoint and --region`
        )
    case "InvalidAccessKeyId":
      return fail(
        "InvalidAccessKeyId",
        `The access key id is not known to ${endpoint}; check AWS_ACCESS_KEY_ID or the profile in use (AWS_PROFILE, --profile)`
      )
    case "SignatureDoesNotMatch":
      return fail(
        "SignatureDoesNotMatch",
        `The secret key does not match the access key id at ${endpoint}; check AWS_SECRET_ACCESS_KEY or the profile in use (AWS_PROFILE, --profile)`
      )
    case "RequestTimeTooSkewed":
      return fail(
        "SignatureDoesNotMatch",
        `${endpoint} refused the request because this machine's clock is off; correct the system time`
      )
    case "AccessDenied":
    case "AllAccessDisabled":
    case "Forbidden":
      return fail(
        "AccessDenied",
        `Access denied while ${what(context)} (needs ${permission}); check the credentials in use (AWS_PROFILE, --profile) and the bucket policy`
      )
    case "ExpiredToken":
    case "TokenRefreshRequired":
    case "InvalidToken":
      return fail(
        "AccessDenied",
        `The session token was refused by ${endpoint}; refresh the credentials (for example aws sso login) and run again`
      )
    case "CredentialsProviderError":
      return fail(
        "AccessDenied",
        `No AWS credentials were found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or pass --profile`
      )
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException":
    case "MovedPermanently":
      return wrongRegion(context, described.regionHint)
    case "InvalidBucketName":
      return fail(
        "InvalidLocation",
        `Bucket name "${context.bucket}" was refused by ${endpoint}; check --bucket`
      )
  }
  // HEAD answers carry no error document: only the status (and maybe a region header) is left.
  if (described.status === 301 || described.regionHint !== undefined && described.status === 400) {
    return wrongRegion(context, described.regionHint)
  }
  if (described.status === 403) {
    return fail(
      "AccessDenied",
      `Access denied while ${what(context)} (HTTP 403: needs ${permission}, or the credentials are wrong); check the credentials in use (AWS_PROFILE, --profile) and the bucket policy`
    )
  }
  if (described.status === 404 && context.operation !== "list") {
    return fail(
      "NoSuchKey",
      `Object "${context.key ?? ""}" was not found in ${context.store} (or the bucket does not exist); list the store again`
    )
  }
  if (/region is missing/i.test(described.message)) {
    return fail("WrongRegion", `No AWS region is configured; pass --region or set AWS_REGION`)
  }
  if (described.networkCode === "ENOTFOUND") {
    return fail(
      "Unreachable",
      `The host of ${endpoint} could not be resolved (ENOTFOUND); check --endpoint, --region and the network`
    )
  }
  if (isTransientS3Failure(error)) {
    if (context.operation === "list" && context.objectsListed > 0) {
      return fail(
        "ListingFailed",
        `Listing ${context.store} stopped after ${context.objectsListed} objects: ${endpoint} failed with ${
          cause(described)
        } after ${tries(context.attempts)}; the listing is incomplete, check the endpoint and run again`
      )
    }
    return fail(
      "Unreachable",
      described.networkCode === undefined && described.status !== undefined
        ? `${endpoint} kept failing while ${what(context)} (${cause(described)} after ${
          tries(context.attempts)
        }); try again later, or lower --concurrency if it is throttling`
        : `${endpoint} did not answer while ${what(context)} (${cause(described)} after ${
          tries(context.attempts)
        }); check --endpoint, --region and the network`
    )
  }
  const detail = redact(described.message)
  return fail(
    context.operation === "list" && context.objectsListed > 0 ? "ListingFailed" : "Unknown",
    `${endpoint} failed while ${what(context)}: ${cause(described)}${
      detail === "" ? "" : ` (${detail})`
    }; check --endpoint and --region`
  )
}

const wrongRegion = (context: S3FailureContext, hint: string | undefined): StoreError =>
  new StoreError({
    reason: "WrongRegion",
    store: context.store,
    message: hint !== undefined && hint !== context.region
      ? `Bucket "${context.bucket}" is in region ${hint}, not ${context.region ?? "the configured one"}; pass --region ${hint}`
      : `Bucket "${context.bucket}" is not in region ${
        context.region ?? "(none configured)"
      }; pass the bucket's region with --region or set AWS_REGION`
  })
