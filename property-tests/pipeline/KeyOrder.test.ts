/**
 * `keyOrder`, the radix sort behind the run's catalogue, orders positions exactly as a
 * stable comparison sort with `<` does, for any strings: shared prefixes, keys that are
 * prefixes of others, repeats, and code units beyond Latin-1 (where it falls back to
 * comparing).
 */
import { describe, expect, it } from "vitest"
import { keyOrder } from "../../src/pipeline/internal/KeyOrder.ts"
import { fc } from "../arbitraries/fc.ts"

const reference = (keys: ReadonlyArray<string>): Array<number> =>
  keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b))

// Keys made of few pieces, so that prefixes and repeats are common.
const key = fc.array(fc.constantFrom("files/", "502/", "a", "b", "-", "é", "\u4e2d", "\ud83d\ude00", "z9", ""), { maxLength: 6 }).map((parts) => parts.join(""))

describe("keyOrder", () => {
  it("orders as a stable sort by < does", () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 120 }), (keys) => {
      expect([...keyOrder(keys)]).toEqual(reference(keys))
    }), { numRuns: 1000 })
  })

  it("orders any strings as a stable sort by < does", () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: "binary", maxLength: 8 }), { maxLength: 80 }), (keys) => {
      expect([...keyOrder(keys)]).toEqual(reference(keys))
    }), { numRuns: 500 })
  })
})
