import { describe, expect, it } from "vitest"
import { makeRepeatFinder } from "../../../../src/io/csv/internal/repeatFinder.ts"

// Adds every key in order; the index of the first that repeats an earlier one, or -1.
const firstRepeat = (keys: ReadonlyArray<string>, expected: number, probesPerSlot?: number): number => {
  const finder = makeRepeatFinder(expected, (index) => keys[index]!, probesPerSlot)
  return keys.findIndex((key, index) => finder.add(index, key))
}

// The model: a Set, added to in order.
const firstRepeatBySet = (keys: ReadonlyArray<string>): number => {
  const seen = new Set<string>()
  return keys.findIndex((key) => seen.size === seen.add(key).size)
}

describe("makeRepeatFinder", () => {
  const distinct = Array.from({ length: 50_000 }, (_, index) => `client-${index}`)

  it("finds no repeat among distinct strings, however many more than expected", () => {
    expect(firstRepeat(distinct, distinct.length)).toBe(-1)
    expect(firstRepeat(distinct, 10)).toBe(-1)
  })

  it("finds the first repeat where a set would, wherever it is", () => {
    for (const [at, of] of [[1, 0], [40_000, 39_999], [49_999, 3], [25_000, 24_000]] as const) {
      const keys = [...distinct]
      keys[at] = keys[of]!
      expect(firstRepeat(keys, keys.length)).toBe(firstRepeatBySet(keys))
      expect(firstRepeat(keys, 16)).toBe(at)
    }
  })

  it("tells apart strings that differ only in one unit, in case or in length", () => {
    const keys = ["502", "5020", "50", "502 ", " 502", "a", "A", "é", "e\u0301", "😀", "\uD83D", ""]
    expect(firstRepeat(keys, keys.length)).toBe(-1)
    expect(firstRepeat([...keys, "e\u0301"], keys.length)).toBe(keys.length)
  })

  it("gives the same answers once probing runs out and a set takes over", () => {
    const keys = [...distinct, distinct[123]!]
    // A budget this small is spent on the first collisions: the rest goes through the set.
    expect(firstRepeat(keys, keys.length, 0.0001)).toBe(distinct.length)
    expect(firstRepeat(distinct, 8, 0.0001)).toBe(-1)
  })
})
