/**
 * `isContentEtag` tests characters one by one instead of running a regular expression; it
 * must accept exactly what /^"?[0-9a-fA-F]{32}"?$/ accepts.
 */
import { describe, expect, it } from "vitest"
import { isContentEtag } from "../../src/domain/StoredObject.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

const pattern = /^"?[0-9a-fA-F]{32}"?$/

const hex = fc.constantFrom(..."0123456789abcdefABCDEF")
const odd = fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom("g", "G", "-", "\"", "/", ":", "@", "`", "\u0010", "\u0019"))

// 32 hex digits, quoted or not, then as likely as not spoilt: a character replaced, one too
// many or too few, a quote misplaced. Half the cases are valid ETags, half just miss.
const near = fc
  .tuple(
    fc.constantFrom("", "\""),
    fc.array(hex, { minLength: 32, maxLength: 32 }),
    fc.constantFrom("", "\""),
    fc.option(fc.tuple(fc.nat(33), fc.constantFrom("replace", "insert", "delete"), odd), { freq: 2 })
  )
  .map(([open, digits, close, spoil]) => {
    const middle = [...digits]
    if (spoil !== null) {
      const [at, how, char] = spoil
      if (how === "replace") middle[at % 32] = char
      else if (how === "insert") middle.splice(at % 33, 0, char)
      else middle.splice(at % 32, 1)
    }
    return open + middle.join("") + close
  })

describe("isContentEtag", () => {
  it("agrees with the regular expression on strings shaped like ETags, valid and not", () => {
    const valid = makeReach("valid ETags")
    const invalid = makeReach("invalid ETags")
    fc.assert(fc.property(near, valid.counted(invalid.counted((etag) => {
      ;(pattern.test(etag) ? valid : invalid).reached()
      expect(isContentEtag(etag)).toBe(pattern.test(etag))
    }))), { numRuns: 20000 })
    valid.expectReached(0.3)
    invalid.expectReached(0.3)
  })

  it("agrees with the regular expression on any string", () => {
    const reach = makeReach("any string")
    fc.assert(fc.property(fc.string({ maxLength: 40 }), reach.counted((etag) => {
      reach.reached()
      expect(isContentEtag(etag)).toBe(pattern.test(etag))
    })), { numRuns: 5000 })
    reach.expectReached(1)
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
