/**
 * Lists a store quickly by splitting it at its first level: a listing with `Delimiter: "/"`
 * finds the objects directly under the prefix and the first-level prefixes (client folders,
 * `files/`…), then those prefixes are listed concurrently. Every key is either directly under
 * the prefix or under exactly one first-level prefix, so the merged stream is the same set a
 * flat listing gives — in another order, which nothing may depend on.
 *
 * It costs at least one request per first-level prefix, and it trusts the server's
 * `Delimiter` answer: s3rver 3.7.1 gets it wrong for a folder that holds only subfolders (it
 * never reports `502/` when every key is under `502/Sam_Torode/`), and such a folder is then
 * never listed. The auto listing (`S3TiledListing`) lets discovery choose only where tiles are
 * cut, so it never loses a key that way; this strategy stays for benchmarks.
 *
 * Memory: one page per running listing, plus the set of first-level prefix names (needed to
 * ignore a prefix a server reports twice), which is small next to the objects under them.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { S3Connection } from "./S3Connection.ts"
import { firstSeenEntries, listingContextOf, listS3Objects, s3AnswersFrom, toStoredObject } from "./S3KeyListing.ts"
import type { ProgressTracker } from "./S3ListingProgress.ts"
import { makeS3ListSource } from "./S3ListSource.ts"

type Work =
  | { readonly _tag: "Objects"; readonly objects: ReadonlyArray<StoredObject> }
  | { readonly _tag: "Prefix"; readonly prefix: string }

/**
 * The first-level prefix under `prefix` that holds `key` (`tenant/502/` for
 * `tenant/502/Sam/a.pdf` under `tenant/`), or undefined for a key directly under `prefix`.
 *
 * @category listing
 */
export const firstLevelPrefixOf = (prefix: string, key: string): string | undefined => {
  const slash = key.indexOf("/", prefix.length)
  return slash === -1 ? undefined : key.slice(0, slash + 1)
}

/**
 * Streams every object under `prefix` (a full S3 prefix), listing up to `concurrency`
 * first-level prefixes at once. Fails as soon as any of the listings fails; the others are
 * interrupted and their requests aborted.
 *
 * @category listing
 */
export const listS3PrefixParallel = (
  connection: S3Connection,
  prefix: string,
  concurrency: number,
  tracker: ProgressTracker
): Stream.Stream<StoredObject, StoreError> =>
  Stream.suspend(() => {
    const knownPrefixes = new Set<string>()
    const context = listingContextOf(connection, tracker)
    const source = makeS3ListSource(connection, tracker.objects)
    const discovered = s3AnswersFrom(source, { prefix, delimiter: "/" }, undefined).pipe(
      Stream.mapEffect((answer) =>
        Effect.gen(function*() {
          const direct = yield* firstSeenEntries(context, prefix, answer.entries, () => true)
          yield* tracker.addObjects(direct.length)
          const fresh = answer.commonPrefixes.filter((found) => {
            if (knownPrefixes.has(found) || !found.startsWith(prefix) || found.length <= prefix.length) return false
            knownPrefixes.add(found)
            return true
          })
          const work: Array<Work> = [{ _tag: "Objects", objects: direct.map((entry) => toStoredObject(context.storePrefix, entry)) }]
          for (const found of fresh) work.push({ _tag: "Prefix", prefix: found })
          yield* tracker.addPrefixes(fresh.length)
          return work
        })
      ),
      Stream.flatMap((work) => Stream.fromArray(work))
    )
    return discovered.pipe(
      Stream.flatMap(
        (work) =>
          work._tag === "Objects"
            ? Stream.fromArray(work.objects)
            : listS3Objects(connection, work.prefix, tracker).pipe(Stream.onEnd(tracker.prefixDone)),
        { concurrency }
      )
    )
  })
