/**
 * S3's key order (UTF-8 bytes) and the pieces of the flat-first listing built on it: which
 * first-level prefix holds a key, and which prefixes a resumed listing may skip.
 */
import { assert, describe, it } from "@effect/vitest"
import { Buffer } from "node:buffer"
import { fc } from "../../../../property-tests/arbitraries/fc.ts"
import { compareS3Keys } from "../../../../src/io/store/S3KeyOrder.ts"
import { firstLevelPrefixOf } from "../../../../src/io/store/S3PrefixParallelListing.ts"

const utf8Order = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")))

// Keys from a small alphabet that straddles the places where UTF-16 and UTF-8 orders differ.
const key = fc.array(fc.constantFrom("a", "/", "-", ".", "\uE000", "\uFF01", "\u{1F600}", "\u{10FFFF}", "ü"), { maxLength: 6 })
  .map((parts) => parts.join(""))

describe("S3 key order", () => {
  it("sorts characters beyond U+FFFF after U+E000–U+FFFF, as UTF-8 bytes do", () => {
    assert.isAbove(compareS3Keys("\u{1F600}", "\uFF01"), 0)
    assert.isBelow(compareS3Keys("\uFF01/x", "\u{1F600}/x"), 0)
    assert.isBelow(compareS3Keys("502-x/", "502/"), 0)
    assert.strictEqual(compareS3Keys("502/a", "502/a"), 0)
  })

  it("property: agrees with comparing the UTF-8 bytes of any two keys", () => {
    fc.assert(fc.property(key, key, (a, b) => Math.sign(compareS3Keys(a, b)) === utf8Order(a, b)))
  })
})

describe("first-level prefix of a key", () => {
  it("is the key up to its first slash after the listed prefix", () => {
    assert.strictEqual(firstLevelPrefixOf("", "502/Sam_Torode/resume.pdf"), "502/")
    assert.strictEqual(firstLevelPrefixOf("tenant/", "tenant/502/Sam/a.pdf"), "tenant/502/")
    assert.strictEqual(firstLevelPrefixOf("508/", "508//double.txt"), "508//")
  })

  it("is undefined for a key directly under the listed prefix", () => {
    assert.isUndefined(firstLevelPrefixOf("", "readme.txt"))
    assert.isUndefined(firstLevelPrefixOf("tenant/", "tenant/readme.txt"))
  })
})
