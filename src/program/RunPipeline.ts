/**
 * The library's one entry point (SPEC §5): feed your own client rows and object stream, get
 * the new state and the change list back. Nothing is read from or written to disk; the caller
 * decides what to do with the result.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClientRow } from "../domain/ClientRow.ts"
import { compareMappings, type Mapping } from "../domain/Mapping.ts"
import { PipelineInputError } from "../domain/PipelineInputError.ts"
import type { PoolEvidence } from "../domain/PoolEvidence.ts"
import { defaultLayout, type Layout, makeState, type State } from "../domain/State.ts"
import type { ListedEntry } from "../io/store/ObjectStore.ts"
import type { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import { type PhaseRun, type PhaseSelection, runPhasesIn } from "../pipeline/Phases.ts"
import { buildRunIndex } from "../pipeline/RunIndex.ts"
import { diffStates, type StateChanges } from "../pipeline/StateDiff.ts"
import { withFreshUuids } from "./FreshUuids.ts"
import { emptyListingFold, foldListing, ledgerKeysOf } from "./ListingFold.ts"
import { checkClientRows, checkLedgerRows } from "./PipelineInputChecks.ts"

/**
 * What a caller provides.
 *
 * @example Your own object stream
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { type PipelineInput, runPipeline, unsafeObjectKey, unsafeRowId, UuidGenerator } from "uuidmap"
 *
 * const input: PipelineInput<never, never> = {
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
 *   objects: Stream.fromIterable(["502/a.pdf", "502/b.pdf"]).pipe(
 *     Stream.map((key) => ({ key: unsafeObjectKey(key), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }))
 *   ),
 *   phase: "1"
 * }
 * const result = await Effect.runPromise(runPipeline(input).pipe(Effect.provide(UuidGenerator.layerTest(1))))
 * assert.deepStrictEqual(result.state.ledger.map((row) => row.key), ["502/a.pdf", "502/b.pdf"])
 * ```
 * @category models
 */
export interface PipelineInput<E, R> {
  /** Every client row, in the order that breaks ties. */
  readonly clients: ReadonlyArray<ClientRow>
  /** The listing: objects, and entries the store could not read. */
  readonly objects: Stream.Stream<ListedEntry, E, R>
  /** The ledger of the previous run. */
  readonly ledger?: ReadonlyArray<Mapping> | undefined
  /** Phase 2's outside evidence. */
  readonly evidence?: PoolEvidence | undefined
  /** Where the pool is (default `files/`). */
  readonly layout?: Layout | undefined
  /** Which phases run (default `"all"`). */
  readonly phase?: PhaseSelection | undefined
}

/**
 * What a run gives back: the phases' result (`state`, `ran`, `steps`), the state they started
 * from (`before`: the caller's rows and ledger with the folded listing) and `changes`, every
 * tracking cell and ledger row that differs between the two, which is what a caller persists.
 *
 * @example What to persist
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { type PipelineResult, runPipeline, unsafeRowId, UuidGenerator } from "uuidmap"
 *
 * const result: PipelineResult = await Effect.runPromise(
 *   runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }], objects: Stream.empty }).pipe(Effect.provide(UuidGenerator.layerV4))
 * )
 * assert.deepStrictEqual(result.before.clients[0]?.tracked, false)
 * assert.deepStrictEqual(result.changes.cells.map((cell) => [cell.rowId, cell.after.tracked]), [["502", true]])
 * ```
 * @category models
 */
export interface PipelineResult extends PhaseRun {
  /** The state the phases started from. */
  readonly before: State
  /** Every tracking cell and ledger row that differs. */
  readonly changes: StateChanges
}

/**
 * Checks the client rows and the ledger (fails with a `PipelineInputError` naming the value,
 * before the stream is read), folds the object stream, draws the UUIDs phase 1 needs from the
 * `UuidGenerator` service (provide `UuidGenerator.layerV4`, or `layerTest` for reproducible
 * results) and runs the phases.
 *
 * @example A listing that fails is the caller's error
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { runPipeline, unsafeRowId, UuidGenerator } from "uuidmap"
 *
 * const failing = Stream.fail("the upload table is offline" as const)
 * const error = await Effect.runPromise(
 *   Effect.flip(runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }], objects: failing })).pipe(
 *     Effect.provide(UuidGenerator.layerV4)
 *   )
 * )
 * assert.equal(error, "the upload table is offline")
 * const refused = await Effect.runPromise(
 *   Effect.flip(runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: true, uuids: [] }, { rowId: unsafeRowId("502"), tracked: true, uuids: [] }], objects: Stream.empty })).pipe(
 *     Effect.provide(UuidGenerator.layerV4)
 *   )
 * )
 * assert.equal(refused._tag === "PipelineInputError" && refused.reason, "DuplicateRowId")
 * ```
 * @category programs
 */
export const runPipeline = <E, R>(
  input: PipelineInput<E, R>
): Effect.Effect<PipelineResult, E | PipelineInputError, R | UuidGenerator> =>
  Effect.gen(function*() {
    const invalid = checkClientRows(input.clients) ?? checkLedgerRows(input.ledger ?? [])
    if (invalid !== undefined) return yield* invalid
    const layout = input.layout ?? defaultLayout
    const ledger = [...(input.ledger ?? [])].sort(compareMappings)
    const listing = yield* Stream.runFold(
      input.objects,
      emptyListingFold,
      foldListing(new Set(input.clients.map((client) => client.rowId)), layout, ledgerKeysOf(ledger))
    )
    if (listing.blocking !== undefined) {
      const { detail, key } = listing.blocking
      return yield* new PipelineInputError({
        reason: "UnreadableObject",
        path: `objects[${JSON.stringify(key)}]`,
        message: `The object stream could not read ${JSON.stringify(key)}, which the phases would map: ${detail}`
      })
    }
    const base = makeState({
      clients: input.clients,
      objects: listing.objects,
      ledger,
      findings: listing.findings,
      layout,
      ...(input.evidence === undefined ? {} : { evidence: input.evidence })
    })
    const index = buildRunIndex(base, listing.parts)
    const ready = yield* withFreshUuids(base, index)
    const run = runPhasesIn(ready, input.phase ?? "all", index)
    const result: PipelineResult = { ...run, before: ready, changes: diffStates(ready, run.state) }
    return result
  })
