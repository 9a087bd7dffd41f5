/**
 * Form decoding inverts the form encoding S3 Inventory writes CSV keys in, for every key:
 * spaces, pluses, percent signs, slashes, unicode (astral too) and control characters.
 */
import { describe, expect, it } from "vitest"
import { decodeFormKey } from "../../src/io/inventory/FormDecoding.ts"
import { formEncode } from "../../test/support/inventory/InventoryWriter.ts"
import { fc } from "../arbitraries/fc.ts"

const keyArbitrary = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("a", "/", " ", "+", "%", "2", "B", "é", "日", "😀", "\n", "~", "*", "(") },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) }
  ),
  minLength: 1,
  maxLength: 30
})

describe("form decoding of inventory keys", () => {
  it("decodes every form-encoded key back to the key", () => {
    let withPlusOrSpace = 0
    fc.assert(
      fc.property(keyArbitrary, (key) => {
        if (key.includes("+") || key.includes(" ")) withPlusOrSpace += 1
        expect(decodeFormKey(formEncode(key))).toBe(key)
      }),
      { numRuns: 400 }
    )
    // The interesting cases (a literal plus or a space) must have been reached often.
    expect(withPlusOrSpace).toBeGreaterThan(100)
  })
})
