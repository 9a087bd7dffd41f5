/**
 * Issue 8's bucket on s3rver 3.7.1: 20,000 objects in 500 folders of folders and a pool. After
 * the first page s3rver's `Delimiter` answer names only `files/`, so the old range listing lost
 * 12,000 keys; the tiled listing must still yield every key once, with no request but
 * ListObjectsV2. Also: a server that lists keys out of S3's order (s3rver with mixed names)
 * makes the listing fall back to flat pages and still yield exactly the flat listing.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { startFaultProxy } from "../../../support/s3/FaultProxy.ts"
import { issueLayout, issueLayoutCounts } from "../../../support/s3/IssueLayout.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions, withWarnings } from "../../../support/s3/S3TestStore.ts"

const layout = [...issueLayout()]

// s3rver walks its directory tree: "m/" comes before "m-1.txt" (the directory "m" sorts
// before the file "m-1.txt._S3rver_object"), where S3 puts "m-1.txt" first ("-" < "/").
const mixed: Array<SeedObject> = [
  ...Array.from({ length: 30 }, (_, i) => ({ key: `d${String(i).padStart(2, "0")}/f.txt`, body: `d${i}` })),
  { key: "m/x.txt", body: "m folder" },
  { key: "m-1.txt", body: "m dash" },
  ...Array.from({ length: 30 }, (_, i) => ({ key: `n${String(i).padStart(2, "0")}/f.txt`, body: `n${i}` }))
]

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver({ inMemory: true })
  await seedS3rverFiles(server.directory, "issue8", layout)
  await seedS3rverFiles(server.directory, "mixed", mixed)
})

afterAll(async () => {
  await server?.stop()
})

const listingQueries = (urls: ReadonlyArray<string>) =>
  urls.map((url) => new URL(url, "http://proxy").searchParams).filter((query) => query.get("list-type") === "2")

describe("issue 8's bucket on s3rver", () => {
  const want = byKey(layout.map((object) => expectedObject(object)))

  const listThroughProxy = (tileTargetKeys: number | undefined) =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const tuning = tileTargetKeys === undefined ? {} : { tileTargetKeys }
      const listed = yield* listSorted(localStoreOptions(proxy.endpoint, "s3://issue8", { concurrency: 8, tuning }), "auto")
      const queries = listingQueries(proxy.requestUrls())
      // Every request is a listing.
      assert.strictEqual(queries.length, proxy.stats().requests)
      return { listed, tiles: queries.filter((query) => query.get("delimiter") === null).slice(1), queries }
    })

  it.live("the auto listing yields all 20,000 keys once, though discovery reports only files/", () =>
    Effect.gen(function*() {
      const { listed, queries, tiles } = yield* listThroughProxy(undefined)
      assert.strictEqual(listed.length, issueLayoutCounts.objects)
      assert.deepStrictEqual(listed, want)
      // One prefix falls far short of a tile of about 2,000 keys (the first page's folders
      // hold 27 keys), so tile 0 runs from the first page's last key to the end.
      assert.deepStrictEqual([...new Set(tiles.map((query) => query.get("start-after")))], [queries[1]?.get("start-after") ?? ""])
      assert.strictEqual(queries.length, 20 + 1)
    }))

  it.live("cut at files/, the one prefix s3rver reports, the two tiles still yield all 20,000 keys once", () =>
    Effect.gen(function*() {
      const { listed, queries, tiles } = yield* listThroughProxy(1)
      assert.deepStrictEqual(listed, want)
      const starts = new Set(tiles.map((query) => query.get("start-after")))
      assert.strictEqual(starts.size, 2)
      assert.isTrue(starts.has("files/"))
      // Each tile passes its end by at most a page.
      assert.isAtMost(queries.length, 20 + 1 + 2)
    }))
})

describe("a server whose order is not S3's", () => {
  it.live("s3rver's mixed names make tiles fall back to flat pages, with a warning, and the flat listing's keys", () =>
    Effect.gen(function*() {
      const options = { concurrency: 4, tuning: { pageSize: 20, tileTargetKeys: 1 } }
      const flat = yield* listSorted(localStoreOptions(server.endpoint, "s3://mixed", { tuning: { pageSize: 20 } }), "flat")
      assert.strictEqual(flat.length, mixed.length)
      const [auto, warnings] = yield* withWarnings(listSorted(localStoreOptions(server.endpoint, "s3://mixed", options), "auto"))
      assert.deepStrictEqual(auto, flat)
      assert.strictEqual(warnings.length, 1)
      assert.match(warnings[0] ?? "", /^s3:\/\/mixed does not list keys in S3's order \(it listed .*\); listing the rest without ranges$/)
    }))
})
