/**
 * Indexes of the listed objects that several phases need: the pool by UUID, and the files in
 * the folders of known clients in key order. `RunIndex` builds each once per run, so that
 * sorting and classifying a million keys happens once instead of in every phase.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { fileName, type ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import type { KeyPlace } from "./ClassifyKey.ts"

type Objects = ReadonlyMap<ObjectKey, StoredObject>

/**
 * Each UUID-named object under the pool prefix by its UUID; when two objects carry one UUID,
 * the first by key wins. The map iterates in key order.
 *
 * @category indexing
 */
export const indexPool = (objects: Objects, prefix: string): ReadonlyMap<FileUuid, ObjectKey> => {
  const keys: Array<ObjectKey> = []
  for (const key of objects.keys()) if (key.startsWith(prefix)) keys.push(key)
  const index = new Map<FileUuid, ObjectKey>()
  for (const key of keys.sort()) {
    const uuid = uuidFromFileName(fileName(key))
    if (uuid !== undefined && !index.has(uuid)) index.set(uuid, key)
  }
  return index
}

/**
 * The objects as one classifier sees them: the files in the folders of known clients (keys
 * in key order, with each one's row id and object at the same position) and the keys of
 * UUID-named pool objects (in key order).
 *
 * @category models
 */
export interface ObjectCatalogue {
  readonly folderKeys: ReadonlyArray<ObjectKey>
  readonly folderRowIds: ReadonlyArray<RowId>
  readonly folderObjects: ReadonlyArray<StoredObject>
  readonly uuidPoolKeys: ReadonlyArray<ObjectKey>
}

/**
 * Classifies every object once.
 *
 * @category indexing
 */
export const catalogueObjects = (objects: Objects, classify: (key: string) => KeyPlace): ObjectCatalogue => {
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
}
