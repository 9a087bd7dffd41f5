/**
 * Writes the S3 Inventory a bucket would get, from a local folder that stands for the bucket:
 * the folder is listed by the local-folder store (so sizes, ETags and times are exactly what a
 * live run sees) and written as a report under `root`.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { makeLocalFolderStore } from "../../../src/io/store/LocalFolderStore.ts"
import { isUnreadable } from "../../../src/io/store/ObjectStore.ts"
import { type InventoryLayout, type InventoryObject, writeInventory, type WrittenInventory } from "./InventoryWriter.ts"

/** The objects of a folder as an inventory lists them (ETags without quotes), in key order. */
export const folderObjects = async (bucketDir: string): Promise<Array<InventoryObject>> => {
  const listed = await Effect.runPromise(Stream.runCollect(makeLocalFolderStore(bucketDir, 4).list("")))
  return [...listed]
    .filter((entry): entry is StoredObject => !isUnreadable(entry))
    .map((object) => ({ key: object.key, size: object.size, etag: object.etag.replaceAll("\"", ""), lastModified: object.lastModified }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
}

/** Writes the inventory of `bucketDir` with `layout`. */
export const inventoryOfFolder = async (bucketDir: string, layout: InventoryLayout): Promise<WrittenInventory> =>
  writeInventory(layout, await folderObjects(bucketDir))
