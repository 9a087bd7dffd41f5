/**
 * Listing through a misbehaving network: the fault proxy in front of s3rver answers a bounded
 * share of requests with 503 SlowDown, 500 or a reset; dies mid-listing; or repeats a key on
 * the next page. A run that survives gives exactly the clean result; a run that cannot fails
 * the stream, never ends it early.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { acquireS3Connection } from "../../../../src/io/store/S3Connection.ts"
import { listS3 } from "../../../../src/io/store/S3Store.ts"
import type { S3ListingStrategy } from "../../../../src/io/store/S3Store.ts"
import { startFaultProxy } from "../../../support/s3/FaultProxy.ts"
import type { FaultProxyOptions } from "../../../support/s3/FaultProxy.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { unsafeObjectKey } from "../../../../src/domain/ObjectKey.ts"
import { listAndCount, listSorted, localStoreOptions, withWarnings } from "../../../support/s3/S3TestStore.ts"

// 40 folders of 30: auto lists them in ranges of a few folders, each over several pages.
const objects: Array<SeedObject> = Array.from({ length: 1_200 }, (_, i) => ({
  key: `d${String(i % 40).padStart(2, "0")}/f${String(i).padStart(5, "0")}.bin`,
  body: `object ${i}`
}))
const clean = byKey(objects.map((object) => expectedObject(object)))

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "faulty", objects)
})

afterAll(async () => {
  await server?.stop()
})

const withProxy = <A, E>(
  options: Omit<FaultProxyOptions, "upstream">,
  use: (endpoint: string, stats: () => ReturnType<Awaited<ReturnType<typeof startFaultProxy>>["stats"]>) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint, ...options }))
    yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
    return yield* use(proxy.endpoint, proxy.stats)
  })

describe("S3 store listing under faults", () => {
  const seeds = { flat: 7, "prefix-parallel": 11, auto: 13 } as const satisfies Record<S3ListingStrategy, number>
  for (const strategy of ["flat", "prefix-parallel", "auto"] as const satisfies ReadonlyArray<S3ListingStrategy>) {
    it.live(`${strategy}: 503 SlowDown, 500 and resets on a third of requests still give exactly the clean listing`, () =>
      withProxy({ faultRate: 0.35, maxFaults: 20, seed: seeds[strategy] }, (endpoint, stats) =>
        Effect.gen(function*() {
          const listed = yield* listSorted(
            localStoreOptions(endpoint, "s3://faulty", { concurrency: 3, maxAttempts: 6, tuning: { pageSize: 50 } }),
            strategy
          )
          assert.deepStrictEqual(listed, clean)
          assert.isAtLeast(stats().faults, 5)
        })))
  }

  it.live("counts every request it sends, each retry as one more, as the proxy sees them", () =>
    withProxy({ faultRate: 0.3, maxFaults: 12, seed: 5 }, (endpoint, stats) =>
      Effect.gen(function*() {
        const heads = [unsafeObjectKey("d00/f00000.bin"), unsafeObjectKey("d01/f00001.bin")]
        const { objects, requests } = yield* listAndCount(
          localStoreOptions(endpoint, "s3://faulty", { concurrency: 3, maxAttempts: 8, tuning: { pageSize: 100 } }),
          heads
        )
        assert.deepStrictEqual(objects, clean)
        assert.isAtLeast(stats().faults, 3)
        assert.strictEqual(requests.list + requests.head, stats().requests)
        assert.isAtLeast(requests.head, heads.length)
        assert.isAtLeast(requests.list, 1_200 / 100)
      })))

  it.live("a server that dies mid-listing fails the stream with ListingFailed, saying how far it got", () =>
    withProxy({ killAfterResponses: 3 }, (endpoint) =>
      Effect.gen(function*() {
        let yielded = 0
        const error = yield* Effect.flip(Effect.scoped(Effect.gen(function*() {
          const connection = yield* acquireS3Connection(
            localStoreOptions(endpoint, "s3://faulty", { maxAttempts: 2, tuning: { pageSize: 100, sdkMaxAttempts: 1 } })
          )
          return yield* Stream.runForEach(listS3(connection, "", "flat", undefined), () =>
            Effect.sync(() => {
              yielded += 1
            }))
        })))
        assert.strictEqual(error.reason, "ListingFailed")
        assert.include(error.message, "stopped after 300 objects")
        assert.notInclude(error.message, "\n")
        assert.strictEqual(yielded, 300)
      })))

  // After 4 responses auto is still discovering; after 12 its key ranges are being listed.
  const deaths = [["prefix-parallel", 4], ["auto", 4], ["auto", 12]] as const satisfies ReadonlyArray<
    readonly [S3ListingStrategy, number]
  >
  for (const [strategy, killAfterResponses] of deaths) {
    it.live(`${strategy} listing also fails with ListingFailed when the server dies after ${killAfterResponses} responses`, () =>
      withProxy({ killAfterResponses }, (endpoint) =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(listSorted(
            localStoreOptions(endpoint, "s3://faulty", {
              concurrency: 3,
              maxAttempts: 2,
              tuning: { pageSize: 50, sdkMaxAttempts: 1 }
            }),
            strategy
          ))
          assert.strictEqual(error.reason, "ListingFailed")
        })))
  }

  it.live("a key the server repeats on the next page is yielded once, with a warning naming it", () =>
    withProxy({ repeatKeysAcrossPages: true }, (endpoint, stats) =>
      Effect.gen(function*() {
        const [listed, warnings] = yield* withWarnings(
          listSorted(localStoreOptions(endpoint, "s3://faulty", { tuning: { pageSize: 100 } }), "flat")
        )
        assert.deepStrictEqual(listed, clean)
        assert.strictEqual(stats().repeatedKeys, 11)
        assert.strictEqual(warnings.length, 11)
        assert.match(warnings[0] ?? "", /^Key "d\d\d\/f\d{5}\.bin" was listed twice by s3:\/\/faulty; counted once$/)
      })))
})
