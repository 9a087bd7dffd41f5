/**
 * One pass over the bucket listing, folded, never collected: only objects the phases can map
 * (and keys the ledger already knows) are kept, grouped as the run index wants them; everything
 * else becomes a finding. Used by every program that lists (`loadRun`, apply, verify, the
 * library's `runPipeline`).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { FileUuid } from "../domain/FileUuid.ts"
import type { Finding } from "../domain/Finding.ts"
import type { InventoryError } from "../domain/InventoryError.ts"
import type { Mapping } from "../domain/Mapping.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import type { State } from "../domain/State.ts"
import { StoreError } from "../domain/StoreError.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { isUnreadable, type ListedEntry, ObjectStore, type UnreadableEntry } from "../io/store/ObjectStore.ts"
import { type KeyPlace, makeKeyClassifier } from "../pipeline/ClassifyKey.ts"
import { addToCatalogue, type CatalogueParts, emptyCatalogueParts } from "../pipeline/ObjectCatalogue.ts"

/**
 * What the listing left: the objects kept, their catalogue parts, the findings, the pool by UUID
 * and the folder markers skipped.
 *
 * @category models
 */
export interface ListingFold {
  readonly objects: Map<ObjectKey, StoredObject>
  /** The objects as the run index groups them, classified once, here. */
  readonly parts: CatalogueParts
  readonly findings: Array<Finding>
  readonly poolUuids: Map<FileUuid, ObjectKey>
  /** The objects of `poolUuids`, in the same order. */
  readonly poolObjects: Array<StoredObject>
  readonly folderMarkers: Array<ObjectKey>
  /** The first entry that could not be read although the run needs it. */
  blocking?: UnreadableEntry | undefined
}

/**
 * A fold with nothing in it yet.
 *
 * @category reading
 */
export const emptyListingFold = (): ListingFold => {
  // The fold keeps each pool UUID once: the run index's catalogue takes the same map.
  const poolUuids = new Map<FileUuid, ObjectKey>()
  return {
    objects: new Map(),
    parts: { ...emptyCatalogueParts(), pool: poolUuids },
    findings: [],
    poolUuids,
    poolObjects: [],
    folderMarkers: []
  }
}

/**
 * The keys the ledger knows, each with its row (null when only the key is known): the fold
 * keeps such a key's object even when it no longer classifies, and shares the row's strings.
 *
 * @category reading
 */
export type LedgerKeys = ReadonlyMap<string, Mapping | null>

/**
 * The ledger's rows by key, for `foldListing`.
 *
 * @example Rows with a key, by key; a row whose key was never known is left out
 * ```ts
 * import assert from "node:assert/strict"
 * import { type FileUuid, type Mapping, unsafeObjectKey } from "uuidmap"
 * import { ledgerKeysOf } from "./ListingFold.ts"
 *
 * const row = (uuid: string, key: string | null): Mapping => ({
 *   uuid: uuid as FileUuid, key: key === null ? null : unsafeObjectKey(key), rowId: null, status: "unmapped",
 *   evidence: [], confidence: 0, why: "no evidence", size: null, etag: null, lastModified: null, metadata: null
 * })
 * const known = row("3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", "files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf")
 * const keys = ledgerKeysOf([known, row("00000000-0000-4000-8000-000000000001", null)])
 * assert.deepStrictEqual([...keys.keys()], ["files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf"])
 * assert.equal(keys.get("files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf"), known)
 * ```
 * @category reading
 */
export const ledgerKeysOf = (ledger: Iterable<Mapping>): Map<string, Mapping> => {
  const keys = new Map<string, Mapping>()
  for (const mapping of ledger) if (mapping.key !== null) keys.set(mapping.key, mapping)
  return keys
}

// A listed object its ledger row saw as it is now takes the row's strings: the run then holds
// one copy of the key, ETag and time, not two (150 MB at a million rows, day after day).
const sharingLedgerStrings = (object: StoredObject, row: Mapping | null | undefined): StoredObject =>
  row === undefined || row === null || row.key !== object.key || row.size !== object.size || row.etag !== object.etag ||
    row.lastModified !== object.lastModified
    ? object
    : { key: row.key, size: object.size, etag: row.etag ?? object.etag, lastModified: row.lastModified ?? object.lastModified }

/**
 * Whether an object is an S3 "folder" marker (what the S3 console's "Create folder" makes): a
 * key ending in `/` with no content. It is not a file: it gets no UUID and is not counted.
 *
 * @category reading
 */
export const isFolderMarker = (object: Pick<StoredObject, "key" | "size">): boolean => object.key.endsWith("/") && object.size === 0

// An entry the run cannot do without: a file it would map (or the ledger knows), or a folder
// that may hold one. A link it does not follow never counts.
const isNeeded = (
  entry: UnreadableEntry,
  classify: (key: string) => KeyPlace,
  layout: State["layout"],
  ledgerKeys: LedgerKeys
): boolean => {
  if (entry.problem === "skipped") return false
  if (entry.key.endsWith("/")) {
    const holdsPool = layout.poolPrefix !== "" && (layout.poolPrefix.startsWith(entry.key) || entry.key.startsWith(layout.poolPrefix))
    const place = classify(`${entry.key}file`)
    if (holdsPool || place._tag === "ClientFolder") return true
    for (const key of ledgerKeys.keys()) if (key.startsWith(entry.key)) return true
    return false
  }
  const place = classify(entry.key)
  return place._tag === "ClientFolder" || (place._tag === "Pool" && place.uuid !== undefined) || ledgerKeys.has(entry.key)
}

// An object the phases may map: kept by key, and grouped for the run index as classified.
const keepObject = (fold: ListingFold, object: StoredObject, place: KeyPlace, poolPrefix: string): void => {
  fold.objects.set(object.key, object)
  addToCatalogue(fold.parts, object.key, object, place, poolPrefix)
}

/**
 * Folds the listing into the objects the phases may map and the findings to report. What a
 * local folder could not read is reported when the run does not need it, and noted as
 * blocking when it does (a file it would map, or that the ledger knows: treating it as gone
 * would mark it missing).
 *
 * @category reading
 */
export const foldListing = (
  knownRowIds: ReadonlySet<string>,
  layout: State["layout"],
  ledgerKeys: LedgerKeys
) => {
  const classify = makeKeyClassifier(knownRowIds, layout)
  return (fold: ListingFold, entry: ListedEntry): ListingFold => {
    if (isUnreadable(entry)) {
      if (isNeeded(entry, classify, layout, ledgerKeys)) fold.blocking ??= entry
      else fold.findings.push({ kind: "unreadable", subject: entry.key, detail: entry.detail })
      return fold
    }
    if (fold.objects.has(entry.key)) return fold
    const object = sharingLedgerStrings(entry, ledgerKeys.get(entry.key))
    if (isFolderMarker(object)) {
      fold.folderMarkers.push(object.key)
      return fold
    }
    const place = classify(object.key)
    switch (place._tag) {
      case "ClientFolder":
        keepObject(fold, object, place, layout.poolPrefix)
        break
      case "Pool":
        if (place.uuid === undefined) {
          fold.findings.push({ kind: "non-uuid-pool-name", subject: object.key, detail: "pool object whose name is not a UUID" })
        } else if (fold.poolUuids.has(place.uuid)) {
          fold.findings.push({ kind: "duplicate-uuid", subject: object.key, detail: `same UUID as ${fold.poolUuids.get(place.uuid)}` })
        } else {
          fold.poolUuids.set(place.uuid, object.key)
          fold.poolObjects.push(object)
          keepObject(fold, object, place, layout.poolPrefix)
        }
        break
      case "UnknownClientFolder":
        fold.findings.push({ kind: "unknown-client-folder", subject: object.key, detail: `folder "${place.folder}" names no client in the CSV` })
        break
      case "Stray":
        fold.findings.push({ kind: "stray", subject: object.key, detail: "outside every client folder and the pool" })
        break
    }
    // The ledger may know a key that no longer classifies (its client left the CSV): keep its
    // facts so it is not mistaken for missing.
    if (place._tag !== "ClientFolder" && place._tag !== "Pool" && ledgerKeys.has(object.key)) keepObject(fold, object, place, layout.poolPrefix)
    return fold
  }
}

/**
 * Lists the whole store into objects and findings.
 *
 * @category reading
 */
export const listBucket = (
  knownRowIds: ReadonlySet<string>,
  layout: State["layout"],
  ledgerKeys: LedgerKeys
): Effect.Effect<ListingFold, StoreError | InventoryError, ObjectStore> =>
  Effect.gen(function*() {
    const store = yield* ObjectStore
    const fold = foldListing(knownRowIds, layout, ledgerKeys)
    const result = yield* Stream.runFold(
      store.list(""),
      emptyListingFold,
      fold
    )
    if (result.blocking !== undefined) {
      const { detail, key } = result.blocking
      return yield* new StoreError({
        reason: "UnreadableObject",
        store: store.location,
        message: `Cannot read ${JSON.stringify(key)} in ${store.location}: ${detail}. ` +
          "uuidmap needs it to map files, so nothing was written"
      })
    }
    result.findings.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
    result.folderMarkers.sort()
    return result
  })
