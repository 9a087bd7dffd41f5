/**
 * The phases in order, and which of them a `--phase` selection runs (SPEC §2: `all` = 1, 2, 3).
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { trackAllClients, trackingStep } from "./AllClients.ts"
import { assignClientFolderUuids, clientFolderStep } from "./ClientFolders.ts"
import { type PhaseStep, startStep } from "./PhaseStep.ts"
import { linkPoolFiles, poolFileStep } from "./PoolFiles.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"

/**
 * A phase's name, as `--phase` takes it.
 *
 * @example The phases a run went through
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, type PhaseName, runPhases } from "uuidmap"
 *
 * const ran: ReadonlyArray<PhaseName> = runPhases(makeState({}), "all").ran
 * assert.deepStrictEqual(ran, ["1", "2", "3"])
 * ```
 * @category models
 */
export type PhaseName = "1" | "2" | "3"

/**
 * What `--phase` accepts.
 *
 * @example One phase, or all of them
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, type PhaseSelection, runPhases } from "uuidmap"
 *
 * const selection: PhaseSelection = "2"
 * assert.deepStrictEqual(runPhases(makeState({}), selection).ran, ["2"])
 * ```
 * @category models
 */
export type PhaseSelection = PhaseName | "all"

/**
 * Each phase as a pure function.
 *
 * @category phases
 */
export const phaseFunctions: Readonly<Record<PhaseName, (state: State) => State>> = {
  "1": assignClientFolderUuids,
  "2": linkPoolFiles,
  "3": trackAllClients
}

// Each phase within a run: on the run's index, from the step the phase before left.
const phaseSteps: Readonly<Record<PhaseName, (step: PhaseStep, index: RunIndex) => PhaseStep>> = {
  "1": clientFolderStep,
  "2": poolFileStep,
  "3": trackingStep
}

/**
 * The result of running a selection: the final state, which phases ran, and the state after
 * each of them.
 *
 * @example The state after each phase
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, type PhaseRun, runPhases, unsafeRowId } from "uuidmap"
 *
 * const run: PhaseRun = runPhases(makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] }), "all")
 * assert.deepStrictEqual(run.steps.map((step) => [step.phase, step.state.clients[0]?.tracked]), [["1", false], ["2", false], ["3", true]])
 * assert.equal(run.state, run.steps[2]?.state)
 * ```
 * @category models
 */
export interface PhaseRun {
  /** The state after the last phase. */
  readonly state: State
  /** The phases that ran, in order. */
  readonly ran: ReadonlyArray<PhaseName>
  /** The state after each phase. */
  readonly steps: ReadonlyArray<{ readonly phase: PhaseName; readonly state: State }>
}

/**
 * The phases a selection names, in order.
 *
 * @category phases
 */
export const phasesOf = (selection: PhaseSelection): ReadonlyArray<PhaseName> =>
  selection === "all" ? ["1", "2", "3"] : [selection]

/**
 * Runs the selected phases in order, keeping the state after each (reports break results
 * down per phase).
 *
 * @example All phases, then nothing left to do
 * ```ts
 * import assert from "node:assert/strict"
 * import { diffStates, type FileUuid, makeState, runPhases, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const key = unsafeObjectKey("502/a.pdf")
 * const state = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }, { rowId: unsafeRowId("503"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]]),
 *   freshUuids: ["00000000-0000-4000-8000-000000000001" as FileUuid]
 * })
 * const { state: after, ran } = runPhases(state, "all")
 * assert.deepStrictEqual(ran, ["1", "2", "3"])
 * assert.deepStrictEqual(after.clients.map((client) => client.uuids.length), [1, 0])
 * assert.deepStrictEqual(diffStates(after, runPhases(after, "all").state), { cells: [], ledger: [] })
 * ```
 * @category phases
 */
export const runPhases = (state: State, selection: PhaseSelection): PhaseRun => runPhasesIn(state, selection, buildRunIndex(state))

/**
 * `runPhases` on an index of the state's inputs (`buildRunIndex`), built once per run: the
 * program builds it for the phases, the metrics and the fresh UUIDs alike.
 *
 * @category phases
 */
export const runPhasesIn = (state: State, selection: PhaseSelection, index: RunIndex): PhaseRun => {
  const ran: Array<PhaseName> = []
  const steps: Array<{ phase: PhaseName; state: State }> = []
  let current = startStep(state)
  for (const phase of phasesOf(selection)) {
    current = phaseSteps[phase](current, index)
    ran.push(phase)
    steps.push({ phase, state: current.state })
  }
  return { state: current.state, ran, steps }
}
