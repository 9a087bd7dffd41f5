/**
 * Progress of one listing, reported through a callback so the CLI decides how (and whether)
 * to render it. Time comes from `Clock`, read only when somebody listens.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/**
 * How far a listing has come, in objects and in prefixes. A flat listing counts as one
 * prefix. A prefix-parallel listing counts the first-level prefixes it found, each done when
 * listed. The auto listing counts its first page as one, the prefix that page ends in as one,
 * and then each first-level prefix after it, done when the key range holding it is listed.
 * The total grows while prefixes are discovered.
 *
 * @example The callback is called only while a listing runs
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { layerS3, type ListingProgress, ObjectStore } from "uuidmap"
 *
 * const reports: Array<ListingProgress> = []
 * const layer = layerS3({ bucket: "s3://clients", region: "eu-west-1", onProgress: (progress) => reports.push(progress) })
 * // Building the store sends no request, so nothing is listed and nothing is reported yet.
 * await Effect.runPromise(Effect.flatMap(Effect.service(ObjectStore), (store) => store.requests).pipe(Effect.provide(layer)))
 * assert.deepStrictEqual(reports, [])
 * ```
 * @category models
 */
export interface ListingProgress {
  /** Objects listed so far. */
  readonly objects: number
  /** Prefixes (or key ranges) listed completely. */
  readonly prefixesDone: number
  /** Prefixes known so far; grows while they are discovered. */
  readonly prefixesTotal: number
  /** Milliseconds since the listing began. */
  readonly elapsedMs: number
}

/**
 * Counts a listing's objects and prefixes and reports each change. `objects()` reads the count
 * without reporting (error messages use it).
 *
 * @category models
 */
export interface ProgressTracker {
  readonly objects: () => number
  readonly addObjects: (count: number) => Effect.Effect<void>
  readonly addPrefixes: (count: number) => Effect.Effect<void>
  readonly prefixDone: Effect.Effect<void>
  readonly prefixesDone: (count: number) => Effect.Effect<void>
}

/**
 * A tracker that calls `onProgress` after every page and every change in prefixes; without a
 * callback it only counts and never reads the clock.
 *
 * @category constructors
 */
export const makeProgressTracker = (
  onProgress: ((progress: ListingProgress) => void) | undefined
): Effect.Effect<ProgressTracker> =>
  Effect.gen(function*() {
    const startedAt = onProgress === undefined ? 0 : yield* Clock.currentTimeMillis
    let objects = 0
    let prefixesDone = 0
    let prefixesTotal = 0
    const report = onProgress === undefined
      ? Effect.void
      : Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => onProgress({ objects, prefixesDone, prefixesTotal, elapsedMs: now - startedAt })))
    return {
      objects: () => objects,
      addObjects: (count) =>
        Effect.suspend(() => {
          objects += count
          return report
        }),
      addPrefixes: (count) =>
        Effect.suspend(() => {
          prefixesTotal += count
          return report
        }),
      prefixDone: Effect.suspend(() => {
        prefixesDone += 1
        return report
      }),
      prefixesDone: (count) =>
        Effect.suspend(() => {
          prefixesDone += count
          return report
        })
    }
  })
