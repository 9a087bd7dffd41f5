/**
 * An in-process `ObjectStore` whose `metadata` answers after a tick (the first 40 times) and
 * counts the calls and how many overlap, for tests of what a run reads; a key containing
 * `gone` is an object deleted since the listing. It lists nothing.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import type { ObjectKey } from "../../src/domain/ObjectKey.ts"
import { StoreError } from "../../src/domain/StoreError.ts"
import { ObjectStore } from "../../src/io/store/ObjectStore.ts"

/** The store's layer and what it saw. */
export const countingMetadataStore = (metadata: Record<string, Record<string, string>>) => {
  const seen = { calls: 0, inFlight: 0, maxInFlight: 0 }
  const layer = Layer.succeed(ObjectStore, {
    location: "s3://test",
    list: () => Stream.empty,
    requests: Effect.sync(() => ({ list: 0, head: seen.calls })),
    metadata: (key: ObjectKey) =>
      Effect.gen(function*() {
        seen.calls++
        seen.inFlight++
        seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight)
        if (seen.calls <= 40) yield* Effect.sleep("5 millis")
        seen.inFlight--
        if (key.includes("gone")) return yield* new StoreError({ reason: "NoSuchKey", store: "s3://test", message: "gone" })
        return metadata[key] ?? {}
      })
  })
  return { layer, seen }
}
