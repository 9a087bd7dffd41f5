/**
 * Multi-page listing against s3rver: exact objects, flat, prefix-parallel and auto alike, the
 * store prefix, progress, paging on demand, and which requests the auto listing (flat first
 * page, then contiguous key ranges) makes.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { makeDemoScenario } from "../../../../src/program/demo/DemoScenario.ts"
import { makeS3Store } from "../../../../src/io/store/S3Store.ts"
import type { ListingProgress } from "../../../../src/io/store/S3ListingProgress.ts"
import { startFaultProxy } from "../../../support/s3/FaultProxy.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions } from "../../../support/s3/S3TestStore.ts"

// Uniform names (lower case, fixed width): s3rver pages mixed names out of order.
const clientFolders = Array.from({ length: 25 }, (_, i) => `c${100 + i}`)
const bucketObjects: Array<SeedObject> = clientFolders.flatMap((folder, f) =>
  Array.from({ length: 100 }, (_, i) => ({
    key: `${folder}/f${String(i).padStart(4, "0")}.txt`,
    body: `${folder}-${i}-${"x".repeat(i % 7)}`,
    lastModified: new Date(Date.UTC(2024, 0, 1 + f, 12, 0, i % 60))
  }))
)
const topLevel: Array<SeedObject> = [
  { key: "r0001.txt", body: "top one" },
  { key: "r0002.txt", body: "top two" }
]
const tenantObjects: Array<SeedObject> = Array.from({ length: 30 }, (_, i) => ({
  key: `tenant/t${String(i % 3)}/f${String(i).padStart(4, "0")}.txt`,
  body: `tenant ${i}`
}))

// The demo's layout: client folders that hold only subfolders (502/Sam_Torode/…), which
// s3rver's Delimiter listing never reports, and a files/ pool; 138 objects, one page.
const demoObjects: Array<SeedObject> = makeDemoScenario().files.map((file) => ({ key: file.key, body: file.content }))

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "big", [...bucketObjects, ...topLevel])
  await seedS3rverFiles(server.directory, "shared", [
    ...tenantObjects,
    { key: "other/f0001.txt", body: "not the tenant's" },
    { key: "tenantx/f0001.txt", body: "a sibling prefix, not the tenant's" }
  ])
  await seedS3rverFiles(server.directory, "demo", demoObjects)
})

afterAll(async () => {
  await server?.stop()
})

describe("S3 store listing on s3rver", () => {
  const expected = byKey([...bucketObjects, ...topLevel].map((object) => expectedObject(object)))

  it.live("lists 2,502 objects over three pages with exactly the seeded keys, sizes, ETags and times", () =>
    Effect.gen(function*() {
      const listed = yield* listSorted(localStoreOptions(server.endpoint, "s3://big"), "flat")
      assert.strictEqual(listed.length, 2_502)
      assert.deepStrictEqual(listed, expected)
    }))

  it.live("prefix-parallel listing yields the same objects as a flat listing", () =>
    Effect.gen(function*() {
      const parallel = yield* listSorted(localStoreOptions(server.endpoint, "s3://big", { concurrency: 4 }), "prefix-parallel")
      assert.deepStrictEqual(parallel, expected)
    }))

  it.live("prefix-parallel listing with small pages still yields every object once", () =>
    Effect.gen(function*() {
      const parallel = yield* listSorted(
        localStoreOptions(server.endpoint, "s3://big", { concurrency: 8, tuning: { pageSize: 37 } }),
        "prefix-parallel"
      )
      assert.deepStrictEqual(parallel, expected)
    }))

  it.live("a store prefix lists only that prefix's objects, with the prefix stripped from keys", () =>
    Effect.gen(function*() {
      const want = byKey(tenantObjects.map((object) => expectedObject(object, "tenant/")))
      for (const bucket of ["s3://shared/tenant", "s3://shared/tenant/"]) {
        const flat = yield* listSorted(localStoreOptions(server.endpoint, bucket, { tuning: { pageSize: 7 } }), "flat")
        const parallel = yield* listSorted(localStoreOptions(server.endpoint, bucket), "prefix-parallel")
        assert.deepStrictEqual(flat, want)
        assert.deepStrictEqual(parallel, want)
      }
    }))

  it.live("list(prefix) lists one folder, with keys still relative to the store", () =>
    Effect.gen(function*() {
      const listed = yield* listSorted(localStoreOptions(server.endpoint, "s3://shared/tenant"), "auto", "t1/")
      assert.deepStrictEqual(
        listed.map((object) => object.key),
        tenantObjects.filter((o) => o.key.startsWith("tenant/t1/")).map((o) => o.key.slice("tenant/".length)).sort()
      )
    }))

  it.live("reports progress until every object is counted and every prefix is done", () =>
    Effect.gen(function*() {
      const reports: Array<ListingProgress> = []
      yield* listSorted(
        localStoreOptions(server.endpoint, "s3://big", { concurrency: 4, onProgress: (p) => reports.push(p) }),
        "prefix-parallel"
      )
      const last = reports.at(-1)
      assert.deepStrictEqual(last && { ...last, elapsedMs: 0 }, {
        objects: 2_502,
        prefixesDone: 25,
        prefixesTotal: 25,
        elapsedMs: 0
      })
      assert.isTrue(reports.every((p, i) => i === 0 || p.objects >= (reports[i - 1]?.objects ?? 0)))
      assert.isTrue(reports.every((p) => p.elapsedMs >= 0))
    }))

  it.live("fetches pages only as the stream is read: the first object costs one request", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const first = yield* Effect.scoped(Effect.gen(function*() {
        const store = yield* makeS3Store(localStoreOptions(proxy.endpoint, "s3://big", { concurrency: 1 }))
        return yield* Stream.runCollect(store.list("").pipe(Stream.take(1)))
      }))
      assert.strictEqual(first.length, 1)
      assert.strictEqual(proxy.stats().requests, 1)
    }))
})

// The listing requests a proxy saw, as their query parameters.
const listingQueries = (urls: ReadonlyArray<string>) =>
  urls.map((url) => new URL(url, "http://proxy").searchParams).filter((query) => query.get("list-type") === "2")

describe("auto listing on s3rver", () => {
  const expected = byKey([...bucketObjects, ...topLevel].map((object) => expectedObject(object)))

  it.live("lists the same objects as a flat listing over three pages, and progress ends complete", () =>
    Effect.gen(function*() {
      const reports: Array<ListingProgress> = []
      const auto = yield* listSorted(
        localStoreOptions(server.endpoint, "s3://big", {
          concurrency: 4,
          onProgress: (p) => reports.push(p),
          tuning: { pageSize: 200, tileTargetKeys: 250 }
        }),
        "auto"
      )
      assert.deepStrictEqual(auto, expected)
      // The first page (c100/, c101/) spans 2 folders, so a tile of about 250 keys spans 2 or 3
      // of the 23 later ones: several tiles (where the first cut falls depends on how far tile 0
      // has read when discovery answers), each done by the end.
      const last = reports.at(-1)!
      assert.strictEqual(last.objects, 2_502)
      assert.strictEqual(last.prefixesDone, last.prefixesTotal)
      assert.isAtLeast(last.prefixesTotal, 1 + 2)
    }))

  it.live("yields every object once whichever key its first page ends on and however ranges split pages", () =>
    Effect.gen(function*() {
      // 90 ends the first page inside c100/ (12 ranges of 2 folders, 200 keys over 3 pages),
      // 250 inside c102/ (6 ranges of about 4), 1,000 at the end of c109/ (3 ranges of 5 folders,
      // each within one page that also holds keys beyond it).
      for (const pageSize of [90, 250, 1_000]) {
        const auto = yield* listSorted(
          localStoreOptions(server.endpoint, "s3://big", { concurrency: 3, tuning: { pageSize } }),
          "auto"
        )
        assert.deepStrictEqual(auto, expected, `page size ${pageSize}`)
      }
      // Under c124/ every key is direct, so the first page ends on a direct key.
      const withTopLevelLast = yield* listSorted(
        localStoreOptions(server.endpoint, "s3://big", { concurrency: 8, tuning: { pageSize: 7 } }),
        "auto",
        "c124/"
      )
      assert.deepStrictEqual(withTopLevelLast, expected.filter((object) => object.key.startsWith("c124/")))
    }))

  it.live("after its first page discovers cuts once and lists tiles from each cut, with no prefix or delimiter", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const listed = yield* listSorted(
        localStoreOptions(proxy.endpoint, "s3://big", { concurrency: 4, tuning: { pageSize: 250 } }),
        "auto"
      )
      assert.deepStrictEqual(listed, expected)
      const [first, ...rest] = listingQueries(proxy.requestUrls())
      assert.strictEqual(first?.get("delimiter"), null)
      assert.strictEqual(first?.get("start-after"), null)
      assert.strictEqual(first?.get("max-keys"), "250")
      const lastKey = "c102/f0049.txt"
      const discovery = rest.filter((query) => query.get("delimiter") === "/")
      assert.deepStrictEqual(discovery.map((query) => query.get("start-after")), [lastKey])
      // The first page spans 3 folders (125 keys each), so a tile of about two pages spans 4
      // discovered folders, counted from the first one past what tile 0 (from the last key)
      // has read by the time discovery answers: cuts only ever at discovered folders, in order.
      const tiles = rest.filter((query) => query.get("delimiter") === null)
      assert.isTrue(tiles.every((query) => query.get("prefix") === null))
      const starts = [...new Set(tiles.map((query) => query.get("start-after") ?? ""))]
      assert.strictEqual(starts[0], lastKey)
      assert.isTrue(starts.slice(1).every((start) => /^c1[0-2]\d\/$/.test(start)), starts.join(" "))
      assert.deepStrictEqual(starts.slice(1), [...starts.slice(1)].sort())
      assert.isAtLeast(starts.length, 4)
      // A page per 250 keys, plus discovery, plus at most one page past each tile's end.
      assert.isAtMost(rest.length + 1, Math.ceil(2_502 / 250) + 1 + starts.length)
    }))

  it.live("lists a two-page bucket with two requests: no discovery when tile 0's first page ends it", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const auto = yield* listSorted(localStoreOptions(proxy.endpoint, "s3://big", { concurrency: 8, tuning: { pageSize: 600 } }), "auto", "c10")
      assert.strictEqual(auto.length, 1_000)
      const queries = listingQueries(proxy.requestUrls())
      assert.deepStrictEqual(queries.map((query) => query.get("delimiter")), [null, null])
    }))

  it.live("lists a one-page bucket of folders of folders completely with one request", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const auto = yield* listSorted(localStoreOptions(proxy.endpoint, "s3://demo", { concurrency: 8 }), "auto")
      assert.strictEqual(auto.length, 138)
      assert.deepStrictEqual(auto, byKey(demoObjects.map((object) => expectedObject(object))))
      assert.strictEqual(proxy.stats().requests, 1)
    }))
})
