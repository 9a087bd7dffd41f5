/**
 * Indexes of the listed objects that several phases need: the pool by UUID, and the files in
 * the folders of known clients in key order. Each is built once per listing (and pool prefix,
 * or classifier) and remembered, since the objects map of a run never changes: sorting and
 * classifying a million keys once instead of in every phase is most of what keeps a large
 * run fast. Pure memoisation: nothing observable changes.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { fileName, type ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import type { KeyPlace } from "./ClassifyKey.ts"
import { memoOnInput } from "./internal/Memo.ts"

type Objects = ReadonlyMap<ObjectKey, StoredObject>

const pools = memoOnInput<Objects, string, ReadonlyMap<FileUuid, ObjectKey>>()

/**
 * Each UUID-named object under the pool prefix by its UUID; when two objects carry one UUID,
 * the first by key wins. The map iterates in key order.
 *
 * @category indexing
 */
export const poolIndexOf = (objects: Objects, prefix: string): ReadonlyMap<FileUuid, ObjectKey> =>
  pools(objects, prefix, () => {
    const keys: Array<ObjectKey> = []
    for (const key of objects.keys()) if (key.startsWith(prefix)) keys.push(key)
    const index = new Map<FileUuid, ObjectKey>()
    for (const key of keys.sort()) {
      const uuid = uuidFromFileName(fileName(key))
      if (uuid !== undefined && !index.has(uuid)) index.set(uuid, key)
    }
    return index
  })

/**
 * The objects as one classifier sees them: the files in the folders of known clients (keys
 * in key order, with each one's row id and object at the same position) and the keys of UUID-named pool
 * objects (in key order).
 *
 * @category models
 */
export interface ObjectCatalogue {
  readonly folderKeys: ReadonlyArray<ObjectKey>
  readonly folderRowIds: ReadonlyArray<RowId>
  readonly folderObjects: ReadonlyArray<StoredObject>
  readonly uuidPoolKeys: ReadonlyArray<ObjectKey>
}

const catalogues = memoOnInput<Objects, (key: string) => KeyPlace, ObjectCatalogue>()

/**
 * Classifies every object once per listing and classifier.
 *
 * @category indexing
 */
export const catalogueOf = (objects: Objects, classify: (key: string) => KeyPlace): ObjectCatalogue =>
  catalogues(objects, classify, () => {
    const folderKeys: Array<ObjectKey> = []
    const uuidPoolKeys: Array<ObjectKey> = []
    for (const key of objects.keys()) {
      const place = classify(key)
      if (place._tag === "ClientFolder") folderKeys.push(key)
      else if (place._tag === "Pool" && place.uuid !== undefined) uuidPoolKeys.push(key)
    }
    folderKeys.sort()
    uuidPoolKeys.sort()
    // A client folder's row id is the key's first segment.
    const folderRowIds = folderKeys.map((key) => key.slice(0, key.indexOf("/")) as RowId)
    const folderObjects = folderKeys.map((key) => objects.get(key)!)
    return { folderKeys, folderRowIds, folderObjects, uuidPoolKeys }
  })

/**
 * Remembers a value derived from the pool (`poolIndexOf`, so from one listing and prefix)
 * and a classifier (the content and weak-signal indexes), built by `compute` the first time.
 *
 * @category indexing
 */
export const memoOnPool = <Value>() => memoOnInput<ReadonlyMap<FileUuid, ObjectKey>, (key: string) => KeyPlace, Value>()
