/**
 * `isContentEtag` tests characters one by one instead of running a regular expression; it
 * must accept exactly what /^"?[0-9a-fA-F]{32}"?$/ accepts.
 */
import { describe, expect, it } from "vitest"
import { isContentEtag } from "../../src/domain/StoredObject.ts"
import { fc } from "../arbitraries/fc.ts"

const pattern = /^"?[0-9a-fA-F]{32}"?$/

const near = fc
  .tuple(
    fc.constantFrom("", "\""),
    fc.array(fc.oneof(fc.constantFrom(..."0123456789abcdefABCDEF"), fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom("g", "G", "-", "\"", "/", ":", "@", "`", "\u0010", "\u0019")), { minLength: 30, maxLength: 34 }),
    fc.constantFrom("", "\"")
  )
  .map(([open, middle, close]) => open + middle.join("") + close)

describe("isContentEtag", () => {
  it("agrees with the regular expression on strings shaped like ETags", () => {
    fc.assert(fc.property(near, (etag) => {
      expect(isContentEtag(etag)).toBe(pattern.test(etag))
    }), { numRuns: 20000 })
  })

  it("agrees with the regular expression on any string", () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (etag) => {
      expect(isContentEtag(etag)).toBe(pattern.test(etag))
    }), { numRuns: 5000 })
  })

  it("agrees on every character in every position of a valid ETag", () => {
    const valid = "0123456789abcdefABCDEF0123456789"
    for (let code = 0; code < 0x3000; code++) {
      for (const position of [0, 15, 31]) {
        const etag = `"${valid.slice(0, position)}${String.fromCharCode(code)}${valid.slice(position + 1)}"`
        expect(isContentEtag(etag)).toBe(pattern.test(etag))
      }
    }
  })
})
