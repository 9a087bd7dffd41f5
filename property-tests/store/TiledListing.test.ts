/**
 * Property: whatever a server answers — common prefixes dropped (all but one, or at random),
 * repeated or out of order, short pages, empty pages that say there is more, `StartAfter`
 * ignored with a delimiter, keys sorted in another order than S3's — the tiled listing
 * yields exactly the keys of a flat listing of the same server, each once. Runs against the
 * model server of `ModelS3Server.ts`.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import { listS3FlatEntries } from "../../src/io/store/S3KeyListing.ts"
import type { S3ListingContext } from "../../src/io/store/S3KeyListing.ts"
import { makeProgressTracker } from "../../src/io/store/S3ListingProgress.ts"
import type { S3ListSource } from "../../src/io/store/S3ListSource.ts"
import { listS3Tiled } from "../../src/io/store/S3TiledListing.ts"
import { withWarnings } from "../../test/support/s3/S3TestStore.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { makeModelServer, type Misbehaviour } from "./ModelS3Server.ts"

// Neighbours of "/" ("-" and "." sort below it), mixed case (case-insensitive servers sort
// them apart from S3), U+FF01 against U+1F600 (UTF-16 and UTF-8 orders disagree there).
const segment = fc.array(fc.constantFrom("a", "B", "b", "5", "-", ".", "\uFF01", "\u{1F600}"), { minLength: 1, maxLength: 3 })
  .map((chars) => chars.join(""))
const key = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([parts, marker]) => parts.join("/") + (marker ? "/" : ""))

const misbehaviour: fc.Arbitrary<Misbehaviour> = fc.record({
  dropPrefixes: fc.constantFrom(undefined, "all-but-one", "random"),
  repeatPrefixes: fc.boolean(),
  shufflePrefixes: fc.boolean(),
  shortPages: fc.boolean(),
  emptyPages: fc.boolean(),
  ignoreStartAfterWithDelimiter: fc.boolean(),
  order: fc.constantFrom("utf8", "utf8", "utf16", "case-insensitive")
}) as fc.Arbitrary<Misbehaviour>

const bucket = fc.record({
  keys: fc.uniqueArray(key, { minLength: 1, maxLength: 80 }),
  prefix: fc.constantFrom("", "", "", "a/", "B"),
  pageSize: fc.integer({ min: 1, max: 6 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  // Small targets cut often, so that tiles and their boundaries are what gets tested.
  tileTargetKeys: fc.integer({ min: 1, max: 6 }),
  misbehaviour,
  seed: fc.integer()
})

// mulberry32, so a failing case replays exactly from its seed.
const seeded = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const collect = (run: (context: S3ListingContext) => Stream.Stream<{ readonly key: string }, unknown>) =>
  Effect.runPromise(withWarnings(Effect.gen(function*() {
    const tracker = yield* makeProgressTracker(undefined)
    const context: S3ListingContext = { store: "s3://model", storePrefix: "", duplicateWindow: 1_000, tracker }
    const keys = yield* Stream.runCollect(Stream.map(run(context), (entry) => entry.key))
    return { keys, counted: tracker.objects() }
  })))

const byBytes = (keys: Iterable<string>) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))

describe("tiled listing against a misbehaving model server", () => {
  it("yields exactly the flat listing's keys, each once, under every misbehaviour", async () => {
    // Reached: the listing went past its first page into tiles, where all of this matters.
    const reach = makeReach("tiled listing equals the flat one under misbehaviour")
    const seen = { fellBack: 0, fellBackFromTiles: 0, misreported: 0 }
    await fc.assert(fc.asyncProperty(bucket, reach.counted(async (b) => {
      const server = (): S3ListSource => makeModelServer(b.keys, b.pageSize, b.misbehaviour, seeded(b.seed)).source
      const tiledServer = makeModelServer(b.keys, b.pageSize, b.misbehaviour, seeded(b.seed))
      const [tiled, warnings] = await collect((context) =>
        listS3Tiled(tiledServer.source, context, { prefix: b.prefix, concurrency: b.concurrency, tileTargetKeys: b.tileTargetKeys }))
      const [flat] = await collect((context) => listS3FlatEntries(server(), context, b.prefix, undefined))
      const expected = byBytes(b.keys.filter((k) => k.startsWith(b.prefix) && k.length > 0))

      expect(byBytes(flat.keys)).toEqual(expected)
      expect(tiled.keys.length).toBe(new Set(tiled.keys).size)
      expect(byBytes(tiled.keys)).toEqual(byBytes(flat.keys))
      expect(tiled.counted).toBe(tiled.keys.length)
      // Misreported prefixes only change where tiles are cut; only another order falls back.
      const fellBack = warnings.some((warning) => warning.includes("listing the rest without ranges"))
      if ((b.misbehaviour.order ?? "utf8") === "utf8") expect(fellBack).toBe(false)

      const usedTiles = tiledServer.queries.some((query) => query.delimiter === undefined && query.startAfter !== undefined)
      if (usedTiles) reach.reached()
      if (fellBack) seen.fellBack += 1
      if (fellBack && usedTiles) seen.fellBackFromTiles += 1
      if (b.misbehaviour.dropPrefixes !== undefined || b.misbehaviour.shufflePrefixes || b.misbehaviour.repeatPrefixes) {
        seen.misreported += 1
      }
    })), { numRuns: 1000, timeout: 3000 })
    // The generators must reach the interesting cases, not only one-page buckets.
    reach.expectReached(0.3)
    expect(seen.fellBack).toBeGreaterThan(40)
    expect(seen.fellBackFromTiles).toBeGreaterThan(20)
    expect(seen.misreported).toBeGreaterThan(300)
  })
})
