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
 * The catalogue's groups as objects are classified, in any order: what `finishCatalogue` sorts.
 * A listing fills it as it goes (`addToCatalogue`), so a run classifies each key once.
 *
 * @category models
 */
export interface CatalogueParts {
  readonly folderKeys: Array<ObjectKey>
  readonly folderRowIds: Array<RowId>
  readonly folderObjects: Array<StoredObject>
  readonly poolKeys: Array<ObjectKey>
  readonly poolUuids: Array<FileUuid>
  readonly poolObjects: Array<StoredObject>
  /**
   * Each pool UUID's key, when whoever collected the parts kept each pool UUID once (the
   * listing fold does, to report a second file of a UUID): with a pool prefix, the catalogue
   * takes this map as its `pool` instead of building a second one of the same pairs.
   */
  readonly pool?: ReadonlyMap<FileUuid, ObjectKey>
}

/**
 * Empty parts.
 *
 * @category constructors
 */
export const emptyCatalogueParts = (): CatalogueParts => ({
  folderKeys: [],
  folderRowIds: [],
  folderObjects: [],
  poolKeys: [],
  poolUuids: [],
  poolObjects: []
})

/**
 * Adds one object, whose key classifies as `place`, to the groups it belongs to. Each key is
 * added once.
 *
 * @category indexing
 */
export const addToCatalogue = (parts: CatalogueParts, key: ObjectKey, object: StoredObject, place: KeyPlace, poolPrefix: string): void => {
  if (place._tag === "ClientFolder") {
    parts.folderKeys.push(key)
    parts.folderRowIds.push(place.rowId)
    parts.folderObjects.push(object)
  }
  // With an empty prefix nothing classifies as pool, yet every UUID-named key is under it.
  const uuid = place._tag === "Pool" ? place.uuid : poolPrefix === "" ? uuidFromFileName(fileName(key)) : undefined
  if (uuid !== undefined) {
    parts.poolKeys.push(key)
    parts.poolUuids.push(uuid)
    parts.poolObjects.push(object)
  }
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
  const parts = emptyCatalogueParts()
  for (const [key, object] of objects) addToCatalogue(parts, key, object, classify(key), poolPrefix)
  return finishCatalogue(parts, poolPrefix)
}

/**
 * The catalogue of the objects `parts` holds: each group sorted by key, and the pool indexed.
 *
 * @category indexing
 */
export const finishCatalogue = (parts: CatalogueParts, poolPrefix: string): ObjectCatalogue => {
  const { folderKeys, folderRowIds, folderObjects, poolKeys, poolUuids, poolObjects } = parts
  const folderOrder = keyOrder(folderKeys)
  const poolOrder = keyOrder(poolKeys)
  const sortedPoolKeys = inOrder(poolKeys, poolOrder)
  const sortedPoolUuids = inOrder(poolUuids, poolOrder)
  const given = parts.pool
  const { pool, poolFirst } = given !== undefined && poolPrefix !== "" && given.size === poolUuids.length
    ? { pool: given, poolFirst: sortedPoolUuids.map(() => true) }
    : firstOfEachUuid(sortedPoolUuids, sortedPoolKeys)
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

// Each UUID's first key in key order, and which positions are such a first.
const firstOfEachUuid = (uuids: ReadonlyArray<FileUuid>, keys: ReadonlyArray<ObjectKey>) => {
  const pool = new Map<FileUuid, ObjectKey>()
  const poolFirst = uuids.map((uuid, i) => {
    if (pool.has(uuid)) return false
    pool.set(uuid, keys[i]!)
    return true
  })
  return { pool, poolFirst }
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
