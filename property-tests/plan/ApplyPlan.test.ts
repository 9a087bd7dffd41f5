import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import type { State } from "../../src/domain/State.ts"
import { applyStateChanges } from "../../src/pipeline/PlanChanges.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { diffStates, hasChanges } from "../../src/pipeline/StateDiff.ts"
import { defaultVerifyOptions } from "../../src/pipeline/Verify.ts"
import { verifyState } from "../../src/pipeline/VerifyState.ts"
import { buildPlanFile, changesOfPlan, decodePlanText } from "../../src/program/PlanFile.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"

const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket" })

const comparable = (state: State) => ({ clients: state.clients, ledger: state.ledger })

// The plan as apply reads it: written to JSON text and decoded again.
const throughPlanFile = (state: State, after: State) => {
  const plan = buildPlanFile({
    createdAt: "2026-01-01T00:00:00.000Z",
    tool: "uuidmap",
    phase: "all",
    ran: ["1", "2", "3"],
    settings,
    clients: { file: "clients.csv", sha256: "0".repeat(64) },
    ledger: { file: "clients.ledger.csv", sha256: null },
    evidence: [],
    objects: [],
    changes: diffStates(state, after)
  })
  return changesOfPlan(Effect.runSync(decodePlanText("plan.json", JSON.stringify(plan, null, 2))))
}

describe("plan and apply", () => {
  it("apply(plan(s)) gives the same clients and ledger as run(s)", () => {
    const reach = makeReach("apply = run")
    fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
      const after = runPhases(state, "all").state
      const changes = diffStates(state, after)
      if (hasChanges(changes)) reach.reached()
      const applied = applyStateChanges(state, changes)
      expect(applied._tag).toBe("Applied")
      if (applied._tag === "Applied") expect(comparable(applied.state)).toEqual(comparable(after))
    })), { numRuns: 300 })
    reach.expectReached(0.7)
  })

  it("apply(plan(s)) gives the same result after the plan went through its JSON file", () => {
    const reach = makeReach("apply through the plan file = run")
    fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
      const after = runPhases(state, "all").state
      const changes = throughPlanFile(state, after)
      if (hasChanges(changes)) reach.reached()
      const applied = applyStateChanges(state, changes)
      expect(applied._tag).toBe("Applied")
      if (applied._tag === "Applied") expect(comparable(applied.state)).toEqual(comparable(after))
    })), { numRuns: 200 })
    reach.expectReached(0.7)
  })

  it("apply(plan(s)) for a single phase gives the same result as running that phase", () => {
    const reach = makeReach("apply = run, one phase")
    fc.assert(fc.property(scenarioArbitrary, fc.constantFrom("1" as const, "2" as const, "3" as const), reach.counted((state, phase) => {
      const after = runPhases(state, phase).state
      const changes = diffStates(state, after)
      if (hasChanges(changes)) reach.reached()
      const applied = applyStateChanges(state, changes)
      expect(applied._tag === "Applied" && comparable(applied.state)).toEqual(comparable(after))
    })), { numRuns: 200 })
    reach.expectReached(0.4)
  })

  it("refuses a plan whose tracking cells or ledger rows are not what the state holds, applying nothing", () => {
    const reach = makeReach("a stale plan is refused")
    fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
      const after = runPhases(state, "all").state
      const changes = diffStates(state, after)
      fc.pre(hasChanges(changes))
      // Applying twice: the second time, every change's "before" is gone.
      const once = applyStateChanges(state, changes)
      if (once._tag !== "Applied") throw new Error("the first application must succeed")
      const twice = applyStateChanges(once.state, changes)
      expect(twice._tag).toBe("Conflict")
      reach.reached()
      if (twice._tag === "Conflict") expect(twice.conflicts.length).toBeGreaterThan(0)
    })), { numRuns: 200 })
    // The cases fc.pre skips (nothing to change) are counted too.
    reach.expectReached(0.6)
  })

  it("the state a run leaves passes verify", () => {
    const reach = makeReach("a run's result passes verify")
    fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
      const after = runPhases(state, "all").state
      if (after.ledger.length > 0) reach.reached()
      const report = verifyState(after, { clients: "clients.csv", ledger: "clients.ledger.csv" }, defaultVerifyOptions)
      const failed = report.checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.offences[0]?.message}`)
      expect(failed).toEqual([])
    })), { numRuns: 300 })
    reach.expectReached(0.7)
  })
})
