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
  // Out of order (so the table is used from the second string on), and sorted.
  const distinct = Array.from({ length: 50_000 }, (_, index) => `client-${(index * 7919) % 50_000}`)
  const sorted = Array.from({ length: 50_000 }, (_, index) => String(100_000 + index * 3))

  it("proves sorted strings distinct, by text or by length then text, and finds a repeat in them", () => {
    expect(firstRepeat(sorted, sorted.length)).toBe(-1)
    expect(firstRepeat(["a", "a1", "a10", "a2", "b"], 5)).toBe(-1)
    expect(firstRepeat(["9", "10", "11", "100"], 4)).toBe(-1)
    for (const at of [1, 30_000, 49_999]) {
      const keys = [...sorted]
      keys[at] = keys[at - 1]!
      expect(firstRepeat(keys, keys.length)).toBe(at)
      const later = [...sorted]
      later[at] = sorted[at === 1 ? 0 : 12]!
      expect(firstRepeat(later, later.length)).toBe(firstRepeatBySet(later))
    }
  })

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
