/**
 * The `ObjectStore` for `s3://` buckets on AWS S3 or any S3-compatible server (MinIO, R2,
 * Wasabi, moto, s3rver). It only reads: ListObjectsV2 and HeadObject.
 *
 * `list` lists the first page flat and, when there is more, the rest of the store in tiles of
 * the key space with `concurrency` listings at once (`S3TiledListing`); with a concurrency of 1
 * it lists flat. Both give every key, whatever common prefixes the server reports.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { ObjectStore } from "./ObjectStore.ts"
import { acquireS3Connection } from "./S3Connection.ts"
import type { S3Connection } from "./S3Connection.ts"
import { listingContextOf, listS3Objects, toStoredObject } from "./S3KeyListing.ts"
import { makeProgressTracker } from "./S3ListingProgress.ts"
import { headS3Metadata } from "./S3Metadata.ts"
import { makeS3ListSource } from "./S3ListSource.ts"
import { listS3PrefixParallel } from "./S3PrefixParallelListing.ts"
import type { S3StoreOptions, TunedS3StoreOptions } from "./S3StoreOptions.ts"
import { listS3Tiled } from "./S3TiledListing.ts"

/**
 * How `list` walks the bucket: `"auto"` (the first page flat, the rest in tiles of the key
 * space listed concurrently; flat throughout when concurrency is 1), `"flat"` (one paginated
 * listing) or `"prefix-parallel"` (first-level prefixes from a `Delimiter` listing, each
 * listed on its own, concurrently; kept for benchmarks only: it costs a request per prefix
 * and trusts the server's `Delimiter` answer, so it misses what a server leaves out).
 *
 * @category models
 */
export type S3ListingStrategy = "auto" | "flat" | "prefix-parallel"

/**
 * Lists the objects under `prefix` (relative to the store prefix) with a given strategy,
 * reporting progress to `onProgress`. The service's `list` is this with `"auto"`.
 *
 * @category listing
 */
export const listS3 = (
  connection: S3Connection,
  prefix: string,
  strategy: S3ListingStrategy,
  onProgress: S3StoreOptions["onProgress"]
): Stream.Stream<StoredObject, StoreError> =>
  Stream.unwrap(Effect.gen(function*() {
    const tracker = yield* makeProgressTracker(onProgress)
    const fullPrefix = connection.location.prefix + prefix
    const { concurrency } = connection.settings
    if (strategy === "prefix-parallel") return listS3PrefixParallel(connection, fullPrefix, concurrency, tracker)
    if (strategy === "auto" && concurrency > 1) {
      const context = listingContextOf(connection, tracker)
      return listS3Tiled(makeS3ListSource(connection, tracker.objects), context, {
        prefix: fullPrefix,
        concurrency,
        tileTargetKeys: connection.settings.tileTargetKeys
      }).pipe(Stream.map((entry) => toStoredObject(context.storePrefix, entry)))
    }
    yield* tracker.addPrefixes(1)
    return listS3Objects(connection, fullPrefix, tracker).pipe(Stream.onEnd(tracker.prefixDone))
  }))

/**
 * Builds the S3 store's service. The SDK client is destroyed when the scope closes.
 * Fails at once only for a bad `s3://` location or a missing region; an unknown bucket or
 * wrong credentials show up on the first request.
 *
 * @category constructors
 */
export const makeS3Store = (
  options: TunedS3StoreOptions
): Effect.Effect<ObjectStore["Service"], StoreError, Scope.Scope> =>
  Effect.map(acquireS3Connection(options), (connection) => ({
    location: connection.store,
    list: (prefix: string) =>
      listS3(connection, prefix, "auto", options.onProgress).pipe(
        Stream.withSpan("ObjectStore.list", { attributes: { store: connection.store, prefix } })
      ),
    metadata: Effect.fn("ObjectStore.metadata")((key) => headS3Metadata(connection, key)),
    requests: Effect.sync(() => ({ list: connection.requests.list, head: connection.requests.head }))
  }))

/**
 * The S3 store as a Layer of `ObjectStore`, loading this module (and the AWS SDK) eagerly.
 * The public `layerS3` (`S3Layer.ts`) loads it on demand.
 *
 * @category layers
 */
export const layerS3 = (options: S3StoreOptions): Layer.Layer<ObjectStore, StoreError> =>
  Layer.effect(ObjectStore, makeS3Store(options))
