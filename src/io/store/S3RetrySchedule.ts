/**
 * The backoff uuidmap puts around every S3 request, on top of the SDK's standard retry mode.
 *
 * Why two layers: the SDK retries quickly and draws from a shared retry quota that a long run
 * of 503 SlowDown can empty; after that it fails at once. This schedule then waits longer
 * (exponential, capped, jittered so parallel listings do not retry in lockstep) and repeats
 * the whole request — a page with the same continuation token — so the result equals a clean
 * run's.
 *
 * @module
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"

/**
 * Settings of the retry schedule: `maxAttempts` counts the first try.
 *
 * @category models
 */
interface S3RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/**
 * Exponential backoff from `baseDelayMs` (doubling, capped at `maxDelayMs`), each delay
 * jittered by ±20%, for at most `maxAttempts - 1` retries.
 *
 * @category constructors
 */
export const s3RetrySchedule = (policy: S3RetryPolicy): Schedule.Schedule<Duration.Duration> =>
  Schedule.exponential(Duration.millis(policy.baseDelayMs)).pipe(
    Schedule.modifyDelay(({ duration }) =>
      Effect.succeed(Duration.min(duration, Duration.millis(policy.maxDelayMs)))
    ),
    Schedule.jittered,
    Schedule.upTo({ times: Math.max(0, policy.maxAttempts - 1) })
  )
