/**
 * What lets a phase skip `reconcileExistingState` on the result of the phase before (see
 * `knownReconciled`): reconciling a phase's result gives exactly what reconciling a copy of it
 * gives (the copy is not recognised, so the reconciliation really runs), and in the usual case
 * (no untracked client holding UUIDs) a phase's result is reconciled already.
 */
import { describe, expect, it } from "vitest"
import type { State } from "../../src/domain/State.ts"
import { reconcileExistingState } from "../../src/pipeline/ExistingState.ts"
import { phaseFunctions, runPhases } from "../../src/pipeline/Phases.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"
import { phase2WorldArbitrary } from "../phase2/Phase2Scenario.ts"
import { handEditedArbitrary, untrackedCellsArbitrary } from "./OddScenarios.ts"

// Every part of a state, as plain data.
const everything = (state: State) => ({
  clients: state.clients,
  objects: [...state.objects],
  ledger: state.ledger,
  findings: state.findings,
  freshUuids: state.freshUuids,
  layout: state.layout,
  evidence: state.evidence
})

const worlds: ReadonlyArray<readonly [string, fc.Arbitrary<State>, boolean]> = [
  ["generated scenarios", scenarioArbitrary, true],
  ["phase-2 worlds", phase2WorldArbitrary.map((world) => world.state), true],
  ["scenarios with untracked clients whose cells hold UUIDs", untrackedCellsArbitrary, false],
  ["scenarios with a ledger edited by hand", handEditedArbitrary, false]
]

// The results of every phase alone, and of every step of all phases run twice.
const results = (state: State): ReadonlyArray<State> => {
  const first = runPhases(state, "all")
  const second = runPhases(first.state, "all")
  return [
    ...(["1", "2", "3"] as const).map((phase) => phaseFunctions[phase](state)),
    ...[...first.steps, ...second.steps].map((step) => step.state)
  ]
}

describe("reconciling a phase's result", () => {
  for (const [name, arbitrary, settled] of worlds) {
    it(`gives what reconciling a copy of it gives, on ${name}`, () => {
      const reach = makeReach(`reconcile a copy, ${name}`)
      fc.assert(fc.property(arbitrary, reach.counted((state) => {
        for (const result of results(state)) {
          if (result.ledger.length > 0) reach.reached()
          expect(everything(reconcileExistingState(result))).toEqual(everything(reconcileExistingState({ ...result })))
        }
      })), { numRuns: 400 })
      reach.expectReached(0.5)
    })

    if (settled) {
      it(`changes nothing, on ${name}`, () => {
        const reach = makeReach(`reconcile changes nothing, ${name}`)
        fc.assert(fc.property(arbitrary, reach.counted((state) => {
          for (const result of results(state)) {
            if (result.ledger.length > 0) reach.reached()
            expect(everything(reconcileExistingState({ ...result }))).toEqual(everything(result))
          }
        })), { numRuns: 400 })
        reach.expectReached(0.5)
      })
    }
  }
})
