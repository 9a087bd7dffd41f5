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
import { type PhaseRun, type PhaseSelection, runPhases } from "../pipeline/Phases.ts"
import { diffStates, type StateChanges } from "../pipeline/StateDiff.ts"
import { withFreshUuids } from "./FreshUuids.ts"
import { emptyListingFold, foldListing } from "./LoadState.ts"
import { checkClientRows, checkLedgerRows } from "./PipelineInputChecks.ts"

/**
 * What a caller provides.
 *
 * @example
 * ```ts
 * import type { PipelineInput } from "./RunPipeline.ts"
 * ```
 * @category models
 */
export interface PipelineInput<E, R> {
  readonly clients: ReadonlyArray<ClientRow>
  readonly objects: Stream.Stream<ListedEntry, E, R>
  readonly ledger?: ReadonlyArray<Mapping> | undefined
  readonly evidence?: PoolEvidence | undefined
  readonly layout?: Layout | undefined
  readonly phase?: PhaseSelection | undefined
}

/**
 * What a run gives back: the phases' result (`state`, `ran`, `steps`), the state they started
 * from (`before`: the caller's rows and ledger with the folded listing) and `changes`, every
 * tracking cell and ledger row that differs between the two, which is what a caller persists.
 *
 * @example
 * ```ts
 * import type { PipelineResult } from "./RunPipeline.ts"
 * const changed = (result: PipelineResult) => result.changes.cells.length + result.changes.ledger.length
 * ```
 * @category models
 */
export interface PipelineResult extends PhaseRun {
  readonly before: State
  readonly changes: StateChanges
}

/**
 * Checks the client rows and the ledger (fails with a `PipelineInputError` naming the value,
 * before the stream is read), folds the object stream, draws the UUIDs phase 1 needs from the
 * `UuidGenerator` service (provide `UuidGenerator.layerV4`, or `layerTest` for reproducible
 * results) and runs the phases.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { runPipeline } from "./RunPipeline.ts"
 * import { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
 * const result = await Effect.runPromise(
 *   runPipeline({ clients: [], objects: Stream.empty }).pipe(Effect.provide(UuidGenerator.layerV4))
 * )
 * result.state.ledger // []
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
    const ledgerKeys = new Set<string>()
    for (const mapping of ledger) if (mapping.key !== null) ledgerKeys.add(mapping.key)
    const listing = yield* Stream.runFold(
      input.objects,
      emptyListingFold,
      foldListing(new Set(input.clients.map((client) => client.rowId)), layout, ledgerKeys)
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
    const ready = yield* withFreshUuids(base)
    const run = runPhases(ready, input.phase ?? "all")
    const result: PipelineResult = { ...run, before: ready, changes: diffStates(ready, run.state) }
    return result
  })
