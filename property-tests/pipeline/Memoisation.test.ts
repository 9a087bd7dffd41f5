/**
 * The phases remember indexes of their inputs (sorted keys, the pool, ledger indexes, rosters,
 * reconciled states) by identity. Nothing of that may show: running every phase on a fresh
 * copy of its input (new maps, arrays and objects, so nothing is remembered) gives the same
 * result as running them on the shared values, first run and second run alike.
 */
import { describe, expect, it } from "vitest"
import type { State } from "../../src/domain/State.ts"
import { computeMetrics } from "../../src/pipeline/Metrics.ts"
import { phaseFunctions, phasesOf, runPhases } from "../../src/pipeline/Phases.ts"
import { keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"
import { phase2WorldArbitrary } from "../phase2/Phase2Scenario.ts"
import { handEditedArbitrary, untrackedCellsArbitrary } from "./OddScenarios.ts"

// A deep copy sharing no map, array or record with the original.
const detached = (state: State): State => ({
  ...state,
  clients: state.clients.map((client) => ({ ...client, uuids: [...client.uuids] })),
  objects: new Map([...state.objects].map(([key, object]) => [key, { ...object }])),
  ledger: state.ledger.map((mapping) => ({ ...mapping, evidence: mapping.evidence.map((item) => ({ ...item })) })),
  findings: [...state.findings],
  freshUuids: [...state.freshUuids]
})

const everything = (state: State) => ({
  clients: state.clients,
  ledger: state.ledger,
  findings: state.findings,
  freshUuids: state.freshUuids
})

// The phases of "all", each on a fresh copy of what the one before returned.
const runDetached = (state: State): ReadonlyArray<State> => {
  const states: Array<State> = []
  let current = state
  for (const phase of phasesOf("all")) {
    current = phaseFunctions[phase](detached(current))
    states.push(current)
  }
  return states
}

const reach = makeReach("remembered indexes change no result")

const agree = (state: State): void => {
  const shared = runPhases(state, "all")
  // A run that made ledger rows is one whose remembered indexes were used.
  if (shared.state.ledger.length > 0) reach.reached()
  const fresh = runDetached(detached(state))
  expect(shared.steps.map((step) => everything(step.state))).toEqual(fresh.map(everything))
  expect(computeMetrics(shared.state)).toEqual(computeMetrics(detached(fresh.at(-1)!)))
  const again = runPhases(shared.state, "all")
  const freshAgain = runDetached(detached(fresh.at(-1)!))
  expect(again.steps.map((step) => everything(step.state))).toEqual(freshAgain.map(everything))
  expect(keysNeedingUuids(state)).toEqual(keysNeedingUuids(detached(state)))
}

describe("remembered indexes change no result", () => {
  it("on generated scenarios", () => {
    fc.assert(fc.property(scenarioArbitrary, reach.counted(agree)), { numRuns: 300 })
  })

  it("on phase-2 worlds", () => {
    fc.assert(fc.property(phase2WorldArbitrary, reach.counted((world) => agree(world.state))), { numRuns: 300 })
  })

  it("on scenarios with untracked clients whose cells hold UUIDs", () => {
    fc.assert(fc.property(untrackedCellsArbitrary, reach.counted(agree)), { numRuns: 300 })
  })

  it("on scenarios with a ledger edited by hand", () => {
    fc.assert(fc.property(handEditedArbitrary, reach.counted(agree)), { numRuns: 300 })
  })

  it("on ledgers out of canonical order", () => {
    fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
      if (state.ledger.length > 1) reach.reached()
      agree({ ...state, ledger: [...state.ledger].reverse() })
    })), { numRuns: 200 })
  })

  it("reached a run with ledger rows in most cases", () => {
    reach.expectReached(0.6)
  })
})
