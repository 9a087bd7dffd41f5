/**
 * Parsing `s3://NAME[/PREFIX]`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { formatS3Location, parseS3Location } from "../../../../src/io/store/S3Location.ts"

describe("S3 location", () => {
  it.effect("a bare bucket has an empty prefix", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseS3Location("s3://clients"), { bucket: "clients", prefix: "" })
      assert.deepStrictEqual(yield* parseS3Location("s3://clients/"), { bucket: "clients", prefix: "" })
    }))

  it.effect("a prefix is normalised to end with a slash", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseS3Location("s3://clients/tenant"), { bucket: "clients", prefix: "tenant/" })
      assert.deepStrictEqual(yield* parseS3Location("s3://clients/a/b/"), { bucket: "clients", prefix: "a/b/" })
    }))

  it.effect("a prefix is taken literally: no percent-decoding, // kept", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseS3Location("s3://clients/100%20 x//y"), {
        bucket: "clients",
        prefix: "100%20 x//y/"
      })
    }))

  it.effect("the scheme is case-insensitive", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseS3Location("S3://clients"), { bucket: "clients", prefix: "" })
    }))

  it.effect("bad forms fail with InvalidLocation and a message showing the expected form", () =>
    Effect.gen(function*() {
      for (const input of ["clients", "file:///tmp", "s3:/clients", "s3://", "s3:///prefix"]) {
        const error = yield* Effect.flip(parseS3Location(input))
        assert.strictEqual(error.reason, "InvalidLocation")
        assert.include(error.message, "s3://NAME[/PREFIX]")
        assert.strictEqual(error.store, input)
      }
    }))

  it.effect("an impossible bucket name fails with InvalidLocation naming it", () =>
    Effect.gen(function*() {
      for (const bucket of ["a b", "ab", "-abc", "abc-", "a..b", "host:9000"]) {
        const error = yield* Effect.flip(parseS3Location(`s3://${bucket}/x`))
        assert.strictEqual(error.reason, "InvalidLocation")
        assert.include(error.message, `"${bucket}"`)
      }
    }))

  it("formats back to the s3:// form", () => {
    assert.strictEqual(formatS3Location({ bucket: "clients", prefix: "" }), "s3://clients")
    assert.strictEqual(formatS3Location({ bucket: "clients", prefix: "tenant/" }), "s3://clients/tenant/")
  })
})
