/**
 * The `plan` program: load the state as `run` does, run the phases, and describe the result as
 * a plan file, writing nothing but the plan. Evidence files are fingerprinted before the state
 * is loaded, so a file edited in between makes the plan stale rather than silently wrong.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { PlanFile } from "../domain/Plan.ts"
import type { State } from "../domain/State.ts"
import type { PhaseName, PhaseSelection } from "../pipeline/Phases.ts"
import { runPhasesIn } from "../pipeline/Phases.ts"
import { diffStates, type StateChanges } from "../pipeline/StateDiff.ts"
import { fingerprintBytes, fingerprintDigest, fingerprintFile, fingerprintObjects, touchedKeys } from "./Fingerprint.ts"
import { loadRun } from "./LoadState.ts"
import { buildPlanFile } from "./PlanFile.ts"
import type { Settings } from "./Settings.ts"

/**
 * A computed plan, with the states it goes between (for the diff and the metrics).
 *
 * @category models
 */
interface PlannedRun {
  readonly plan: PlanFile
  readonly before: State
  readonly after: State
  readonly changes: StateChanges
  readonly ran: ReadonlyArray<PhaseName>
}

/**
 * The evidence files of a run, in the order the plan records them.
 *
 * @category plans
 */
export const evidenceFilesOf = (settings: Settings): ReadonlyArray<string> => [
  ...settings.evidence.migrationLogs,
  ...settings.evidence.records
]

/**
 * Computes the plan. Fails like `run` on bad input or an unreachable store; writes nothing.
 *
 * @category programs
 */
export const makePlan = Effect.fn("uuidmap.makePlan")(function*(settings: Settings, phase: PhaseSelection) {
  const evidence = yield* Effect.forEach(evidenceFilesOf(settings), fingerprintFile)
  const loaded = yield* loadRun(settings, phase)
  const run = runPhasesIn(loaded.state, phase, loaded.index)
  const changes = diffStates(loaded.state, run.state)
  const now = new Date(yield* Clock.currentTimeMillis)
  const plan = buildPlanFile({
    createdAt: now.toISOString(),
    tool: "uuidmap",
    phase,
    ran: run.ran,
    settings,
    clients: fingerprintBytes(settings.clientsFile, loaded.clientsBytes),
    ledger: fingerprintDigest(settings.ledgerFile, loaded.ledgerDigest),
    evidence,
    objects: fingerprintObjects(touchedKeys(changes), loaded.state.objects),
    changes
  })
  const planned: PlannedRun = { plan, before: loaded.state, after: run.state, changes, ran: run.ran }
  return planned
})
