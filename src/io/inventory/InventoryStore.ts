/**
 * The object store backed by an S3 Inventory report: `list` streams the objects of the report's
 * data files (CSV or Parquet, one file after another, each MD5-checked) instead of listing the
 * bucket; `metadata` goes to the live bucket's store when there is one (an inventory carries
 * no user metadata) and is empty otherwise, so `--inventory` alone never touches the bucket.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { InventoryError } from "../../domain/InventoryError.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { type ObjectMetadata, ObjectStore } from "../store/ObjectStore.ts"
import type { S3StoreOptions } from "../store/S3StoreOptions.ts"
import { md5Checked } from "./CheckedBytes.ts"
import { csvInventoryBatches } from "./InventoryCsvFile.ts"
import type { InventoryDataFile } from "./InventoryManifest.ts"
import { parquetInventoryBatches } from "./InventoryParquetFile.ts"
import { columnPositions } from "./InventoryRow.ts"
import type { LocatedInventory } from "./InventorySource.ts"
import { locateLocalInventory } from "./LocalInventory.ts"

/**
 * How to open an inventory.
 * - `url`: `file:///…` or `s3://…`, a manifest.json or a config folder;
 * - `storePrefix`: the `--bucket` prefix; only keys under it are listed, relative to it;
 * - `expectedBucket`: the `--bucket` name, checked against the manifest's source bucket;
 * - `s3`: how to reach S3 for an `s3://` inventory;
 * - `live`: the live bucket's store, for `metadata` (absent: no metadata, no bucket access).
 *
 * @example A report that is not there
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { type InventoryStoreOptions, layerInventory } from "uuidmap"
 *
 * const options: InventoryStoreOptions = { url: "file:///no/such/inventory/manifest.json", storePrefix: "", expectedBucket: "clients" }
 * const error = await Effect.runPromise(Effect.flip(Effect.scoped(Layer.build(layerInventory(options)))))
 * assert.equal(error._tag, "InventoryError")
 * assert.equal(error.reason, "NoManifest")
 * ```
 * @category models
 */
export interface InventoryStoreOptions {
  /** The manifest or the inventory configuration's folder: `file:///…` or `s3://…`. */
  readonly url: string
  /** Only keys under this prefix are listed, relative to it. */
  readonly storePrefix: string
  /** The bucket the report must be of. */
  readonly expectedBucket?: string | undefined
  /** How to reach S3 for an `s3://` report. */
  readonly s3?: Omit<S3StoreOptions, "bucket"> | undefined
  /** The live bucket's store, which answers `metadata`. */
  readonly live?: ObjectStore["Service"] | undefined
}

const toInventoryError = (name: string) => (error: unknown): StoreError | InventoryError =>
  typeof error === "object" && error !== null && "_tag" in error && ((error as { _tag: unknown })._tag === "InventoryError" || (error as { _tag: unknown })._tag === "StoreError")
    ? (error as StoreError | InventoryError)
    : new InventoryError({ reason: "BadFile", file: name, line: 0, column: 0, message: `Data file cannot be read (${String((error as Error)?.message ?? error)})` })

/** Drains a file's bytes through the MD5 check (Parquet is read by ranges, so it is hashed apart). */
const verifyWhole = (inventory: LocatedInventory, file: InventoryDataFile) =>
  Effect.flatMap(inventory.files.stream(file.key), (bytes) =>
    Effect.tryPromise({
      try: () => bytes.pipeThrough(md5Checked(inventory.files.name(file.key), file.md5)).pipeTo(new WritableStream()),
      catch: toInventoryError(inventory.files.name(file.key))
    }))

const fileObjects = (
  inventory: LocatedInventory,
  file: InventoryDataFile,
  storePrefix: string
): Stream.Stream<StoredObject, StoreError | InventoryError> => {
  const name = inventory.files.name(file.key)
  const { manifest } = inventory
  const read = { name, md5: file.md5, sourceBucket: manifest.sourceBucket, storePrefix, positions: columnPositions(manifest.columns) }
  const batches = manifest.format === "CSV"
    ? Effect.map(inventory.files.stream(file.key), (bytes) => csvInventoryBatches(read, bytes))
    : Effect.andThen(verifyWhole(inventory, file), Effect.map(inventory.files.randomAccess(file.key, file.size), (buffer) => parquetInventoryBatches(read, buffer)))
  return Stream.unwrap(Effect.map(batches, (iterable) => Stream.fromAsyncIterable(iterable, toInventoryError(name)))).pipe(
    Stream.flattenIterable
  )
}

/**
 * Opens the inventory (reading and checking its manifest) and builds the store over it.
 *
 * @category constructors
 */
export const makeInventoryStore = (
  options: InventoryStoreOptions
): Effect.Effect<ObjectStore["Service"], StoreError | InventoryError, Scope.Scope> =>
  Effect.gen(function*() {
    const inventory: LocatedInventory = /^s3:\/\//i.test(options.url)
      ? yield* Effect.flatMap(
        Effect.promise(() => import("./S3Inventory.ts")),
        ({ locateS3Inventory }) => locateS3Inventory(options.url, { ...options.s3, bucket: options.url })
      )
      : yield* locateLocalInventory(options.url)
    const source = inventory.manifest.sourceBucket
    if (options.expectedBucket !== undefined && source !== undefined && source !== options.expectedBucket) {
      return yield* new InventoryError({
        reason: "WrongBucket",
        file: inventory.manifestName,
        line: 0,
        column: 0,
        message: `Inventory is of bucket "${source}", not of --bucket "${options.expectedBucket}"`
      })
    }
    const noMetadata: ObjectMetadata = {}
    const store: ObjectStore["Service"] = {
      location: options.live?.location ?? (source === undefined ? inventory.manifestName : `s3://${source}/${options.storePrefix}`),
      list: (prefix) =>
        Stream.fromIterable(inventory.manifest.files).pipe(
          Stream.flatMap((file) => fileObjects(inventory, file, options.storePrefix)),
          Stream.filter((object) => prefix === "" || object.key.startsWith(prefix)),
          Stream.withSpan("ObjectStore.list", { attributes: { inventory: inventory.manifestName, prefix } })
        ),
      metadata: options.live === undefined ? () => Effect.succeed(noMetadata) : options.live.metadata,
      // The report replaces listing: only the live store's HeadObject requests are sent.
      requests: options.live === undefined ? Effect.succeed({ list: 0, head: 0 }) : options.live.requests
    }
    return store
  })

/**
 * The inventory-backed store as a Layer: opening it reads and checks the manifest.
 *
 * @example Listing from a report instead of the bucket
 * ```ts
 * import assert from "node:assert/strict"
 * import { createHash } from "node:crypto"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import { gzipSync } from "node:zlib"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { layerInventory, ObjectStore } from "uuidmap"
 *
 * // A report as S3 lays it out in the destination bucket (here a local mirror of it).
 * const mirror = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * const data = gzipSync("\"clients\",\"502/a.pdf\",\"10\",\"2024-05-01T12:00:00.000Z\",\"0123456789abcdef0123456789abcdef\"\n")
 * await fs.mkdir(path.join(mirror, "inv/clients/daily/data"), { recursive: true })
 * await fs.mkdir(path.join(mirror, "inv/clients/daily/2024-05-02T01-00Z"))
 * await fs.writeFile(path.join(mirror, "inv/clients/daily/data/a.csv.gz"), data)
 * await fs.writeFile(path.join(mirror, "inv/clients/daily/2024-05-02T01-00Z/manifest.json"), JSON.stringify({
 *   sourceBucket: "clients",
 *   fileFormat: "CSV",
 *   fileSchema: "Bucket, Key, Size, LastModifiedDate, ETag",
 *   files: [{ key: "inv/clients/daily/data/a.csv.gz", size: data.length, MD5checksum: createHash("md5").update(data).digest("hex") }]
 * }))
 *
 * const listed = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(ObjectStore), (store) => Stream.runCollect(store.list(""))).pipe(
 *     Effect.provide(layerInventory({ url: `file://${mirror}/inv/clients/daily/`, storePrefix: "" }))
 *   )
 * )
 * assert.deepStrictEqual(Array.from(listed, (entry) => entry.key), ["502/a.pdf"])
 * await fs.rm(mirror, { recursive: true })
 * ```
 * @category layers
 */
export const layerInventory = (options: InventoryStoreOptions): Layer.Layer<ObjectStore, StoreError | InventoryError> =>
  Layer.effect(ObjectStore, makeInventoryStore(options))
