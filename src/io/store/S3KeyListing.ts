/**
 * ListObjectsV2 as a stream of pages: `Stream.paginate` over continuation tokens, so memory
 * holds one page at a time whatever the size of the bucket. Keys come out exactly as stored
 * (url-decoded when the server url-encoded them), relative to the store's prefix, each at most
 * once within the duplicate window.
 *
 * @module
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3"
import type { ListObjectsV2CommandOutput } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { unsafeObjectKey } from "../../domain/ObjectKey.ts"
import { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { S3Connection } from "./S3Connection.ts"
import { makeDuplicateFilter } from "./S3DuplicateFilter.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { sendS3 } from "./S3Request.ts"
import { decodeS3UrlKey } from "./S3UrlEncoding.ts"

/**
 * One page: its objects (keys relative to the store prefix) and, for a listing with a
 * delimiter, its common prefixes (full S3 prefixes, as the next request needs them).
 *
 * @example
 * ```ts
 * import type { S3ListPage } from "./S3KeyListing.ts"
 * const page: S3ListPage = { objects: [], commonPrefixes: ["tenant/502/"] }
 * ```
 * @category models
 */
export interface S3ListPage {
  readonly objects: ReadonlyArray<StoredObject>
  readonly commonPrefixes: ReadonlyArray<string>
}

/**
 * What to list: a full S3 prefix (the store prefix included) and an optional delimiter.
 *
 * @example
 * ```ts
 * import type { S3ListRequest } from "./S3KeyListing.ts"
 * const firstLevel: S3ListRequest = { prefix: "tenant/", delimiter: "/" }
 * ```
 * @category models
 */
export interface S3ListRequest {
  readonly prefix: string
  readonly delimiter?: string | undefined
}

interface PageState {
  readonly token: string | undefined
}

const listingFailed = (connection: S3Connection, message: string): StoreError =>
  new StoreError({ reason: "ListingFailed", store: connection.store, message })

const decoded = (
  connection: S3Connection,
  response: ListObjectsV2CommandOutput,
  raw: string
): Effect.Effect<string, StoreError> => {
  if (response.EncodingType !== "url") return Effect.succeed(raw)
  const key = decodeS3UrlKey(raw)
  return key === undefined
    ? Effect.fail(listingFailed(
      connection,
      `Listing ${connection.store} returned a key that is not valid url-encoding ("${raw.slice(0, 80)}"); the server's EncodingType=url support is broken`
    ))
    : Effect.succeed(key)
}

/**
 * Streams the pages of one listing. Each page is fetched (and retried) whole with its
 * continuation token; the stream ends after the last page or fails with a `StoreError`.
 * A key listed twice within the duplicate window is dropped with a warning in the log.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { S3Connection } from "./S3Connection.ts"
 * import { listS3Pages } from "./S3KeyListing.ts"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * declare const connection: S3Connection
 * const pages = Effect.gen(function*() {
 *   const tracker = yield* makeProgressTracker(undefined)
 *   return yield* Stream.runCount(listS3Pages(connection, { prefix: "" }, tracker))
 * })
 * ```
 * @category listing
 */
export const listS3Pages = (
  connection: S3Connection,
  request: S3ListRequest,
  tracker: ProgressTracker
): Stream.Stream<S3ListPage, StoreError> =>
  Stream.suspend(() => {
    const seenKeys = makeDuplicateFilter(connection.settings.duplicateWindow)
    const storePrefix = connection.location.prefix
    const { bucket } = connection.location
    const { pageSize, urlEncodedListing } = connection.settings

    const fetchPage = (token: string | undefined) =>
      sendS3(
        connection,
        { operation: "list", key: undefined, objectsListed: tracker.objects },
        (client, abortSignal) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              MaxKeys: pageSize,
              ...(request.prefix === "" ? {} : { Prefix: request.prefix }),
              ...(request.delimiter === undefined ? {} : { Delimiter: request.delimiter }),
              ...(token === undefined ? {} : { ContinuationToken: token }),
              ...(urlEncodedListing ? { EncodingType: "url" as const } : {})
            }),
            { abortSignal }
          )
      )

    const step = (state: PageState) =>
      Effect.gen(function*() {
        const response = yield* fetchPage(state.token)
        const objects: Array<StoredObject> = []
        const repeated: Array<string> = []
        for (const entry of response.Contents ?? []) {
          if (entry.Key === undefined) continue
          const key = yield* decoded(connection, response, entry.Key)
          // A server that ignores Prefix must not leak other keys into the store; an object named
          // exactly like the store prefix (a folder marker) would have an empty key.
          if (!key.startsWith(request.prefix) || key.length === storePrefix.length) continue
          if (!seenKeys.firstSeen(key)) {
            repeated.push(key)
            continue
          }
          objects.push({
            key: unsafeObjectKey(key.slice(storePrefix.length)),
            size: entry.Size ?? 0,
            etag: entry.ETag ?? "",
            lastModified: entry.LastModified?.toISOString() ?? ""
          })
        }
        const commonPrefixes: Array<string> = []
        for (const entry of response.CommonPrefixes ?? []) {
          if (entry.Prefix === undefined) continue
          const prefix = yield* decoded(connection, response, entry.Prefix)
          if (prefix.startsWith(request.prefix) && prefix.length > request.prefix.length) commonPrefixes.push(prefix)
        }
        for (const key of repeated) {
          yield* Effect.logWarning(`Key "${key.slice(storePrefix.length)}" was listed twice by ${connection.store}; counted once`)
        }
        yield* tracker.addObjects(objects.length)
        const page: S3ListPage = { objects, commonPrefixes }
        if (response.IsTruncated !== true) return [[page], Option.none<PageState>()] as const
        const next = response.NextContinuationToken
        if (next === undefined || next === "" || next === state.token) {
          return yield* listingFailed(
            connection,
            `Listing ${connection.store} stopped after ${tracker.objects()} objects: the server said the listing goes on but gave no new continuation token; check the S3 server`
          )
        }
        return [[page], Option.some<PageState>({ token: next })] as const
      })

    return Stream.paginate<PageState, S3ListPage, StoreError>({ token: undefined }, step)
  })

/**
 * Streams the objects of one listing without a delimiter: every key under the prefix.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { S3Connection } from "./S3Connection.ts"
 * import { listS3Objects } from "./S3KeyListing.ts"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * declare const connection: S3Connection
 * const count = Effect.flatMap(makeProgressTracker(undefined), (tracker) =>
 *   Stream.runCount(listS3Objects(connection, "tenant/502/", tracker)))
 * ```
 * @category listing
 */
export const listS3Objects = (
  connection: S3Connection,
  prefix: string,
  tracker: ProgressTracker
): Stream.Stream<StoredObject, StoreError> =>
  listS3Pages(connection, { prefix }, tracker).pipe(
    Stream.flatMap((page) => Stream.fromArray(page.objects))
  )
