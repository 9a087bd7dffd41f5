/**
 * The object store service: the one door through which uuidmap reads a bucket. Each backend
 * (a local folder, S3, an S3 Inventory report) provides it as a Layer; the program never
 * knows which one it has.
 *
 * @module
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { ObjectKey } from "../../domain/ObjectKey.ts"
import type { PipelineInputError } from "../../domain/PipelineInputError.ts"
import type { InventoryError } from "../../domain/InventoryError.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { makeMemoryStore, type MemoryMetadata, snapshotMemoryInput } from "./MemoryStore.ts"

/**
 * User metadata of one object: lower-case names without the `x-amz-meta-` prefix.
 *
 * @example What a metadata read gives
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type ObjectMetadata, ObjectStore, unsafeObjectKey } from "uuidmap"
 *
 * const key = unsafeObjectKey("files/a.pdf")
 * const layer = ObjectStore.layerMemory([{ key, size: 1, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" }], { [key]: { "row-id": "502" } })
 * const metadata: ObjectMetadata = await Effect.runPromise(Effect.flatMap(Effect.service(ObjectStore), (store) => store.metadata(key)).pipe(Effect.provide(layer)))
 * assert.equal(metadata["row-id"], "502")
 * ```
 * @category models
 */
export type ObjectMetadata = Readonly<Record<string, string>>

/**
 * What an object store does; see `ObjectStore` for each operation. A store of your own is a
 * value of this shape, provided with `Layer.succeed(ObjectStore, …)`.
 *
 * @example An empty store
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { ObjectStoreShape } from "uuidmap"
 *
 * const empty: ObjectStoreShape = {
 *   location: "empty://",
 *   list: () => Stream.empty,
 *   metadata: () => Effect.succeed({}),
 *   requests: Effect.succeed({ list: 0, head: 0 })
 * }
 * assert.equal(await Effect.runPromise(Stream.runCount(empty.list(""))), 0)
 * ```
 * @category services
 */
export interface ObjectStoreShape {
  /** How to name the store in messages; never holds a credential. */
  readonly location: string
  /** Every object whose key starts with `prefix`, streamed page by page. */
  readonly list: (prefix: string) => Stream.Stream<ListedEntry, StoreError | InventoryError>
  /** The user metadata of one object. */
  readonly metadata: (key: ObjectKey) => Effect.Effect<ObjectMetadata, StoreError>
  /** The requests sent so far. */
  readonly requests: Effect.Effect<StoreRequests>
}
/**
 * The `Context.Service` class `ObjectStore` extends. It is exported only because JSR and
 * `deno doc` need the base of a public class to have a name; use `ObjectStore`.
 *
 * @ignore
 */
export const ObjectStoreBase: Context.ServiceClass<ObjectStore, "uuidmap/ObjectStore", ObjectStoreShape> = Context.Service<
  ObjectStore,
  ObjectStoreShape
>()("uuidmap/ObjectStore")

/**
 * Something a store saw but could not read as an object (only a local folder has these): a
 * file deleted while the folder was being read, one it may not read, a name that is not UTF-8,
 * a link it does not follow. `key` ends with `/` when it is a whole folder. The program decides
 * whether it matters: reported when it is not a file uuidmap would map, fatal when it is.
 *
 * @example A file the store could not read
 * ```ts
 * import assert from "node:assert/strict"
 * import { isUnreadable, type UnreadableEntry } from "uuidmap"
 *
 * const entry: UnreadableEntry = { _tag: "Unreadable", key: "502/a.pdf", problem: "vanished", detail: "it was deleted while the folder was being read" }
 * assert.equal(isUnreadable(entry), true)
 * ```
 * @category models
 */
export interface UnreadableEntry {
  /** Tells the entry from an object. */
  readonly _tag: "Unreadable"
  /** Its path relative to the store, ending with `/` for a folder. */
  readonly key: string
  /** What went wrong. */
  readonly problem: "vanished" | "unreadable" | "bad-name" | "skipped"
  /** One line for people. */
  readonly detail: string
}

/**
 * One entry of a listing: an object, or something that could not be read as one.
 *
 * @example Objects and what could not be read
 * ```ts
 * import assert from "node:assert/strict"
 * import { isUnreadable, type ListedEntry, unsafeObjectKey } from "uuidmap"
 *
 * const entries: ReadonlyArray<ListedEntry> = [
 *   { key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" },
 *   { _tag: "Unreadable", key: "502/b.pdf", problem: "unreadable", detail: "permission denied" }
 * ]
 * assert.deepStrictEqual(entries.filter((entry) => !isUnreadable(entry)).map((entry) => entry.key), ["502/a.pdf"])
 * ```
 * @category models
 */
export type ListedEntry = StoredObject | UnreadableEntry

/**
 * Tells an unreadable entry from an object.
 *
 * @example Telling them apart
 * ```ts
 * import assert from "node:assert/strict"
 * import { isUnreadable, unsafeObjectKey } from "uuidmap"
 *
 * assert.equal(isUnreadable({ _tag: "Unreadable", key: "a", problem: "skipped", detail: "a symbolic link" }), true)
 * assert.equal(isUnreadable({ key: unsafeObjectKey("a"), size: 1, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" }), false)
 * ```
 * @category models
 */
export const isUnreadable = (entry: ListedEntry): entry is UnreadableEntry => "_tag" in entry && entry._tag === "Unreadable"

/**
 * How many requests a store has sent to its backend so far: listing pages (`list`) and
 * metadata reads (`head`). A retried request counts once per attempt, since each attempt is
 * sent (and billed). A backend without requests reports zeros.
 *
 * @example A store in memory sends no requests
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { ObjectStore, type StoreRequests } from "uuidmap"
 *
 * const requests: StoreRequests = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(ObjectStore), (store) => store.requests).pipe(Effect.provide(ObjectStore.layerMemory([])))
 * )
 * assert.deepStrictEqual(requests, { list: 0, head: 0 })
 * ```
 * @category models
 */
export interface StoreRequests {
  /** Listing pages. */
  readonly list: number
  /** Metadata reads (HeadObject). */
  readonly head: number
}

/**
 * What a store can do.
 * - `location`: how to name the store in messages (`s3://bucket/prefix`, `file:///dir`); never
 *   holds a credential.
 * - `list(prefix)`: every object whose key starts with `prefix`, streamed page by page, with
 *   keys relative to the store's own prefix. Order is unspecified; each key comes once. A
 *   local folder also yields what it could not read (`UnreadableEntry`); S3 never does. Only an
 *   inventory-backed store fails with an `InventoryError` (a bad report: exit 2).
 * - `metadata(key)`: the user metadata of one object (empty where the backend has none).
 * - `requests`: the requests sent so far (`StoreRequests`), so a run can say what it cost.
 *
 * @example A store of your own
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import * as Stream from "effect/Stream"
 * import { ObjectStore, runPipeline, unsafeObjectKey, unsafeRowId, UuidGenerator } from "uuidmap"
 *
 * // An upload table, served as a store: the pipeline never knows which store it has.
 * const uploads = Layer.succeed(ObjectStore, {
 *   location: "uploads://table",
 *   list: () => Stream.make({ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }),
 *   metadata: () => Effect.succeed({}),
 *   requests: Effect.succeed({ list: 0, head: 0 })
 * })
 * const program = Effect.gen(function*() {
 *   const store = yield* ObjectStore
 *   return yield* runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }], objects: store.list("") })
 * })
 * const result = await Effect.runPromise(program.pipe(Effect.provide(Layer.merge(uploads, UuidGenerator.layerTest(1)))))
 * assert.equal(result.state.ledger[0]?.key, "502/a.pdf")
 * ```
 * @category services
 */
export class ObjectStore extends ObjectStoreBase {
  /**
   * A store held in memory, for tests and programs that run in process: `objects` are listed,
   * `metadata` (by key, names without `x-amz-meta-`) is what `metadata(key)` returns. Both are
   * copied now. Building the layer fails with a `PipelineInputError` when a key is given twice
   * or metadata names a key that is not among the objects.
   *
   * @example Listing what was given
   * ```ts
   * import assert from "node:assert/strict"
   * import * as Effect from "effect/Effect"
   * import * as Stream from "effect/Stream"
   * import { ObjectStore, unsafeObjectKey } from "uuidmap"
   *
   * const layer = ObjectStore.layerMemory([
   *   { key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }
   * ])
   * const count = Effect.flatMap(Effect.service(ObjectStore), (store) => Stream.runCount(store.list("")))
   * assert.equal(await Effect.runPromise(Effect.provide(count, layer)), 1)
   * ```
   */
  static readonly layerMemory = (
    objects: Iterable<StoredObject>,
    metadata?: MemoryMetadata
  ): Layer.Layer<ObjectStore, PipelineInputError> => {
    const snapshot = snapshotMemoryInput(objects, metadata)
    return Layer.effect(ObjectStore, makeMemoryStore(snapshot.objects, snapshot.metadata))
  }
}
