/**
 * The S3 store as a Layer, loaded on demand: the AWS SDK is a large part of start-up, and a
 * program that never reads S3 (a local folder, a store of its own, the in-memory store) should
 * not pay for it. The store itself is in `S3Store.ts`.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { StoreError } from "../../domain/StoreError.ts"
import type { ObjectStore } from "./ObjectStore.ts"
import type { S3StoreOptions } from "./S3StoreOptions.ts"

/**
 * The S3 store as a Layer of `ObjectStore`. Building it loads the AWS SDK, checks the location
 * and resolves the region, and sends no request; credentials come from the SDK's default chain
 * when the first request is sent.
 *
 * @example A store on an S3-compatible server
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { layerS3, ObjectStore } from "uuidmap"
 *
 * const layer = layerS3({ bucket: "s3://clients/tenant", endpoint: "http://127.0.0.1:9000", region: "eu-west-1", forcePathStyle: true })
 * // Building the store checks the location and sends no request; listing would.
 * const store = await Effect.runPromise(Effect.provide(Effect.service(ObjectStore), layer))
 * assert.equal(store.location, "s3://clients/tenant/")
 * assert.deepStrictEqual(await Effect.runPromise(store.requests), { list: 0, head: 0 })
 * const refused = await Effect.runPromise(Effect.flip(Effect.scoped(Layer.build(layerS3({ bucket: "http://clients" })))))
 * assert.equal(refused.reason, "InvalidLocation")
 * ```
 * @category layers
 */
export const layerS3 = (options: S3StoreOptions): Layer.Layer<ObjectStore, StoreError> =>
  Layer.unwrap(Effect.map(Effect.promise(() => import("./S3Store.ts")), (store) => store.layerS3(options)))
