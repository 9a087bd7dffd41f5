/**
 * The auto listing's key ranges on s3rver: a bucket of many small folders costs about a
 * request per page of objects, not one per folder; a folder that spans many pages inside a
 * range, and fewer folders than listings at once, still give exactly the flat listing.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { startFaultProxy } from "../../../support/s3/FaultProxy.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions } from "../../../support/s3/S3TestStore.ts"

// Uniform names (lower case, fixed width): s3rver pages mixed names out of order.
const pad = (n: number, width: number) => String(n).padStart(width, "0")
const folders = (count: number, size: (folder: number) => number, name: string): Array<SeedObject> =>
  Array.from({ length: count }, (_, f) =>
    Array.from({ length: size(f) }, (_, i) => ({ key: `${name}${pad(f, 3)}/f${pad(i, 4)}.txt`, body: `${f}-${i}` }))).flat()

// 300 client folders of 4 files.
const small = folders(300, () => 4, "f")
// 40 folders of 3 files, but s015/ holds 400: ten pages of 40 inside one range.
const spanning = folders(40, (f) => (f === 15 ? 400 : 3), "s")
// 5 folders of 150 files and a direct key, listed 8 at a time.
const few: Array<SeedObject> = [...folders(5, () => 150, "a"), { key: "z.txt", body: "direct" }]

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "small", small)
  await seedS3rverFiles(server.directory, "spanning", spanning)
  await seedS3rverFiles(server.directory, "few", few)
})

afterAll(async () => {
  await server?.stop()
})

const queries = (urls: ReadonlyArray<string>) =>
  urls.map((url) => new URL(url, "http://proxy").searchParams).filter((query) => query.get("list-type") === "2")

describe("auto listing in key ranges on s3rver", () => {
  it.live("lists 300 small folders with about a request per page plus discovery and ranges, not one per folder", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint }))
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const pageSize = 100
      const listed = yield* listSorted(
        localStoreOptions(proxy.endpoint, "s3://small", { concurrency: 4, tuning: { pageSize } }),
        "auto"
      )
      assert.deepStrictEqual(listed, byKey(small.map((object) => expectedObject(object))))
      const requests = queries(proxy.requestUrls())
      const discoveryPages = requests.filter((query) => query.get("delimiter") === "/").length
      const ranges = new Set(
        requests.slice(1)
          .filter((query) => query.get("delimiter") === null && query.get("prefix") === null)
          .map((query) => query.get("start-after"))
      ).size
      // The first page's folder is resumed with one request; the rest is pages of objects.
      assert.isAtLeast(ranges, 4)
      assert.isAtMost(requests.length, Math.ceil(small.length / pageSize) + discoveryPages + ranges + 1)
      assert.isBelow(requests.length, 300 / 10)
    }))

  it.live("a folder spanning many pages inside a range, at several page sizes, gives exactly the flat listing", () =>
    Effect.gen(function*() {
      const want = byKey(spanning.map((object) => expectedObject(object)))
      for (const pageSize of [7, 40, 150]) {
        const auto = yield* listSorted(
          localStoreOptions(server.endpoint, "s3://spanning", { concurrency: 4, tuning: { pageSize } }),
          "auto"
        )
        assert.deepStrictEqual(auto, want, `page size ${pageSize}`)
      }
    }))

  it.live("fewer folders than listings at once: each is a range of its own", () =>
    Effect.gen(function*() {
      const want = byKey(few.map((object) => expectedObject(object)))
      for (const pageSize of [40, 200]) {
        const auto = yield* listSorted(
          localStoreOptions(server.endpoint, "s3://few", { concurrency: 8, tuning: { pageSize } }),
          "auto"
        )
        assert.deepStrictEqual(auto, want, `page size ${pageSize}`)
      }
    }))
})
