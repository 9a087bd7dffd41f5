/**
 * Phase 3 (SPEC §2): every client row gets its tracking columns, `0` and an empty list for a
 * client with no files, so "tracked, no files" is told apart from "not tracked yet".
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { finishStep, reconcileStep } from "./ExistingState.ts"
import { type PhaseStep, startStep } from "./PhaseStep.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"
import { syncTrackingCells } from "./TrackingCells.ts"

/**
 * Phase 3. Idempotent. Objects phases 1 and 2 did not map (strays, folders of unknown
 * clients, non-UUID pool names) are already in `state.findings`, where reports show them.
 *
 * @example Every client tracked, with or without files
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, trackAllClients, unsafeRowId } from "uuidmap"
 *
 * const state = makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] })
 * const next = trackAllClients(state)
 * assert.deepStrictEqual(next.clients, [{ rowId: "502", tracked: true, uuids: [] }]) // "tracked, no files"
 * assert.deepStrictEqual(trackAllClients(next).clients, next.clients) // idempotent
 * ```
 * @category phases
 */
export const trackAllClients = (input: State): State => trackingStep(startStep(input), buildRunIndex(input)).state

/**
 * Phase 3 within a run, on the run's index.
 *
 * @category phases
 */
export const trackingStep = (input: PhaseStep, index: RunIndex): PhaseStep => {
  const { state, ledger } = reconcileStep(input, index)
  return finishStep(syncTrackingCells(state, ledger, () => true), ledger, index)
}
