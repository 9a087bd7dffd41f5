/**
 * The ledger's evidence cell is read by slicing when it is in the exact form uuidmap writes,
 * and by `JSON.parse` otherwise. The two must agree: a cell reads the same as the same JSON
 * with a space after its `[` (which only `JSON.parse` reads), for cells as uuidmap writes them
 * (details with quotes, backslashes, control characters, unicode, lone surrogates) and for
 * cells mutated by a character.
 */
import { describe, expect, it } from "vitest"
import type { Evidence } from "../../src/domain/Evidence.ts"
import { parseEvidence, renderEvidence } from "../../src/io/csv/internal/evidenceCell.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

// Mostly text that JSON writes as it is, sometimes text it escapes.
const plain = fc.string({ unit: fc.constantFrom("a", "5", " ", ",", "}", "]", ":", "é", "😀"), minLength: 1, maxLength: 6 })
const escaped = fc.string({ unit: fc.constantFrom("a", '"', "\\", "\n", "\u0001", "\uD83D"), minLength: 1, maxLength: 4 })
const text = fc.oneof({ weight: 8, arbitrary: plain }, { weight: 1, arbitrary: escaped }, { weight: 1, arbitrary: fc.constant("") })
const evidence = fc.array(
  fc.record({
    source: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("human", "client-folder", "records", "content", "weak") }, {
      weight: 1,
      arbitrary: fc.constant("unknown")
    }),
    rowId: text,
    detail: text
  }),
  { maxLength: 3 }
) as fc.Arbitrary<Array<Evidence>>
const mutation = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('"', "\\", "\n", ",", "}", "]", "x", " ")) }
)

describe("the evidence cell", () => {
  it("reads the same whether sliced or parsed as JSON", () => {
    const reach = makeReach("evidence cells read by slicing")
    fc.assert(
      fc.property(evidence, mutation, reach.counted((items, change) => {
        let cell = renderEvidence(items)
        if (change !== undefined) {
          const at = 1 + (change[0] % cell.length)
          cell = cell.slice(0, at) + change[1] + cell.slice(at)
        }
        const sliced = parseEvidence(cell)
        const parsed = parseEvidence(`[ ${cell.slice(1)}`)
        if (typeof sliced === "string") {
          expect(typeof parsed).toBe("string")
        } else {
          expect(sliced).toEqual(parsed)
          if (items.length > 0 && !/[\\\u0000-\u001f]/.test(cell)) reach.reached()
        }
      })),
      { numRuns: 2000 }
    )
    reach.expectReached(0.1)
  })
})

describe("an empty evidence cell", () => {
  it("reads as one shared list that no caller can write to", () => {
    const first = parseEvidence("")
    const second = parseEvidence("[]")
    expect(first).toEqual([])
    expect(second).toBe(first)
    expect(() => (first as Array<Evidence>).push({ source: "weak", rowId: "502", detail: "" } as Evidence)).toThrow(TypeError)
    expect(parseEvidence("")).toEqual([])
  })
})
