/**
 * The flat listing: ListObjectsV2 pages followed by their continuation tokens only
 * (`Stream.paginate`), so memory holds one page at a time whatever the size of the bucket,
 * and the result does not depend on the order the server lists keys in. It is the listing
 * of a small bucket, of `--concurrency 1`, and what the tiled listing falls back to when a
 * server's order cannot be trusted.
 *
 * Keys come out relative to the store prefix, each at most once within the duplicate window
 * (a key a server repeats is dropped with a warning). A server that ignores `Prefix` cannot
 * leak other keys into the store.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { unsafeObjectKey } from "../../domain/ObjectKey.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { S3Connection } from "./S3Connection.ts"
import { makeDuplicateFilter } from "./S3DuplicateFilter.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { makeS3ListSource } from "./S3ListSource.ts"
import type { S3ListAnswer, S3ListedEntry, S3ListQuery, S3ListSource } from "./S3ListSource.ts"

/**
 * What every listing of one store shares: the store's name (for messages), its prefix (keys
 * are yielded relative to it), the duplicate window and the progress tracker.
 *
 * @category models
 */
export interface S3ListingContext {
  readonly store: string
  readonly storePrefix: string
  readonly duplicateWindow: number
  readonly tracker: ProgressTracker
}

/**
 * The context of a connection's listings.
 *
 * @category constructors
 */
export const listingContextOf = (connection: S3Connection, tracker: ProgressTracker): S3ListingContext => ({
  store: connection.store,
  storePrefix: connection.location.prefix,
  duplicateWindow: connection.settings.duplicateWindow,
  tracker
})

/**
 * Tells whether a listed full key belongs to a listing of `listPrefix`: under it, and not the
 * store prefix itself (a folder marker named like the store would have an empty key).
 *
 * @category filtering
 */
const isListedKey = (listPrefix: string, storePrefix: string, key: string): boolean =>
  key.startsWith(listPrefix) && key.length > storePrefix.length

/**
 * A listed entry as a `StoredObject`, its key made relative to the store prefix.
 *
 * @category filtering
 */
export const toStoredObject = (storePrefix: string, entry: S3ListedEntry): StoredObject => ({
  key: unsafeObjectKey(entry.key.slice(storePrefix.length)),
  size: entry.size,
  etag: entry.etag,
  lastModified: entry.lastModified
})

/**
 * Streams the answers of one listing, page after page, following continuation tokens from
 * `token` (undefined: from the first page) until the server says it is over.
 *
 * @category listing
 */
export const s3AnswersFrom = (
  source: S3ListSource,
  query: S3ListQuery,
  token: string | undefined
): Stream.Stream<S3ListAnswer, StoreError> =>
  Stream.paginate<{ readonly token: string | undefined }, S3ListAnswer, StoreError>({ token }, (state) =>
    Effect.map(source({ ...query, token: state.token }), (answer) =>
      [[answer], answer.next === undefined ? Option.none() : Option.some({ token: answer.next })] as const))

/**
 * Streams the entries of a flat listing of `prefix` (a full S3 prefix) from a continuation
 * token (undefined: from the start): each key under the prefix once within the duplicate
 * window, counted by the tracker. A key listed again is dropped with a warning naming it.
 *
 * @category listing
 */
export const listS3FlatEntries = (
  source: S3ListSource,
  context: S3ListingContext,
  prefix: string,
  token: string | undefined
): Stream.Stream<S3ListedEntry, StoreError> =>
  Stream.suspend(() => {
    const seen = makeDuplicateFilter(context.duplicateWindow)
    return s3AnswersFrom(source, { prefix }, token).pipe(
      Stream.mapEffect((answer) =>
        Effect.tap(firstSeenEntries(context, prefix, answer.entries, seen.firstSeen), (kept) =>
          context.tracker.addObjects(kept.length))),
      Stream.flatMap((entries) => Stream.fromArray(entries))
    )
  })

/**
 * The entries of one page that belong to the listing of `prefix` and are seen for the first
 * time; a repeated key is logged as a warning. The caller counts what it yields.
 *
 * @category filtering
 */
export const firstSeenEntries = (
  context: S3ListingContext,
  prefix: string,
  entries: ReadonlyArray<S3ListedEntry>,
  firstSeen: (key: string) => boolean
): Effect.Effect<ReadonlyArray<S3ListedEntry>> =>
  Effect.gen(function*() {
    const kept: Array<S3ListedEntry> = []
    for (const entry of entries) {
      if (!isListedKey(prefix, context.storePrefix, entry.key)) continue
      if (firstSeen(entry.key)) {
        kept.push(entry)
        continue
      }
      const key = entry.key.slice(context.storePrefix.length)
      yield* Effect.logWarning(`Key "${key}" was listed twice by ${context.store}; counted once`)
    }
    return kept
  })

/**
 * Streams the objects of one flat listing of `prefix` (a full S3 prefix) through a
 * connection: every key under it, relative to the store prefix.
 *
 * @category listing
 */
export const listS3Objects = (
  connection: S3Connection,
  prefix: string,
  tracker: ProgressTracker
): Stream.Stream<StoredObject, StoreError> =>
  Stream.suspend(() => {
    const context = listingContextOf(connection, tracker)
    return listS3FlatEntries(makeS3ListSource(connection, tracker.objects), context, prefix, undefined).pipe(
      Stream.map((entry) => toStoredObject(context.storePrefix, entry))
    )
  })
