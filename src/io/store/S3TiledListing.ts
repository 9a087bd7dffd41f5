/**
 * The default ("auto") listing: the first page flat, then the rest of the key space in
 * tiles listed concurrently (`S3KeyTiling`).
 *
 * 1. The first page is listed flat. A bucket that fits on it costs one request.
 * 2. Tile 0 starts at once after the first page's last key L, open-ended. Once its first
 *    page shows there is more (a bucket of two pages needs nothing else), a
 *    `Delimiter: "/"` listing after L proposes cuts: the first-level prefixes it reports,
 *    every `prefixesPerTile` of them (sized from the first page so that a tile holds about
 *    `tileTargetKeys` keys). Each cut closes the open tile there and opens the next. It only
 *    proposes: a prefix it leaves out, repeats, reports out of order, before L or behind what
 *    the open tile has already read makes a tile longer, never opens a gap or an overlap. Its
 *    own objects are not used, since the tiles cover every key.
 * 3. Each tile is one flat listing with `StartAfter` its lower cut, keeping the keys up to
 *    its upper cut and stopping after the page that passes it; up to `concurrency` tiles run
 *    at once. The last tile runs to the end, so with no cut at all tile 0 lists the rest.
 *
 * Keys never depend on the server being right about prefixes. They depend on its order only
 * where the tiles do, and there every page is checked (`makeTileScanner`,
 * `makeBoundaryChecks`). A first page out of S3's order means the rest is listed flat at
 * once. A tile that finds a violation stops the tiles, logs a warning, and the rest is listed
 * flat from the first page's continuation token, skipping the keys the tiles had already
 * yielded (`S3RunSkipper`); a server whose flat listing disagrees with what its tiles
 * showed fails the listing with `ListingFailed` rather than risk a lost or doubled key.
 *
 * Requests: the first page, the discovery pages, and per tile its pages plus at most one
 * that mostly holds keys past its end. Memory: one page per running listing, and two keys
 * per tile.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { StoreError } from "../../domain/StoreError.ts"
import { makeDuplicateFilter } from "./S3DuplicateFilter.ts"
import { firstSeenEntries, s3AnswersFrom } from "./S3KeyListing.ts"
import type { S3ListingContext } from "./S3KeyListing.ts"
import { makeBoundaryChecks, makeTilePlanner, makeTileScanner, orderViolationIn, prefixesPerTileFor } from "./S3KeyTiling.ts"
import type { KeyTile } from "./S3KeyTiling.ts"
import type { S3ListedEntry, S3ListSource } from "./S3ListSource.ts"
import { makeRunSkipper, type YieldedRun } from "./S3RunSkipper.ts"

/**
 * How to tile: the listed prefix (full, the store prefix included), how many listings run at
 * once and how many keys a tile should hold.
 *
 * @category models
 */
interface S3TiledListingOptions {
  readonly prefix: string
  readonly concurrency: number
  readonly tileTargetKeys: number
}

// A broken rule of S3's order, found by a tile: the listing falls back; never leaves here.
class OrderViolation extends Data.TaggedError("OrderViolation")<{ readonly detail: string }> {}

interface Batch {
  readonly tile: number
  readonly entries: ReadonlyArray<S3ListedEntry>
}

/**
 * Streams every entry under `options.prefix`, each once. Fails with the first `StoreError`
 * of any request; the other listings are then interrupted and their requests aborted.
 *
 * @category listing
 */
export const listS3Tiled = (
  source: S3ListSource,
  context: S3ListingContext,
  options: S3TiledListingOptions
): Stream.Stream<S3ListedEntry, StoreError> =>
  Stream.unwrap(Effect.gen(function*() {
    const { prefix } = options
    const { tracker } = context
    const seen = makeDuplicateFilter(context.duplicateWindow)
    // Flat pages from a token: correct in whatever order the server lists keys.
    const flatFrom = (token: string, isNew: (key: string) => boolean = () => true) =>
      s3AnswersFrom(source, { prefix }, token).pipe(
        Stream.mapEffect((answer) =>
          Effect.map(firstSeenEntries(context, prefix, answer.entries, seen.firstSeen), (entries) => ({
            answer,
            entries: entries.filter((entry) => isNew(entry.key))
          }))
        )
      )

    yield* tracker.addPrefixes(1)
    const first = yield* source({ prefix })
    const head = yield* firstSeenEntries(context, prefix, first.entries, seen.firstSeen)
    yield* tracker.addObjects(head.length)
    yield* tracker.prefixDone
    const headStream = Stream.fromArray(head)
    const token = first.next
    if (token === undefined) return headStream
    const firstKeys = first.entries.map((entry) => entry.key)
    const lastKey = firstKeys.at(-1)
    const disorder = orderViolationIn(firstKeys)
    if (lastKey === undefined || !lastKey.startsWith(prefix) || disorder !== undefined) {
      if (disorder !== undefined) yield* warnFallback(context.store, disorder)
      return Stream.concat(headStream, yielded(context, flatFrom(token).pipe(Stream.map(({ entries }) => ({ tile: -1, entries })))))
    }

    const planner = makeTilePlanner(prefix, lastKey, prefixesPerTileFor(prefix, firstKeys, options.tileTargetKeys))
    const checks = makeBoundaryChecks()
    const runs = new Map<number, YieldedRun>()
    let openTiles = 0
    // Resolved by tile 0's first page: whether the listing goes on past it.
    const tileZeroGoesOn = yield* Deferred.make<boolean>()
    const discovery = s3AnswersFrom(source, { prefix, delimiter: "/", startAfter: lastKey }, undefined).pipe(
      Stream.flatMap((answer) => {
        const tiles: Array<KeyTile> = []
        for (const candidate of answer.commonPrefixes) {
          const tile = planner.offer(candidate)
          if (tile !== undefined) tiles.push(tile)
        }
        return Stream.fromArray(tiles)
      })
    )
    const discovered = Stream.unwrap(Effect.map(Deferred.await(tileZeroGoesOn), (goesOn) => (goesOn ? discovery : Stream.empty)))
    const tiles: Stream.Stream<KeyTile, StoreError> = Stream.concat(Stream.succeed(planner.first), discovered)
    const run = (tile: KeyTile): Stream.Stream<Batch, StoreError | OrderViolation> =>
      Stream.unwrap(Effect.as(
        Effect.tap(tracker.addPrefixes(1), () => Effect.sync(() => (openTiles += 1))),
        listTile(source, prefix, tile, checks, (goesOn) => (tile.index === 0 ? Deferred.succeed(tileZeroGoesOn, goesOn) : Effect.void)).pipe(
          Stream.onEnd(Effect.tap(tracker.prefixDone, () => Effect.sync(() => (openTiles -= 1))))
        )
      ))
    const recorded = tiles.pipe(
      Stream.flatMap(run, { concurrency: options.concurrency }),
      // Only what gets past this point has been yielded; a fallback skips exactly that.
      Stream.tap((batch) =>
        Effect.sync(() => {
          const firstEntry = batch.entries[0]
          const lastEntry = batch.entries.at(-1)
          if (batch.tile < 0 || firstEntry === undefined || lastEntry === undefined) return
          runs.set(batch.tile, { first: runs.get(batch.tile)?.first ?? firstEntry.key, last: lastEntry.key })
        })
      )
    )
    const rest = yielded(context, recorded).pipe(
      Stream.catchTag("OrderViolation", (violation) =>
        Stream.unwrap(Effect.gen(function*() {
          yield* warnFallback(context.store, violation.detail)
          yield* tracker.prefixesDone(openTiles)
          return yielded(context, skippingRuns(context, flatFrom, token, [...runs.values()]))
        })))
    )
    return Stream.concat(headStream, rest)
  }))

// Counts and flattens batches: the tracker counts what the listing yields, once.
const yielded = <E>(
  context: S3ListingContext,
  batches: Stream.Stream<Batch, E>
): Stream.Stream<S3ListedEntry, E> =>
  batches.pipe(
    Stream.mapEffect((batch) => Effect.as(context.tracker.addObjects(batch.entries.length), batch.entries)),
    Stream.flatMap((entries) => Stream.fromArray(entries))
  )

const warnFallback = (store: string, detail: string) =>
  Effect.logWarning(`${store} does not list keys in S3's order (it ${detail}); listing the rest without ranges`)

// The flat listing after a fallback, without the keys the tiles yielded.
const skippingRuns = (
  context: S3ListingContext,
  flatFrom: (
    token: string,
    isNew: (key: string) => boolean
  ) => Stream.Stream<{ readonly answer: { readonly next: string | undefined }; readonly entries: ReadonlyArray<S3ListedEntry> }, StoreError>,
  token: string,
  runs: ReadonlyArray<YieldedRun>
): Stream.Stream<Batch, StoreError> =>
  Stream.suspend(() => {
    const skipper = makeRunSkipper(runs)
    return flatFrom(token, skipper.isNew).pipe(
      Stream.mapEffect(({ answer, entries }) => {
        const problem = skipper.problem(answer.next === undefined)
        return problem === undefined ? Effect.succeed({ tile: -1, entries }) : Effect.fail(
          new StoreError({
            reason: "ListingFailed",
            store: context.store,
            message: `Listing ${context.store} failed: the server ${problem}, so its listings disagree; nothing was written, try --concurrency 1`
          })
        )
      })
    )
  })

interface TileState {
  readonly token: string | undefined
}

// One tile: flat pages from its lower cut until a page passes its upper cut (read afresh
// for each page: a cut may close the tile while it runs), every key checked; reports the
// rule-2 facts once each.
const listTile = (
  source: S3ListSource,
  prefix: string,
  tile: KeyTile,
  checks: ReturnType<typeof makeBoundaryChecks>,
  firstPageRead: (goesOn: boolean) => Effect.Effect<unknown>
): Stream.Stream<Batch, StoreError | OrderViolation> =>
  Stream.suspend(() => {
    const scanner = makeTileScanner(prefix, tile)
    let firstReported = false
    let beyondReported = false
    const check = (verdict: string | undefined) =>
      verdict === undefined ? Effect.void : Effect.fail(new OrderViolation({ detail: verdict }))
    return Stream.paginate<TileState, Batch, StoreError | OrderViolation>({ token: undefined }, (state) =>
      Effect.gen(function*() {
        const answer = yield* source({ prefix, startAfter: tile.after, token: state.token })
        const page = scanner.scan(answer.entries)
        if (page.violation !== undefined) return yield* new OrderViolation({ detail: page.violation })
        const done = page.passedEnd || answer.next === undefined
        // An open tile that stops has read to the end: no later cut may fall behind it.
        if (done && tile.upTo === undefined) tile.ended = true
        const firstKey = scanner.first() ?? (done ? null : undefined)
        if (!firstReported && firstKey !== undefined) {
          firstReported = true
          yield* check(checks.firstSeen(tile, firstKey))
        }
        const beyond = scanner.beyond() ?? (done ? null : undefined)
        if (!beyondReported && beyond !== undefined) {
          beyondReported = true
          yield* check(checks.beyondEnd(tile, beyond))
        }
        if (state.token === undefined) yield* firstPageRead(!done)
        const batch: Batch = { tile: tile.index, entries: page.kept }
        return [[batch], done ? Option.none() : Option.some({ token: answer.next })] as const
      }))
  })
