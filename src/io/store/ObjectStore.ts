/**
 * The object store service: the one door through which uuidmap reads a bucket. Each backend
 * (a local folder, S3, an S3 Inventory report) provides it as a Layer; the program never
 * knows which one it has.
 *
 * @module
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { ObjectKey } from "../../domain/ObjectKey.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"

/**
 * User metadata of one object: lower-case names without the `x-amz-meta-` prefix.
 *
 * @example
 * ```ts
 * import type { ObjectMetadata } from "./ObjectStore.ts"
 * const metadata: ObjectMetadata = { "row-id": "502" }
 * ```
 * @category models
 */
export type ObjectMetadata = Readonly<Record<string, string>>

/**
 * How many requests a store has sent to its backend so far: listing pages (`list`) and
 * metadata reads (`head`). A retried request counts once per attempt, since each attempt is
 * sent (and billed). A backend without requests reports zeros.
 *
 * @example
 * ```ts
 * import type { StoreRequests } from "./ObjectStore.ts"
 * const cost: StoreRequests = { list: 20, head: 0 }
 * ```
 * @category models
 */
export interface StoreRequests {
  readonly list: number
  readonly head: number
}

/**
 * What a store can do.
 * - `location`: how to name the store in messages (`s3://bucket/prefix`, `file:///dir`); never
 *   holds a credential.
 * - `list(prefix)`: every object whose key starts with `prefix`, streamed page by page, with
 *   keys relative to the store's own prefix. Order is unspecified; each key comes once.
 * - `metadata(key)`: the user metadata of one object (empty where the backend has none).
 * - `requests`: the requests sent so far (`StoreRequests`), so a run can say what it cost.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { ObjectStore } from "./ObjectStore.ts"
 * const countObjects = Effect.gen(function*() {
 *   const store = yield* ObjectStore
 *   return yield* Stream.runCount(store.list(""))
 * })
 * ```
 * @category services
 */
export class ObjectStore extends Context.Service<ObjectStore, {
  readonly location: string
  readonly list: (prefix: string) => Stream.Stream<StoredObject, StoreError>
  readonly metadata: (key: ObjectKey) => Effect.Effect<ObjectMetadata, StoreError>
  readonly requests: Effect.Effect<StoreRequests>
}>()("uuidmap/ObjectStore") {}
