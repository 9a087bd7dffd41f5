/**
 * The pure pieces of listing: url-decoding keys and dropping repeated keys within a window.
 */
import { assert, describe, it } from "@effect/vitest"
import { makeDuplicateFilter } from "../../../../src/io/store/S3DuplicateFilter.ts"
import { decodeS3UrlKey } from "../../../../src/io/store/S3UrlEncoding.ts"

describe("S3 url-encoded keys", () => {
  it("decodes AWS's form (+ for space, %2B for plus) and moto's form (%20 for space) alike", () => {
    assert.strictEqual(decodeS3UrlKey("a+b%2Bc"), "a b+c")
    assert.strictEqual(decodeS3UrlKey("a%20b%2Bc"), "a b+c")
  })

  it("decodes percent signs, ampersands, unicode and control characters exactly", () => {
    assert.strictEqual(decodeS3UrlKey("100%25/p%2520q"), "100%/p%20q")
    assert.strictEqual(decodeS3UrlKey("Tom%20%26%20Jerry/%C3%BC%E2%9C%93%01"), "Tom & Jerry/ü✓\u0001")
  })

  it("rejects malformed percent-encoding instead of guessing", () => {
    assert.isUndefined(decodeS3UrlKey("100%"))
    assert.isUndefined(decodeS3UrlKey("%E2%9C"))
  })
})

describe("S3 duplicate filter", () => {
  it("lets each key through once", () => {
    const filter = makeDuplicateFilter(10)
    assert.deepStrictEqual(["a", "b", "a", "c", "b"].map(filter.firstSeen), [true, true, false, true, false])
  })

  it("remembers only the last window of keys, so memory stays bounded", () => {
    const filter = makeDuplicateFilter(2)
    assert.deepStrictEqual(["a", "b", "c", "a"].map(filter.firstSeen), [true, true, true, true])
    assert.isFalse(filter.firstSeen("c"))
  })
})
