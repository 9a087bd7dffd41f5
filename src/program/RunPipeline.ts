/**
 * The library's one entry point (SPEC §5): feed your own client rows and object stream, get
 * the new state back. Nothing is read from or written to disk; the caller decides what to do
 * with the result.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClientRow } from "../domain/ClientRow.ts"
import { compareMappings, type Mapping } from "../domain/Mapping.ts"
import type { PoolEvidence } from "../domain/PoolEvidence.ts"
import { defaultLayout, type Layout, makeState } from "../domain/State.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import type { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import { type PhaseRun, type PhaseSelection, runPhases } from "../pipeline/Phases.ts"
import { withFreshUuids } from "./FreshUuids.ts"
import { emptyListingFold, foldListing } from "./LoadState.ts"

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
  readonly objects: Stream.Stream<StoredObject, E, R>
  readonly ledger?: ReadonlyArray<Mapping> | undefined
  readonly evidence?: PoolEvidence | undefined
  readonly layout?: Layout | undefined
  readonly phase?: PhaseSelection | undefined
}

/**
 * Folds the object stream, draws the UUIDs phase 1 needs from the `UuidGenerator` service
 * (provide `UuidGenerator.layerV4`, or `layerTest` for reproducible results) and runs the
 * phases.
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
export const runPipeline = <E, R>(input: PipelineInput<E, R>): Effect.Effect<PhaseRun, E, R | UuidGenerator> =>
  Effect.gen(function*() {
    const layout = input.layout ?? defaultLayout
    const ledger = [...(input.ledger ?? [])].sort(compareMappings)
    const ledgerKeys = new Set<string>()
    for (const mapping of ledger) if (mapping.key !== null) ledgerKeys.add(mapping.key)
    const listing = yield* Stream.runFold(
      input.objects,
      emptyListingFold,
      foldListing(new Set(input.clients.map((client) => client.rowId)), layout, ledgerKeys)
    )
    const base = makeState({
      clients: input.clients,
      objects: listing.objects,
      ledger,
      findings: listing.findings,
      layout,
      ...(input.evidence === undefined ? {} : { evidence: input.evidence })
    })
    const ready = yield* withFreshUuids(base)
    return runPhases(ready, input.phase ?? "all")
  })
