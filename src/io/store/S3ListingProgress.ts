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
 * @example
 * ```ts
 * import type { ListingProgress } from "./S3ListingProgress.ts"
 * const progress: ListingProgress = { objects: 12000, prefixesDone: 3, prefixesTotal: 40, elapsedMs: 2100 }
 * ```
 * @category models
 */
export interface ListingProgress {
  readonly objects: number
  readonly prefixesDone: number
  readonly prefixesTotal: number
  readonly elapsedMs: number
}

/**
 * Counts a listing's objects and prefixes and reports each change. `objects()` reads the count
 * without reporting (error messages use it).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * const program = Effect.gen(function*() {
 *   const tracker = yield* makeProgressTracker((p) => console.log(p.objects))
 *   yield* tracker.addObjects(1000)
 * })
 * ```
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
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { makeProgressTracker } from "./S3ListingProgress.ts"
 * const tracker = Effect.runSync(makeProgressTracker(undefined))
 * ```
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
