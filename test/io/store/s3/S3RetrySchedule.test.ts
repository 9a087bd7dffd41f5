/**
 * The retry schedule on the test clock: how many tries, and how long between them.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { TestClock } from "effect/testing"
import { s3RetrySchedule } from "../../../../src/io/store/S3RetrySchedule.ts"

const triesAt = (maxAttempts: number, baseDelayMs: number, maxDelayMs: number) =>
  Effect.gen(function*() {
    const times: Array<number> = []
    const failing = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      times.push(now)
      return Effect.fail("SlowDown" as const)
    })
    const fiber = yield* Effect.forkChild(Effect.retry(failing, s3RetrySchedule({ maxAttempts, baseDelayMs, maxDelayMs })))
    yield* TestClock.adjust("1 minute")
    const error = yield* Effect.flip(Fiber.join(fiber))
    return { error, times }
  })

describe("S3 retry schedule", () => {
  it.effect("tries a request maxAttempts times in all, then gives up with the last failure", () =>
    Effect.gen(function*() {
      const { error, times } = yield* triesAt(5, 100, 20_000)
      assert.strictEqual(error, "SlowDown")
      assert.strictEqual(times.length, 5)
    }))

  it.effect("waits exponentially longer between tries, jittered by at most 20% and capped", () =>
    Effect.gen(function*() {
      const { times } = yield* triesAt(6, 100, 500)
      const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0))
      const nominal = [100, 200, 400, 500, 500]
      assert.strictEqual(gaps.length, nominal.length)
      gaps.forEach((gap, i) => {
        const expected = nominal[i] ?? 0
        assert.isAtLeast(gap, Math.floor(expected * 0.8))
        assert.isAtMost(gap, Math.ceil(expected * 1.2))
      })
    }))

  it.effect("with maxAttempts 1 a failure is final at once", () =>
    Effect.gen(function*() {
      const { times } = yield* triesAt(1, 100, 500)
      assert.strictEqual(times.length, 1)
    }))
})
