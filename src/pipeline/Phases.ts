/**
 * The phases in order, and which of them a `--phase` selection runs (SPEC §2: `all` = 1, 2, 3).
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { trackAllClients } from "./AllClients.ts"
import { assignClientFolderUuids } from "./ClientFolders.ts"
import { linkPoolFiles } from "./PoolFiles.ts"

/**
 * A phase's name, as `--phase` takes it.
 *
 * @example
 * ```ts
 * import type { PhaseName } from "./Phases.ts"
 * const phase: PhaseName = "1"
 * ```
 * @category models
 */
export type PhaseName = "1" | "2" | "3"

/**
 * What `--phase` accepts.
 *
 * @example
 * ```ts
 * import type { PhaseSelection } from "./Phases.ts"
 * const selection: PhaseSelection = "all"
 * ```
 * @category models
 */
export type PhaseSelection = PhaseName | "all"

/**
 * Each phase as a pure function.
 *
 * @example
 * ```ts
 * import { phaseFunctions } from "./Phases.ts"
 * const next = phaseFunctions["1"]!(state)
 * ```
 * @category phases
 */
export const phaseFunctions: Readonly<Record<PhaseName, (state: State) => State>> = {
  "1": assignClientFolderUuids,
  "2": linkPoolFiles,
  "3": trackAllClients
}

/**
 * The result of running a selection: the final state, which phases ran, and the state after
 * each of them.
 *
 * @example
 * ```ts
 * import type { PhaseRun } from "./Phases.ts"
 * ```
 * @category models
 */
export interface PhaseRun {
  readonly state: State
  readonly ran: ReadonlyArray<PhaseName>
  readonly steps: ReadonlyArray<{ readonly phase: PhaseName; readonly state: State }>
}

/**
 * The phases a selection names, in order.
 *
 * @example
 * ```ts
 * import { phasesOf } from "./Phases.ts"
 * phasesOf("all") // ["1", "2", "3"]
 * ```
 * @category phases
 */
export const phasesOf = (selection: PhaseSelection): ReadonlyArray<PhaseName> =>
  selection === "all" ? ["1", "2", "3"] : [selection]

/**
 * Runs the selected phases in order, keeping the state after each (reports break results
 * down per phase).
 *
 * @example
 * ```ts
 * import { runPhases } from "./Phases.ts"
 * const { state: after, ran } = runPhases(state, "all")
 * ```
 * @category phases
 */
export const runPhases = (state: State, selection: PhaseSelection): PhaseRun => {
  const ran: Array<PhaseName> = []
  const steps: Array<{ phase: PhaseName; state: State }> = []
  let current = state
  for (const phase of phasesOf(selection)) {
    current = phaseFunctions[phase](current)
    ran.push(phase)
    steps.push({ phase, state: current })
  }
  return { state: current, ran, steps }
}
