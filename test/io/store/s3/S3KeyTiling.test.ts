/**
 * The arithmetic of the tiled listing: the chain of cuts only ever grows, a tile keeps its
 * interval and notices what breaks S3's order, the boundary check compares neighbouring
 * tiles, and the fallback skips exactly the runs the tiles yielded.
 */
import { assert, describe, it } from "@effect/vitest"
import { makeRunSkipper } from "../../../../src/io/store/S3RunSkipper.ts"
import {
  makeBoundaryChecks,
  makeTilePlanner,
  makeTileScanner,
  orderViolationIn,
  prefixesPerTileFor
} from "../../../../src/io/store/S3KeyTiling.ts"
import type { KeyTile } from "../../../../src/io/store/S3KeyTiling.ts"

const entry = (key: string) => ({ key, size: 1, etag: "\"e\"", lastModified: "2024-05-01T10:00:00.000Z" })

const tile = (index: number, after: string, upTo: string | undefined): KeyTile => ({ index, after, upTo, lastSeen: undefined, ended: false })
// What a tile is, without the fields its listing updates.
const bounds = (t: KeyTile | undefined) => t && { index: t.index, after: t.after, upTo: t.upTo }

describe("the chain of cuts", () => {
  it("accepts only candidates after the frontier, so missing, repeated, early and out-of-order prefixes lengthen a tile", () => {
    const planner = makeTilePlanner("", "132/Client_132/doc-9.pdf", 1)
    const opened = ["132/", "140/", "140/", "135/", "150/", "001/", "files/"].map(planner.offer)
    assert.deepStrictEqual(opened.map(bounds), [
      undefined, // the prefix holding the first page's last key sorts before it
      { index: 1, after: "140/", upTo: "150/" },
      undefined,
      undefined,
      { index: 2, after: "150/", upTo: "files/" },
      undefined,
      { index: 3, after: "files/", upTo: undefined }
    ])
    assert.deepStrictEqual(bounds(planner.first), { index: 0, after: "132/Client_132/doc-9.pdf", upTo: "140/" })
  })

  it("cuts every n accepted prefixes and ignores prefixes outside the listed one", () => {
    const planner = makeTilePlanner("t/", "t/a/1", 2)
    assert.deepStrictEqual(["t/b/", "u/", "t/c/", "t/d/"].map(planner.offer).map(bounds), [
      undefined,
      undefined,
      { index: 1, after: "t/c/", upTo: undefined },
      undefined
    ])
    assert.strictEqual(planner.first.upTo, "t/c/")
  })

  it("never cuts behind what the open tile has read, nor after it has read to the end", () => {
    const planner = makeTilePlanner("", "a", 1)
    planner.first.lastSeen = "m/x"
    assert.isUndefined(planner.offer("c/"))
    assert.isUndefined(planner.offer("m/"))
    const next = planner.offer("n/")
    assert.deepStrictEqual(bounds(next), { index: 1, after: "n/", upTo: undefined })
    next!.ended = true
    assert.isUndefined(planner.offer("z/"))
  })

  it("compares cuts in S3's order: U+FF01 before U+1F600", () => {
    const planner = makeTilePlanner("", "a", 1)
    assert.isDefined(planner.offer("\uFF01/"))
    assert.isDefined(planner.offer("\u{1F600}/"))
    assert.isUndefined(makeTilePlanner("", "\u{1F600}", 1).offer("\uFF01/"))
  })

  it("sizes tiles from the first page: small folders are grouped, a page inside one folder gives one each", () => {
    const keys = Array.from({ length: 100 }, (_, i) => `${String(Math.floor(i / 10)).padStart(2, "0")}/f${i}`)
    assert.strictEqual(prefixesPerTileFor("", keys, 200), 18)
    assert.strictEqual(prefixesPerTileFor("", keys.slice(0, 10), 200), 1)
    assert.strictEqual(prefixesPerTileFor("", ["a.txt", "b.txt"], 200), 1)
    assert.strictEqual(prefixesPerTileFor("", keys, 1), 1)
  })
})

describe("a tile's pages", () => {
  const closed = tile(1, "b", "d/")

  it("keeps its interval, notes the first key and the first key past its end, and stops there", () => {
    const scanner = makeTileScanner("", closed)
    const first = scanner.scan([entry("c"), entry("d/")])
    assert.deepStrictEqual(first, { kept: [entry("c"), entry("d/")], passedEnd: false, violation: undefined })
    const second = scanner.scan([entry("d/x"), entry("e")])
    assert.deepStrictEqual(second, { kept: [], passedEnd: true, violation: undefined })
    assert.strictEqual(scanner.first(), "c")
    assert.strictEqual(scanner.beyond(), "d/x")
    assert.strictEqual(closed.lastSeen, "e")
  })

  it("reads its end afresh: a cut that closes it while it runs takes effect on the next page", () => {
    const open = tile(0, "a", undefined)
    const scanner = makeTileScanner("", open)
    assert.strictEqual(scanner.scan([entry("b"), entry("c")]).passedEnd, false)
    open.upTo = "d"
    assert.deepStrictEqual(scanner.scan([entry("d"), entry("e")]), { kept: [entry("d")], passedEnd: true, violation: undefined })
  })

  it("refuses a key at or before its start, and a key out of order within or across pages", () => {
    assert.include(makeTileScanner("", tile(1, "b", "d/")).scan([entry("b")]).violation, "asked to start after \"b\"")
    const scanner = makeTileScanner("", tile(1, "b", "d/"))
    scanner.scan([entry("c1")])
    assert.strictEqual(scanner.scan([entry("c0")]).violation, "listed \"c0\" after \"c1\"")
    assert.deepStrictEqual(makeTileScanner("", tile(1, "b", "d/")).scan([entry("c"), entry("c")]).kept, [])
  })

  it("treats a key past the listed prefix as its end, and never keeps it", () => {
    const scanner = makeTileScanner("t/", tile(0, "t/a", undefined))
    const page = scanner.scan([entry("t/b"), entry("u/x")])
    assert.deepStrictEqual(page, { kept: [entry("t/b")], passedEnd: true, violation: undefined })
    assert.isUndefined(scanner.beyond())
  })

  it("finds the first pair out of order in a page", () => {
    assert.isUndefined(orderViolationIn(["a", "a/", "b"]))
    assert.strictEqual(orderViolationIn(["a/x", "a-x"]), "listed \"a-x\" after \"a/x\"")
    assert.strictEqual(orderViolationIn(["\u{1F600}", "\uFF01"]), "listed \"\uFF01\" after \"\u{1F600}\"")
  })
})

describe("the boundary between two tiles", () => {
  const left = tile(0, "a", "m/")
  const right = tile(1, "m/", undefined)

  it("passes when both tiles see the same first key after the cut, or neither sees one, in either order", () => {
    const checks = makeBoundaryChecks()
    assert.isUndefined(checks.firstSeen(right, "m/a"))
    assert.isUndefined(checks.beyondEnd(left, "m/a"))
    const empty = makeBoundaryChecks()
    assert.isUndefined(empty.beyondEnd(left, null))
    assert.isUndefined(empty.firstSeen(right, null))
  })

  it("fails when the tile after the cut starts elsewhere: a key was skipped or invented", () => {
    const checks = makeBoundaryChecks()
    assert.isUndefined(checks.beyondEnd(left, "m/a"))
    assert.strictEqual(checks.firstSeen(right, "m/b"), "listed \"m/b\" first after \"m/\", but \"m/a\" first past it in the listing before")
    const ended = makeBoundaryChecks()
    assert.isUndefined(ended.firstSeen(right, "n"))
    assert.include(ended.beyondEnd(left, null), "but nothing first past it")
  })

  it("has nothing to check before the first tile or after the last", () => {
    const checks = makeBoundaryChecks()
    assert.isUndefined(checks.firstSeen(left, "b"))
    assert.isUndefined(checks.beyondEnd(right, "z"))
  })
})

describe("skipping what the tiles yielded", () => {
  it("skips each run from its first key to its last, and keeps everything else", () => {
    const skipper = makeRunSkipper([{ first: "b", last: "d" }, { first: "f", last: "f" }])
    assert.deepStrictEqual(["a", "b", "c", "d", "e", "f", "g"].filter(skipper.isNew), ["a", "e", "g"])
    assert.isUndefined(skipper.problem(true))
  })

  it("reports a run that never ends, never shows up, or holds another run's start", () => {
    const unfinished = makeRunSkipper([{ first: "b", last: "d" }])
    ;["a", "b", "c"].forEach(unfinished.isNew)
    assert.isUndefined(unfinished.problem(false))
    assert.strictEqual(unfinished.problem(true), "never listed \"d\" again")
    const missing = makeRunSkipper([{ first: "b", last: "b" }, { first: "x", last: "y" }])
    ;["b", "c"].forEach(missing.isNew)
    assert.include(missing.problem(true), "listed only 1 of the 2 stretches")
    const nested = makeRunSkipper([{ first: "b", last: "e" }, { first: "c", last: "c" }])
    ;["b", "c"].forEach(nested.isNew)
    assert.include(nested.problem(false), "listed \"c\" between \"b\" and \"e\"")
  })
})
