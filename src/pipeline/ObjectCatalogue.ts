/**
 * Indexes of the listed objects that several phases need: the files in the folders of known
 * clients and the UUID-named pool files, each in key order with its object beside it, and the
 * pool by UUID. `RunIndex` builds them once per run, in one pass over the listing and one
 * radix sort of each group's keys (`keyOrder`), so that no phase sorts a million keys again or
 * looks objects up by key in a map of a million entries.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { fileName, type ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import type { KeyPlace } from "./ClassifyKey.ts"
import { inOrder, keyOrder } from "./internal/KeyOrder.ts"

/**
 * The objects as one classifier and pool prefix see them, each group in key order with the
 * same position in each of its arrays:
 * - the files in the folders of known clients, with their row ids and objects;
 * - the pool files (under the prefix, named by a UUID), with their UUIDs and objects; when two
 *   carry one UUID, `poolFirst` marks the first by key, the one the phases map, and `pool`
 *   finds it by UUID (iterating in key order);
 * - `uuidPoolKeys`: the keys the classifier counts as UUID-named pool files (the metrics).
 *
 * @category models
 */
export interface ObjectCatalogue {
  readonly folderKeys: ReadonlyArray<ObjectKey>
  readonly folderRowIds: ReadonlyArray<RowId>
  readonly folderObjects: ReadonlyArray<StoredObject>
  readonly poolKeys: ReadonlyArray<ObjectKey>
  readonly poolUuids: ReadonlyArray<FileUuid>
  readonly poolObjects: ReadonlyArray<StoredObject>
  readonly poolFirst: ReadonlyArray<boolean>
  readonly pool: ReadonlyMap<FileUuid, ObjectKey>
  readonly uuidPoolKeys: ReadonlyArray<ObjectKey>
}

/**
 * Classifies every object once and sorts each group by key.
 *
 * @category indexing
 */
export const catalogueObjects = (
  objects: ReadonlyMap<ObjectKey, StoredObject>,
  classify: (key: string) => KeyPlace,
  poolPrefix: string
): ObjectCatalogue => {
  const folderKeys: Array<ObjectKey> = []
  const folderRowIds: Array<RowId> = []
  const folderObjects: Array<StoredObject> = []
  const poolKeys: Array<ObjectKey> = []
  const poolUuids: Array<FileUuid> = []
  const poolObjects: Array<StoredObject> = []
  for (const [key, object] of objects) {
    const place = classify(key)
    if (place._tag === "ClientFolder") {
      folderKeys.push(key)
      folderRowIds.push(place.rowId)
      folderObjects.push(object)
    }
    // With an empty prefix nothing classifies as pool, yet every UUID-named key is under it.
    const uuid = place._tag === "Pool" ? place.uuid : poolPrefix === "" ? uuidFromFileName(fileName(key)) : undefined
    if (uuid !== undefined) {
      poolKeys.push(key)
      poolUuids.push(uuid)
      poolObjects.push(object)
    }
  }
  const folderOrder = keyOrder(folderKeys)
  const poolOrder = keyOrder(poolKeys)
  const sortedPoolKeys = inOrder(poolKeys, poolOrder)
  const sortedPoolUuids = inOrder(poolUuids, poolOrder)
  const pool = new Map<FileUuid, ObjectKey>()
  const poolFirst = sortedPoolUuids.map((uuid, i) => {
    if (pool.has(uuid)) return false
    pool.set(uuid, sortedPoolKeys[i]!)
    return true
  })
  return {
    folderKeys: inOrder(folderKeys, folderOrder),
    folderRowIds: inOrder(folderRowIds, folderOrder),
    folderObjects: inOrder(folderObjects, folderOrder),
    poolKeys: sortedPoolKeys,
    poolUuids: sortedPoolUuids,
    poolObjects: inOrder(poolObjects, poolOrder),
    poolFirst,
    pool,
    uuidPoolKeys: poolPrefix === "" ? [] : sortedPoolKeys
  }
}

/**
 * Positions of the client-folder files of each size (above 0) in the catalogue, in key order:
 * a position alone when one file has the size (most sizes), else an array. Content and weak
 * signals look pool files up here by size, so memory follows the folder files, never the pool.
 *
 * @category models
 */
export type SizeIndex = ReadonlyMap<number, number | ReadonlyArray<number>>

/**
 * Indexes the client-folder files of a catalogue by size.
 *
 * @category indexing
 */
export const indexFolderSizes = (catalogue: ObjectCatalogue): SizeIndex => {
  const index = new Map<number, number | Array<number>>()
  const { folderObjects } = catalogue
  for (let i = 0; i < folderObjects.length; i++) {
    const size = folderObjects[i]!.size
    if (!(size > 0)) continue
    const found = index.get(size)
    if (found === undefined) index.set(size, i)
    else if (typeof found === "number") index.set(size, [found, i])
    else found.push(i)
  }
  return index
}

const none: ReadonlyArray<number> = []

/**
 * The positions of the client-folder files of a size, in key order.
 *
 * @category indexing
 */
export const ofSize = (index: SizeIndex, size: number): ReadonlyArray<number> => {
  const found = index.get(size)
  return found === undefined ? none : typeof found === "number" ? [found] : found
}
