/**
 * Key ranges of the range-parallel listing: how prefixes are grouped, how many ranges a batch
 * gets, and — on a model of an S3 listing over a sorted key list — that the resumed prefix,
 * the discovered direct keys and the ranges together give every key after the resume point
 * exactly once, each range stopping within a page of its end.
 */
import { assert, describe, it } from "@effect/vitest"
import { fc } from "../../../../property-tests/arbitraries/fc.ts"
import { makeReach } from "../../../../property-tests/arbitraries/Reach.ts"
import { compareS3Keys, isPrefixBefore } from "../../../../src/io/store/S3KeyOrder.ts"
import {
  groupPrefixesIntoRanges,
  isKeyBeyondRange,
  isKeyInRange,
  rangeCountFor,
  startAfterBelow
} from "../../../../src/io/store/S3KeyRange.ts"
import type { S3KeyRange } from "../../../../src/io/store/S3KeyRange.ts"
import { firstLevelPrefixOf } from "../../../../src/io/store/S3PrefixParallelListing.ts"

// Keys from an alphabet that puts neighbours around every folder boundary: "502-x/" and
// "502.txt" before "502/", U+FF01 against U+1F600 (UTF-8 and UTF-16 orders differ there).
const segment = fc.array(fc.constantFrom("5", "a", "-", ".", "\uFF01", "\u{1F600}"), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(""))
// Some keys end in "/": folder markers, equal to a prefix.
const key = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([parts, marker]) => parts.join("/") + (marker ? "/" : ""))
const bucket = fc.record({
  listPrefix: fc.constantFrom("", "5/"),
  keys: fc.uniqueArray(key, { minLength: 1, maxLength: 40 }),
  afterIndex: fc.nat(),
  rangeCount: fc.integer({ min: 1, max: 6 }),
  pageSize: fc.integer({ min: 1, max: 5 })
})

// What S3 returns for keys after `startAfter` under `prefix`, in pages, stopping as the
// listing of `range` does.
const listRangeModel = (sorted: ReadonlyArray<string>, listPrefix: string, range: S3KeyRange, pageSize: number) => {
  const after = startAfterBelow(range.first)
  const candidates = sorted.filter((k) => k.startsWith(listPrefix) && compareS3Keys(k, after) > 0)
  const kept: Array<string> = []
  let fetched = 0
  for (let start = 0; start < candidates.length; start += pageSize) {
    const page = candidates.slice(start, start + pageSize)
    fetched += page.length
    kept.push(...page.filter((k) => isKeyInRange(listPrefix, range, k)))
    const last = page.at(-1)
    if (last !== undefined && isKeyBeyondRange(range, last)) break
  }
  return { kept, fetched }
}

describe("grouping prefixes into ranges", () => {
  it("splits consecutive prefixes as evenly as possible, at least one each", () => {
    assert.deepStrictEqual(groupPrefixesIntoRanges(["c/", "a/", "b/", "e/", "d/"], 2), [
      { first: "a/", last: "c/", prefixes: 3 },
      { first: "d/", last: "e/", prefixes: 2 }
    ])
    assert.deepStrictEqual(groupPrefixesIntoRanges(["a/", "b/"], 8), [
      { first: "a/", last: "a/", prefixes: 1 },
      { first: "b/", last: "b/", prefixes: 1 }
    ])
    assert.deepStrictEqual(groupPrefixesIntoRanges([], 4), [])
  })

  it("sorts by S3's order: U+FF01 before U+1F600", () => {
    const ranges = groupPrefixesIntoRanges(["\u{1F600}/", "\uFF01/"], 1)
    assert.deepStrictEqual(ranges, [{ first: "\uFF01/", last: "\u{1F600}/", prefixes: 2 }])
  })

  it("cuts a batch into a multiple of the concurrency, fewer ranges for small folders", () => {
    assert.strictEqual(rangeCountFor(380, 8, 1), 32)
    assert.strictEqual(rangeCountFor(380, 8, 38), 8)
    assert.strictEqual(rangeCountFor(5, 8, 1), 5)
    assert.strictEqual(rangeCountFor(100_000, 8, 2), 32)
    assert.strictEqual(rangeCountFor(1, 1, 0), 1)
  })
})

describe("key range boundaries", () => {
  it("starts just below a prefix, after its neighbours 502-x/ and 502.txt", () => {
    const below = startAfterBelow("502/")
    for (const neighbour of ["502", "502-x/a.txt", "502.txt", "502.\uFFFD"]) {
      assert.isAtMost(compareS3Keys(neighbour, below), 0, neighbour)
    }
    for (const inside of ["502/", "502/a", "502/\u{1F600}"]) assert.isAbove(compareS3Keys(inside, below), 0, inside)
  })

  it("keeps keys under its prefixes, never direct keys, and ends after its last prefix", () => {
    const range = { first: "502/", last: "503/", prefixes: 2 }
    assert.isTrue(isKeyInRange("", range, "502/Sam/a.pdf"))
    assert.isTrue(isKeyInRange("", range, "503/z"))
    assert.isFalse(isKeyInRange("", range, "502.txt"))
    assert.isFalse(isKeyInRange("", range, "502-x/a.txt"))
    assert.isFalse(isKeyInRange("", range, "502a.txt"))
    // 503-x/ sorts between 502/ and 503/: a prefix discovered there is one of the range's.
    assert.isTrue(isKeyInRange("", range, "503-x/a"))
    assert.isFalse(isKeyBeyondRange(range, "503/\u{1F600}"))
    assert.isTrue(isKeyBeyondRange(range, "5030/a"))
    assert.isTrue(isKeyBeyondRange(range, "503\u{1F600}"))
  })

  it("property: resumed prefix, direct keys and ranges give every key after the resume point once", () => {
    const reach = makeReach("resumed listing covers every later key")
    fc.assert(fc.property(bucket, reach.counted(({ afterIndex, keys, listPrefix, pageSize, rangeCount }) => {
      const sorted = keys.map((k) => listPrefix + k).sort(compareS3Keys)
      const after = sorted[afterIndex % sorted.length] ?? ""
      const later = sorted.filter((k) => compareS3Keys(k, after) > 0)
      const resumed = firstLevelPrefixOf(listPrefix, after)
      const prefixes = new Set<string>()
      for (const k of later) {
        const found = firstLevelPrefixOf(listPrefix, k)
        if (found !== undefined && found !== resumed && !isPrefixBefore(found, after)) prefixes.add(found)
      }
      const listed = [
        ...later.filter((k) => resumed !== undefined && k.startsWith(resumed)),
        ...later.filter((k) => firstLevelPrefixOf(listPrefix, k) === undefined)
      ]
      for (const range of groupPrefixesIntoRanges([...prefixes], rangeCount)) {
        reach.reached()
        const { fetched, kept } = listRangeModel(sorted, listPrefix, range, pageSize)
        listed.push(...kept)
        assert.isAtMost(fetched, inInterval(sorted, range) + pageSize)
      }
      assert.deepStrictEqual(listed.sort(compareS3Keys), later)
    })), { numRuns: 500 })
    reach.expectReached(0.5)
  })
})

// Keys inside a range's interval: what it keeps plus the direct keys between its prefixes.
// A range's listing fetches these and at most one page more.
const inInterval = (sorted: ReadonlyArray<string>, range: S3KeyRange) =>
  sorted.filter((k) => compareS3Keys(k, startAfterBelow(range.first)) > 0 && !isKeyBeyondRange(range, k)).length
