/**
 * The facts of a failed S3 request, read off whatever the AWS SDK threw, and whether it is
 * worth trying again.
 *
 * @module
 */

/**
 * What can be read off a failed request: the S3 error code (or the SDK's error name), the HTTP
 * status, a socket error code, the region S3 hinted at, and the SDK's message.
 *
 * @category models
 */
export interface S3FailureFacts {
  readonly name: string
  readonly status: number | undefined
  readonly networkCode: string | undefined
  readonly regionHint: string | undefined
  readonly message: string
}

const transientNames = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
  "InternalError",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  "EC2ThrottledException"
])

const networkCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
])

const field = (value: unknown, name: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined

const stringField = (value: unknown, name: string): string | undefined => {
  const found = field(value, name)
  return typeof found === "string" && found !== "" ? found : undefined
}

// A socket error may sit in `code`, or one or two levels down in `cause` (AggregateError from
// happy-eyeballs connects keeps them in `errors`).
const findNetworkCode = (error: unknown, depth = 0): string | undefined => {
  if (depth > 3 || typeof error !== "object" || error === null) return undefined
  const code = stringField(error, "code")
  if (code !== undefined && (networkCodes.has(code) || code.startsWith("ERR_SOCKET"))) return code
  const errors = field(error, "errors")
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = findNetworkCode(inner, depth + 1)
      if (found !== undefined) return found
    }
  }
  return findNetworkCode(field(error, "cause"), depth + 1)
}

const regionFromEndpoint = (endpoint: string | undefined): string | undefined =>
  endpoint === undefined ? undefined : /s3[.-]([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws/.exec(endpoint)?.[1]

/**
 * Reads the facts off anything the SDK throws (a service exception, a socket error, a
 * credentials error), without keeping the error itself.
 *
 * @category constructors
 */
export const describeS3Failure = (error: unknown): S3FailureFacts => {
  const metadata = field(error, "$metadata")
  const response = field(error, "$response")
  const headers = field(response, "headers")
  const statusFromMetadata = field(metadata, "httpStatusCode")
  const statusFromResponse = field(response, "statusCode")
  const status = typeof statusFromMetadata === "number"
    ? statusFromMetadata
    : typeof statusFromResponse === "number"
    ? statusFromResponse
    : undefined
  return {
    name: stringField(error, "Code") ?? stringField(error, "name") ?? "Error",
    status,
    networkCode: findNetworkCode(error),
    regionHint: stringField(headers, "x-amz-bucket-region") ?? stringField(error, "Region") ??
      regionFromEndpoint(stringField(error, "Endpoint")),
    message: stringField(error, "message") ?? ""
  }
}

/**
 * Tells whether a failed S3 request is worth trying again: throttling, 5xx answers, timeouts
 * and connection errors. Everything else (a missing bucket, denied access) fails at once.
 *
 * @category predicates
 */
export const isTransientS3Failure = (error: unknown): boolean => {
  const described = describeS3Failure(error)
  if (described.networkCode !== undefined && described.networkCode !== "ENOTFOUND") return true
  if (transientNames.has(described.name)) return true
  if (described.status !== undefined && (described.status >= 500 || described.status === 429)) return true
  // The SDK marks errors it knows to be retryable (clock skew, transient service faults).
  return Boolean(field(error, "$retryable"))
}
