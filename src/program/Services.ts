/**
 * The services a run needs, chosen from its settings: the store its `--bucket` names and the
 * UUID generator its `--uuid-version` names.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { StoreError } from "../domain/StoreError.ts"
import { UsageError } from "../domain/UsageError.ts"
import { layerLocalFolder } from "../io/store/LocalFolderStore.ts"
import { ObjectStore } from "../io/store/ObjectStore.ts"
import { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import type { Settings } from "./Settings.ts"

/**
 * The store Layer for `settings.bucket`.
 *
 * @example
 * ```ts
 * import { storeLayer } from "./Services.ts"
 * const layer = storeLayer(settings)
 * ```
 * @category layers
 */
export const storeLayer = (settings: Settings): Layer.Layer<ObjectStore, StoreError | UsageError> => {
  if (settings.bucket.startsWith("file://")) return layerLocalFolder(settings.bucket, settings.concurrency)
  return Layer.effect(ObjectStore, Effect.fail(new UsageError({ reason: "NotBuilt", message: "The s3:// store is not built yet; use --bucket file:///DIR" })))
}

/**
 * Every service of a run.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { runServices } from "./Services.ts"
 * const provided = Effect.provide(program, runServices(settings))
 * ```
 * @category layers
 */
export const runServices = (settings: Settings) =>
  Layer.merge(storeLayer(settings), settings.uuidVersion === 7 ? UuidGenerator.layerV7 : UuidGenerator.layerV4)
