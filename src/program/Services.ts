/**
 * The services a run needs, chosen from its settings: the store its `--bucket` (or
 * `--inventory`) names, the UUID generator its `--uuid-version` names (or a fixed sequence,
 * for tests), the clients CSV and ledger files its `--clients` and `--ledger` name, and the file
 * system they are read and written through.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { StoreError } from "../domain/StoreError.ts"
import type { InventoryError } from "../domain/InventoryError.ts"
import { UsageError } from "../domain/UsageError.ts"
import { Disk } from "../io/files/Disk.ts"
import { makeInventoryStore } from "../io/inventory/InventoryStore.ts"
import { layerLocalFolder } from "../io/store/LocalFolderStore.ts"
import { ObjectStore } from "../io/store/ObjectStore.ts"
import type { ListingProgress } from "../io/store/S3ListingProgress.ts"
import { layerS3 } from "../io/store/S3Layer.ts"
import { parseS3Location, type S3Location } from "../io/store/S3Location.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import type { Settings } from "./Settings.ts"

/**
 * The store Layer for `settings.bucket`, or for `settings.inventory` when it is set. `onProgress`
 * receives listing progress (S3 listing only).
 *
 * @category layers
 */
export const storeLayer = (
  settings: Settings,
  onProgress?: (progress: ListingProgress) => void
): Layer.Layer<ObjectStore, StoreError | UsageError | InventoryError> =>
  settings.inventory === undefined ? liveStoreLayer(settings, onProgress) : inventoryStoreLayer(settings, settings.inventory)

const liveStoreLayer = (
  settings: Settings,
  onProgress?: (progress: ListingProgress) => void
): Layer.Layer<ObjectStore, StoreError | UsageError> => {
  if (settings.bucket.startsWith("file://")) return layerLocalFolder(settings.bucket, settings.concurrency)
  if (settings.bucket.startsWith("s3://")) {
    // layerS3 loads the AWS SDK on demand: local runs never need it.
    return layerS3({
      bucket: settings.bucket,
      endpoint: settings.s3.endpoint,
      region: settings.s3.region,
      forcePathStyle: settings.s3.forcePathStyle,
      profile: settings.s3.profile,
      maxAttempts: settings.s3.maxAttempts,
      concurrency: settings.concurrency,
      onProgress
    })
  }
  return Layer.effect(ObjectStore, Effect.fail(new UsageError({ reason: "BadFlag", message: `--bucket "${settings.bucket}" must start with s3:// or file://` })))
}

/**
 * The inventory replaces the listing; the live bucket, when `--bucket` names one, still
 * serves metadata. Its store is built without a request, so a run that reads no metadata
 * never touches it.
 */
const inventoryStoreLayer = (settings: Settings, url: string): Layer.Layer<ObjectStore, StoreError | UsageError | InventoryError> => {
  const open = (live: ObjectStore["Service"] | undefined, location: S3Location | undefined) =>
    makeInventoryStore({
      url,
      storePrefix: location?.prefix ?? "",
      expectedBucket: location?.bucket,
      s3: {
        endpoint: settings.s3.endpoint,
        region: settings.s3.region,
        forcePathStyle: settings.s3.forcePathStyle,
        profile: settings.s3.profile,
        maxAttempts: settings.s3.maxAttempts,
        concurrency: settings.concurrency
      },
      live
    })
  if (settings.bucket === "") return Layer.effect(ObjectStore, open(undefined, undefined))
  const located = settings.bucket.startsWith("s3://") ? parseS3Location(settings.bucket) : Effect.succeed(undefined)
  return Layer.effect(
    ObjectStore,
    Effect.gen(function*() {
      const live = yield* ObjectStore
      return yield* open(live, yield* located)
    })
  ).pipe(Layer.provide(liveStoreLayer(settings)))
}

/**
 * The clients CSV and the ledger as the files the settings name, read and written through
 * the `Disk` the caller gives (the real one, or one with faults in tests).
 *
 * @category layers
 */
export const stateFileLayers = (settings: Settings): Layer.Layer<ClientsCsv | Ledger, never, Disk> =>
  Layer.merge(ClientsCsv.layerFile(settings.clientsFile), Ledger.layerFile(settings.ledgerFile))

/**
 * Every service of a run: the store, the UUID generator, the clients CSV and ledger files, and
 * the real file system.
 *
 * @category layers
 */
export const runServices = (settings: Settings, onProgress?: (progress: ListingProgress) => void) =>
  Layer.mergeAll(
    storeLayer(settings, onProgress),
    settings.uuidSeed !== undefined
      ? UuidGenerator.layerTest(settings.uuidSeed)
      : settings.uuidVersion === 7
      ? UuidGenerator.layerV7
      : UuidGenerator.layerV4,
    stateFileLayers(settings)
  ).pipe(Layer.provideMerge(Disk.layerNode))
