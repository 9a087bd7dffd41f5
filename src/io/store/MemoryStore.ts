/**
 * The in-memory store (`ObjectStore.layerMemory`): objects and their user metadata held in
 * memory, so that programs can be run and tested in process, with no folder and no server.
 *
 * The objects are copied when the layer is made, so the store is a snapshot: later changes to
 * the caller's array are not seen, just as a listing shows a bucket at one moment. A key given
 * twice, or metadata for a key that is not among the objects, is refused when the layer is
 * built, since a real store lists each key once and has no metadata without an object.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ObjectKey } from "../../domain/ObjectKey.ts"
import { PipelineInputError } from "../../domain/PipelineInputError.ts"
import { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { ObjectMetadata, ObjectStore } from "./ObjectStore.ts"

/**
 * User metadata by object key, as a Map or a plain record.
 *
 * @example Metadata by key
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type MemoryMetadata, ObjectStore, unsafeObjectKey } from "uuidmap"
 *
 * const key = unsafeObjectKey("files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf")
 * const metadata: MemoryMetadata = { [key]: { "Row-Id": "502" } }
 * const layer = ObjectStore.layerMemory([{ key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }], metadata)
 * const read = await Effect.runPromise(Effect.flatMap(Effect.service(ObjectStore), (store) => store.metadata(key)).pipe(Effect.provide(layer)))
 * assert.deepStrictEqual(read, { "row-id": "502" }) // names in lower case, as S3 gives them
 * ```
 * @category models
 */
export type MemoryMetadata = ReadonlyMap<string, ObjectMetadata> | Readonly<Record<string, ObjectMetadata>>

/** How the in-memory store names itself in messages. */
const memoryLocation = "memory://"

const refuse = (path: string, message: string) => new PipelineInputError({ reason: "InvalidValue", path, message })

// S3 gives metadata names in lower case; so does this store, whatever case the caller used.
const lowerCaseNames = (key: string, given: ObjectMetadata): ObjectMetadata | PipelineInputError => {
  const names: Record<string, string> = {}
  for (const [name, value] of Object.entries(given)) {
    const lower = name.toLowerCase()
    if (lower in names) return refuse(`metadata["${key}"]`, `Metadata name "${name}" of "${key}" is given twice, in different cases`)
    names[lower] = value
  }
  return names
}

/**
 * Builds the store from a snapshot of the objects and metadata.
 *
 * @category constructors
 */
export const makeMemoryStore = (
  objects: ReadonlyArray<StoredObject>,
  metadata: ReadonlyMap<string, ObjectMetadata>
): Effect.Effect<ObjectStore["Service"], PipelineInputError> =>
  Effect.gen(function*() {
    const byKey = new Map<string, StoredObject>()
    for (const [index, object] of objects.entries()) {
      if (byKey.has(object.key)) return yield* refuse(`objects[${index}].key`, `Key "${object.key}" is given twice`)
      byKey.set(object.key, object)
    }
    const metadataByKey = new Map<string, ObjectMetadata>()
    for (const [key, given] of metadata) {
      if (!byKey.has(key)) return yield* refuse(`metadata["${key}"]`, `Metadata is given for "${key}", which is not among the objects`)
      const names = lowerCaseNames(key, given)
      if (names instanceof PipelineInputError) return yield* names
      metadataByKey.set(key, names)
    }
    const listed = [...byKey.values()]
    const service: ObjectStore["Service"] = {
      location: memoryLocation,
      list: (prefix) => Stream.fromIterable(listed.filter((object) => object.key.startsWith(prefix))),
      metadata: (key: ObjectKey) =>
        byKey.has(key)
          ? Effect.succeed(metadataByKey.get(key) ?? {})
          : Effect.fail(
            new StoreError({ reason: "NoSuchKey", store: memoryLocation, message: `Object "${key}" was not found in ${memoryLocation}; list the store again` })
          ),
      // Nothing is sent anywhere: no requests to count.
      requests: Effect.succeed({ list: 0, head: 0 })
    }
    return service
  })

/**
 * Copies the caller's objects and metadata, so that the layer is a snapshot.
 *
 * @category constructors
 */
export const snapshotMemoryInput = (
  objects: Iterable<StoredObject>,
  metadata: MemoryMetadata | undefined
): { readonly objects: ReadonlyArray<StoredObject>; readonly metadata: ReadonlyMap<string, ObjectMetadata> } => ({
  objects: Array.from(objects, (object) => ({ ...object })),
  metadata: new Map(
    Array.from(
      metadata instanceof Map ? metadata : Object.entries(metadata ?? {}),
      ([key, names]: [string, ObjectMetadata]) => [key, { ...names }] as const
    )
  )
})
