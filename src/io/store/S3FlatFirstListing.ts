/**
 * The default ("auto") listing: flat first, range-parallel for the rest.
 *
 * The first page is listed flat (no delimiter, up to 1,000 keys). A bucket that fits on it is
 * then listed in one request. When the page is truncated, the key space after its last key is
 * listed range-parallel (`listS3RangeParallel`): the folder holding that key is resumed from
 * it, the later first-level prefixes are discovered with `Delimiter` and grouped into
 * contiguous key ranges, and the ranges are listed flat, concurrently. A bucket of many small
 * client folders thus costs about one request per page of objects (plus discovery), spread
 * over the workers, where listing each folder would cost one request per folder. The parts
 * never overlap and together cover every key, so the result is the same set a single flat
 * listing gives, on any server that orders keys and supports `Delimiter` and `StartAfter` as
 * S3 does.
 *
 * A first page whose last key is unusable (missing, or outside the prefix on a server that
 * ignores `Prefix`) makes the listing go on flat from the continuation token instead.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { S3Connection } from "./S3Connection.ts"
import { makeS3PageReader, s3PagesFrom } from "./S3KeyListing.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { firstLevelPrefixOf } from "./S3PrefixParallelListing.ts"
import { listS3RangeParallel } from "./S3RangeParallelListing.ts"

// How many first-level prefixes the first page's keys fall under: how many small folders a
// page of keys spans, which sizes the ranges listed after it.
const prefixesSpanned = (storePrefix: string, prefix: string, objects: ReadonlyArray<StoredObject>): number => {
  const spanned = new Set<string>()
  for (const object of objects) {
    const found = firstLevelPrefixOf(prefix, storePrefix + object.key)
    if (found !== undefined) spanned.add(found)
  }
  return spanned.size
}

/**
 * Streams every object under `prefix` (a full S3 prefix): its first page flat, the rest
 * range-parallel with up to `concurrency` listings at once. Progress counts the first page
 * as one prefix, then the prefix it ends in and each first-level prefix after it.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { S3Connection } from "./S3Connection.ts"
 * import { listS3FlatFirst } from "./S3FlatFirstListing.ts"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * declare const connection: S3Connection
 * const count = Effect.flatMap(makeProgressTracker(undefined), (tracker) =>
 *   Stream.runCount(listS3FlatFirst(connection, "", 8, tracker)))
 * ```
 * @category listing
 */
export const listS3FlatFirst = (
  connection: S3Connection,
  prefix: string,
  concurrency: number,
  tracker: ProgressTracker
): Stream.Stream<StoredObject, StoreError> =>
  Stream.unwrap(Effect.gen(function*() {
    const read = makeS3PageReader(connection, { prefix }, tracker)
    yield* tracker.addPrefixes(1)
    const first = yield* read(undefined)
    const firstObjects = Stream.fromArray(first.page.objects)
    const { lastKey } = first.page
    if (first.next === undefined) {
      yield* tracker.prefixDone
      return firstObjects
    }
    if (lastKey === undefined || !lastKey.startsWith(prefix)) {
      const rest = s3PagesFrom(read, first.next).pipe(
        Stream.flatMap((page) => Stream.fromArray(page.objects)),
        Stream.onEnd(tracker.prefixDone)
      )
      return Stream.concat(firstObjects, rest)
    }
    yield* tracker.prefixDone
    const rest = listS3RangeParallel(connection, prefix, tracker, {
      concurrency,
      after: lastKey,
      prefixesPerPage: prefixesSpanned(connection.location.prefix, prefix, first.page.objects)
    })
    return Stream.concat(firstObjects, rest)
  }))
