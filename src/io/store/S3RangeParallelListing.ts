/**
 * Lists what comes after a key by contiguous key ranges, concurrently. This is the second
 * half of the auto listing (`S3FlatFirstListing`), built for buckets of many small client
 * folders: listing each folder on its own would cost a request per folder (100,000 folders of
 * 10 files: 100,000 requests), where flat pages cost one request per 1,000 objects.
 *
 * 1. The first-level prefix holding `after` is listed with `Prefix` from just after it.
 * 2. A `Delimiter: "/"` listing after `after` yields the objects directly under the prefix
 *    and the later first-level prefixes.
 * 3. The prefixes are cut into batches at discovery page boundaries — the first batch after
 *    one page, so listing starts at once, each next batch twice as many pages — and each
 *    batch into `concurrency` to `concurrency × 4` ranges of consecutive prefixes
 *    (`S3KeyRange`): fewer when the first page suggests small folders, so that a range holds
 *    about two pages of keys (its last page, which also holds keys beyond it, then wastes
 *    little). A bucket whose prefixes fit on one discovery page gets at most
 *    `concurrency × 4` ranges; one with D discovery pages at most about
 *    `concurrency × 4 × log2(D + 1)`.
 * 4. Each range is one flat paginated listing (the listed prefix, no delimiter) from just
 *    below its first prefix. It keeps only the non-direct keys of its interval, and stops
 *    requesting pages once a page ends beyond its last prefix. A range of a single prefix
 *    is listed with that prefix instead, which ends exactly where the prefix does.
 *
 * Every key after `after` is under the resumed prefix, directly under the listed prefix
 * (from step 2), or under one discovered prefix and so in exactly one range; the merged
 * stream is the same set a flat listing gives. Like prefix-parallel listing it relies on the
 * server's `Delimiter` support (s3rver 3.7.1 misses folders that hold only subfolders).
 *
 * Requests: about objects / page size, plus the discovery pages, plus one per range (the page
 * that passes its end). Memory: one page per running listing, plus the discovered prefix
 * names (to ignore a prefix a server reports twice, and to cut the current batch).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { S3Connection } from "./S3Connection.ts"
import { listS3Objects, listS3Pages, makeS3PageReader } from "./S3KeyListing.ts"
import { isPrefixBefore } from "./S3KeyOrder.ts"
import { groupPrefixesIntoRanges, isKeyBeyondRange, isKeyInRange, rangeCountFor, startAfterBelow } from "./S3KeyRange.ts"
import type { S3KeyRange } from "./S3KeyRange.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { firstLevelPrefixOf } from "./S3PrefixParallelListing.ts"

type Work =
  | { readonly _tag: "Objects"; readonly objects: ReadonlyArray<StoredObject> }
  | { readonly _tag: "Resume"; readonly prefix: string; readonly after: string }
  | { readonly _tag: "Range"; readonly range: S3KeyRange }

interface RangeState {
  readonly token: string | undefined
}

/**
 * Streams the keys of one range of first-level prefixes under `listPrefix` (a full S3
 * prefix): a flat listing from just below the range's first prefix, stopped after the first
 * page whose last key lies beyond the range's last prefix. A range of one prefix is listed
 * with that prefix instead, which ends exactly where the prefix does.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { S3Connection } from "./S3Connection.ts"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * import { listS3KeyRange } from "./S3RangeParallelListing.ts"
 * declare const connection: S3Connection
 * const range = { first: "502/", last: "517/", prefixes: 16 }
 * const count = Effect.flatMap(makeProgressTracker(undefined), (tracker) =>
 *   Stream.runCount(listS3KeyRange(connection, "", range, tracker)))
 * ```
 * @category listing
 */
export const listS3KeyRange = (
  connection: S3Connection,
  listPrefix: string,
  range: S3KeyRange,
  tracker: ProgressTracker
): Stream.Stream<StoredObject, StoreError> =>
  Stream.suspend(() => {
    if (range.prefixes === 1 && range.first === range.last) return listS3Objects(connection, range.first, tracker)
    const read = makeS3PageReader(connection, {
      prefix: listPrefix,
      startAfter: startAfterBelow(range.first),
      keep: (key) => isKeyInRange(listPrefix, range, key)
    }, tracker)
    return Stream.paginate<RangeState, StoredObject, StoreError>({ token: undefined }, (state) =>
      Effect.map(read(state.token), ({ next, page }) => {
        const passedEnd = page.lastKey !== undefined && isKeyBeyondRange(range, page.lastKey)
        const more = next === undefined || passedEnd ? Option.none<RangeState>() : Option.some({ token: next })
        return [page.objects, more] as const
      }))
  })

/**
 * How to split the listing: how many listings run at once, the full key to list after, and
 * how many first-level prefixes a page of keys spans (estimated from the page before
 * `after`; 0 or absent when unknown), which sizes the ranges.
 *
 * @example
 * ```ts
 * import type { S3RangeListingOptions } from "./S3RangeParallelListing.ts"
 * const options: S3RangeListingOptions = { concurrency: 8, after: "502/Sam/w9.pdf", prefixesPerPage: 20 }
 * ```
 * @category models
 */
export interface S3RangeListingOptions {
  readonly concurrency: number
  readonly after: string
  readonly prefixesPerPage?: number | undefined
}

/**
 * Streams every object under `prefix` (a full S3 prefix) that sorts after `options.after` (a
 * full key under it), with up to `options.concurrency` listings at once. Progress counts the
 * prefix holding `after` as one and each later first-level prefix as one, done when its range
 * is listed. Fails as soon as any listing fails; the others are interrupted and their
 * requests aborted.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import type { S3Connection } from "./S3Connection.ts"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * import { listS3RangeParallel } from "./S3RangeParallelListing.ts"
 * declare const connection: S3Connection
 * const rest = Effect.flatMap(makeProgressTracker(undefined), (tracker) =>
 *   Stream.runCount(listS3RangeParallel(connection, "", tracker, { concurrency: 8, after: "502/Sam_Torode/w9.pdf" })))
 * ```
 * @category listing
 */
export const listS3RangeParallel = (
  connection: S3Connection,
  prefix: string,
  tracker: ProgressTracker,
  options: S3RangeListingOptions
): Stream.Stream<StoredObject, StoreError> =>
  Stream.suspend(() => {
    const { after, concurrency } = options
    // A page that spans n prefixes holds about n − 1 whole ones (the last goes on past it);
    // two pages' worth makes a range.
    const minPrefixesPerRange = 2 * Math.max(0, (options.prefixesPerPage ?? 0) - 1)
    const knownPrefixes = new Set<string>()
    // The prefix holding `after` is listed from just after it whether or not the server
    // reports it again, and never a second time.
    const resumed = firstLevelPrefixOf(prefix, after)
    if (resumed !== undefined) knownPrefixes.add(resumed)
    let batch: Array<string> = []
    let pagesInBatch = 0
    let pagesPerBatch = 1
    const cutBatch = (): Array<Work> => {
      const ranges = groupPrefixesIntoRanges(batch, rangeCountFor(batch.length, concurrency, minPrefixesPerRange))
      batch = []
      pagesInBatch = 0
      pagesPerBatch *= 2
      return ranges.map((range): Work => ({ _tag: "Range", range }))
    }

    const resumedWork: Stream.Stream<Work> = resumed === undefined
      ? Stream.empty
      : Stream.fromEffect(Effect.as(tracker.addPrefixes(1), { _tag: "Resume", prefix: resumed, after } as const))
    const discovered = listS3Pages(connection, { prefix, delimiter: "/", startAfter: after }, tracker).pipe(
      Stream.mapEffect((page) => {
        const fresh = page.commonPrefixes.filter((found) => {
          if (knownPrefixes.has(found)) return false
          knownPrefixes.add(found)
          return !isPrefixBefore(found, after)
        })
        for (const found of fresh) batch.push(found)
        pagesInBatch += 1
        const work: Array<Work> = [{ _tag: "Objects", objects: page.objects }]
        if (pagesInBatch >= pagesPerBatch) work.push(...cutBatch())
        return Effect.as(tracker.addPrefixes(fresh.length), work)
      }),
      Stream.concat(Stream.suspend(() => Stream.succeed(cutBatch()))),
      Stream.flatMap((work) => Stream.fromArray(work))
    )

    const run = (work: Work): Stream.Stream<StoredObject, StoreError> => {
      switch (work._tag) {
        case "Objects":
          return Stream.fromArray(work.objects)
        case "Resume":
          return listS3Objects(connection, work.prefix, tracker, work.after).pipe(Stream.onEnd(tracker.prefixDone))
        case "Range":
          return listS3KeyRange(connection, prefix, work.range, tracker).pipe(
            Stream.onEnd(tracker.prefixesDone(work.range.prefixes))
          )
      }
    }
    return Stream.concat(resumedWork, discovered).pipe(Stream.flatMap(run, { concurrency }))
  })
