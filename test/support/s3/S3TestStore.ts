/**
 * Shortcuts for tests that read a local S3 server through the real S3 store: options with
 * test credentials and fast-failing retries, and helpers that list or read metadata inside a
 * scope (so the SDK client is destroyed after each call).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as Stream from "effect/Stream"
import type { ObjectKey } from "../../../src/domain/ObjectKey.ts"
import type { StoreError } from "../../../src/domain/StoreError.ts"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { isUnreadable, type ObjectMetadata, type StoreRequests } from "../../../src/io/store/ObjectStore.ts"
import { acquireS3Connection } from "../../../src/io/store/S3Connection.ts"
import { listS3 } from "../../../src/io/store/S3Store.ts"
import type { S3ListingStrategy } from "../../../src/io/store/S3Store.ts"
import { makeS3Store } from "../../../src/io/store/S3Store.ts"
import type { S3StoreTuning, TunedS3StoreOptions } from "../../../src/io/store/S3StoreOptions.ts"
import { byKey, testCredentials } from "./S3Seeding.ts"

/**
 * Options for a bucket on a local server: path style, test credentials, short backoff.
 *
 * @example
 * ```ts
 * import { localStoreOptions } from "./S3TestStore.ts"
 * const options = localStoreOptions("http://127.0.0.1:4568", "s3://clients", { concurrency: 4 })
 * ```
 * @category options
 */
export const localStoreOptions = (
  endpoint: string,
  bucket: string,
  overrides: Partial<Omit<TunedS3StoreOptions, "tuning">> & { readonly tuning?: S3StoreTuning } = {}
): TunedS3StoreOptions => ({
  bucket,
  endpoint,
  forcePathStyle: true,
  ...overrides,
  tuning: {
    credentials: testCredentials,
    baseDelayMs: 5,
    maxDelayMs: 50,
    connectionTimeoutMs: 2_000,
    requestTimeoutMs: 20_000,
    ...overrides.tuning
  }
})

/**
 * Lists a whole store with a given strategy and returns the objects sorted by key.
 *
 * @example
 * ```ts
 * import { listSorted, localStoreOptions } from "./S3TestStore.ts"
 * const objects = listSorted(localStoreOptions("http://127.0.0.1:4568", "s3://clients"), "flat")
 * ```
 * @category listing
 */
export const listSorted = (
  options: TunedS3StoreOptions,
  strategy: S3ListingStrategy,
  prefix = ""
): Effect.Effect<Array<StoredObject>, StoreError> =>
  Effect.scoped(Effect.gen(function*() {
    const connection = yield* acquireS3Connection(options)
    const objects = yield* Stream.runCollect(listS3(connection, prefix, strategy, options.onProgress))
    return byKey(objects)
  }))

/**
 * Lists a whole store through the store service (the auto listing), then reads the
 * metadata of `heads`, and returns the objects sorted by key with the requests the store
 * says it sent.
 *
 * @example
 * ```ts
 * import { listAndCount, localStoreOptions } from "./S3TestStore.ts"
 * const counted = listAndCount(localStoreOptions("http://127.0.0.1:4568", "s3://clients"))
 * ```
 * @category listing
 */
export const listAndCount = (
  options: TunedS3StoreOptions,
  heads: ReadonlyArray<ObjectKey> = []
): Effect.Effect<{ readonly objects: Array<StoredObject>; readonly requests: StoreRequests }, StoreError> =>
  Effect.scoped(Effect.gen(function*() {
    const store = yield* makeS3Store(options)
    // An S3 store lists objects only, and never fails with an InventoryError.
    const listed = yield* Stream.runCollect(store.list("")).pipe(Effect.catchTag("InventoryError", Effect.die))
    const objects = byKey(listed.filter((entry): entry is StoredObject => !isUnreadable(entry)))
    for (const key of heads) yield* store.metadata(key)
    return { objects, requests: yield* store.requests }
  }))

/**
 * Reads one object's metadata through the store service.
 *
 * @example
 * ```ts
 * import { readMetadata, localStoreOptions } from "./S3TestStore.ts"
 * import { unsafeObjectKey } from "../../../src/domain/ObjectKey.ts"
 * const metadata = readMetadata(localStoreOptions("http://127.0.0.1:4568", "s3://clients"), unsafeObjectKey("a"))
 * ```
 * @category metadata
 */
export const readMetadata = (
  options: TunedS3StoreOptions,
  key: ObjectKey
): Effect.Effect<ObjectMetadata, StoreError> =>
  Effect.scoped(Effect.flatMap(makeS3Store(options), (store) => store.metadata(key)))

/**
 * Runs an effect while collecting the messages it logs at warning level.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { withWarnings } from "./S3TestStore.ts"
 * const program = withWarnings(Effect.logWarning("careful"))
 * ```
 * @category logging
 */
export const withWarnings = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<readonly [A, ReadonlyArray<string>], E, R> =>
  Effect.suspend(() => {
    const warnings: Array<string> = []
    const collector = Logger.make((options) => {
      if (options.logLevel === "Warn") warnings.push(String(options.message))
    })
    return effect.pipe(
      Effect.map((value) => [value, warnings] as const),
      Effect.provide(Logger.layer([collector]))
    )
  })
