/**
 * ListObjectsV2 as a stream of pages: `Stream.paginate` over continuation tokens, so memory
 * holds one page at a time whatever the size of the bucket. Keys come out exactly as stored
 * (url-decoded when the server url-encoded them), relative to the store's prefix, each at most
 * once within the duplicate window. A listing may start after a key (`StartAfter`), which is
 * how the auto listing resumes where its first page ended and starts each key range.
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
import { compareS3Keys } from "./S3KeyOrder.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { sendS3 } from "./S3Request.ts"
import { decodeS3UrlKey } from "./S3UrlEncoding.ts"

/**
 * One page: its objects (keys relative to the store prefix), for a listing with a delimiter
 * its common prefixes (full S3 prefixes, as the next request needs them), and the full key of
 * the last object the server returned (before any filtering), where a resumed listing starts.
 *
 * @example
 * ```ts
 * import type { S3ListPage } from "./S3KeyListing.ts"
 * const page: S3ListPage = { objects: [], commonPrefixes: ["tenant/502/"], lastKey: undefined }
 * ```
 * @category models
 */
export interface S3ListPage {
  readonly objects: ReadonlyArray<StoredObject>
  readonly commonPrefixes: ReadonlyArray<string>
  readonly lastKey: string | undefined
}

/**
 * A page and the continuation token of the next one (undefined after the last page).
 *
 * @example
 * ```ts
 * import type { S3PageResult } from "./S3KeyListing.ts"
 * const last: S3PageResult = { page: { objects: [], commonPrefixes: [], lastKey: undefined }, next: undefined }
 * ```
 * @category models
 */
export interface S3PageResult {
  readonly page: S3ListPage
  readonly next: string | undefined
}

/**
 * What to list: a full S3 prefix (the store prefix included), an optional delimiter, an
 * optional full key to start after (only later keys, in S3's order, are listed) and an
 * optional test a full key must pass to be yielded (a key range keeps only its own keys).
 *
 * @example
 * ```ts
 * import type { S3ListRequest } from "./S3KeyListing.ts"
 * const firstLevel: S3ListRequest = { prefix: "tenant/", delimiter: "/" }
 * const rest: S3ListRequest = { prefix: "tenant/502/", startAfter: "tenant/502/Sam/resume.pdf" }
 * ```
 * @category models
 */
export interface S3ListRequest {
  readonly prefix: string
  readonly delimiter?: string | undefined
  readonly startAfter?: string | undefined
  readonly keep?: ((key: string) => boolean) | undefined
}

/**
 * Reads one page of a listing given its continuation token (undefined for the first page).
 *
 * @example
 * ```ts
 * import type { S3PageReader } from "./S3KeyListing.ts"
 * declare const read: S3PageReader
 * const first = read(undefined)
 * ```
 * @category models
 */
export type S3PageReader = (token: string | undefined) => Effect.Effect<S3PageResult, StoreError>

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
 * A reader for the pages of one listing. Each page is fetched (and retried) whole with its
 * continuation token. A key listed twice within the duplicate window is dropped with a
 * warning in the log, and so is a key at or before `startAfter` (a server that ignores it must
 * not list a key twice). Each reader has its own duplicate window: make one per listing.
 *
 * @example
 * ```ts
 * import type { S3Connection } from "./S3Connection.ts"
 * import { makeS3PageReader } from "./S3KeyListing.ts"
 * import type { ProgressTracker } from "./S3ListingProgress.ts"
 * declare const connection: S3Connection
 * declare const tracker: ProgressTracker
 * const firstPage = makeS3PageReader(connection, { prefix: "tenant/" }, tracker)(undefined)
 * ```
 * @category listing
 */
export const makeS3PageReader = (
  connection: S3Connection,
  request: S3ListRequest,
  tracker: ProgressTracker
): S3PageReader => {
  const seenKeys = makeDuplicateFilter(connection.settings.duplicateWindow)
  const storePrefix = connection.location.prefix
  const { bucket } = connection.location
  const { pageSize, urlEncodedListing } = connection.settings
  const { startAfter } = request

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
            // Sent with every page, as the SDK's own paginator does; S3 follows the token.
            ...(startAfter === undefined ? {} : { StartAfter: startAfter }),
            ...(token === undefined ? {} : { ContinuationToken: token }),
            ...(urlEncodedListing ? { EncodingType: "url" as const } : {})
          }),
          { abortSignal }
        )
    )

  return (token) =>
    Effect.gen(function*() {
      const response = yield* fetchPage(token)
      const objects: Array<StoredObject> = []
      const repeated: Array<string> = []
      let lastKey: string | undefined
      for (const entry of response.Contents ?? []) {
        if (entry.Key === undefined) continue
        const key = yield* decoded(connection, response, entry.Key)
        lastKey = key
        // A server that ignores Prefix must not leak other keys into the store; an object named
        // exactly like the store prefix (a folder marker) would have an empty key.
        if (!key.startsWith(request.prefix) || key.length === storePrefix.length) continue
        if (request.keep !== undefined && !request.keep(key)) continue
        if (!seenKeys.firstSeen(key) || (startAfter !== undefined && compareS3Keys(key, startAfter) <= 0)) {
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
      const page: S3ListPage = { objects, commonPrefixes, lastKey }
      if (response.IsTruncated !== true) return { page, next: undefined }
      const next = response.NextContinuationToken
      if (next === undefined || next === "" || next === token) {
        return yield* listingFailed(
          connection,
          `Listing ${connection.store} stopped after ${tracker.objects()} objects: the server said the listing goes on but gave no new continuation token; check the S3 server`
        )
      }
      return { page, next }
    })
}

/**
 * Streams the pages a reader gives, from a continuation token (undefined: from the start)
 * until the last page; fails with the first `StoreError`.
 *
 * @example
 * ```ts
 * import type { S3PageReader } from "./S3KeyListing.ts"
 * import { s3PagesFrom } from "./S3KeyListing.ts"
 * declare const read: S3PageReader
 * const remainingPages = s3PagesFrom(read, "token-of-page-2")
 * ```
 * @category listing
 */
export const s3PagesFrom = (
  read: S3PageReader,
  token: string | undefined
): Stream.Stream<S3ListPage, StoreError> =>
  Stream.paginate<PageState, S3ListPage, StoreError>({ token }, (state) =>
    Effect.map(read(state.token), ({ page, next }) =>
      [[page], next === undefined ? Option.none<PageState>() : Option.some<PageState>({ token: next })] as const))

/**
 * Streams the pages of one listing from the start; see `makeS3PageReader`.
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
  Stream.suspend(() => s3PagesFrom(makeS3PageReader(connection, request, tracker), undefined))

/**
 * Streams the objects of one listing without a delimiter: every key under the prefix (after
 * `startAfter`, when given).
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
  tracker: ProgressTracker,
  startAfter?: string
): Stream.Stream<StoredObject, StoreError> =>
  listS3Pages(connection, { prefix, startAfter }, tracker).pipe(
    Stream.flatMap((page) => Stream.fromArray(page.objects))
  )
