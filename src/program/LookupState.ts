/**
 * The current state, as `run` would leave it, without writing anything: load through the
 * services, run every phase in memory. `lookup`, `files` and the review commands all start
 * here, so what they show is what a run would write.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { runPhasesIn } from "../pipeline/Phases.ts"
import { loadRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"

/**
 * Loads a run and runs all phases on it.
 *
 * @category programs
 */
export const loadCurrentState = Effect.fn("uuidmap.loadCurrentState")(function*(settings: Settings) {
  const loaded = yield* loadRun(settings, "all")
  return { loaded, state: runPhasesIn(loaded.state, "all", loaded.index).state }
})
