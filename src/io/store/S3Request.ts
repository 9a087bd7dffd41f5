/**
 * One S3 request as an Effect: interruptible (the abort signal reaches the SDK), retried on
 * transient failures with uuidmap's schedule, and failing with a `StoreError`.
 *
 * @module
 */
import type { S3Client } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import type { StoreError } from "../../domain/StoreError.ts"
import type { S3Connection } from "./S3Connection.ts"
import { toStoreError } from "./S3Failure.ts"
import { isTransientS3Failure } from "./S3FailureFacts.ts"
import type { S3FailureContext } from "./S3Failure.ts"
import { s3RetrySchedule } from "./S3RetrySchedule.ts"

/**
 * What a request is for: the operation, the object (for metadata) and, for a listing, how
 * many objects had been yielded before it (read when it fails).
 *
 * @category models
 */
interface S3RequestPurpose {
  readonly operation: S3FailureContext["operation"]
  readonly key: string | undefined
  readonly objectsListed: () => number
}

/**
 * Sends one request. The same `call` is repeated on each retry, so a page is fetched again
 * whole with the same continuation token.
 *
 * @category constructors
 */
export const sendS3 = <A>(
  connection: S3Connection,
  purpose: S3RequestPurpose,
  call: (client: S3Client, abortSignal: AbortSignal) => Promise<A>
): Effect.Effect<A, StoreError> =>
  Effect.suspend(() => {
    let attempts = 0
    return Effect.tryPromise({
      try: (signal) => {
        attempts += 1
        return call(connection.client, signal)
      },
      catch: (error) => error
    }).pipe(
      Effect.retry({
        schedule: s3RetrySchedule({
          maxAttempts: connection.settings.maxAttempts,
          baseDelayMs: connection.settings.baseDelayMs,
          maxDelayMs: connection.settings.maxDelayMs
        }),
        while: isTransientS3Failure
      }),
      Effect.mapError((error) =>
        toStoreError(error, {
          store: connection.store,
          bucket: connection.location.bucket,
          endpoint: connection.endpoint,
          region: connection.region,
          operation: purpose.operation,
          key: purpose.key,
          objectsListed: purpose.objectsListed(),
          attempts
        })
      )
    )
  })
