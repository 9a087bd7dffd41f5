import { keptInCell } from "../../src/pipeline/CellsInReview.ts"
import { describe, expect, it } from "vitest"
import { ownerOf } from "../../src/domain/Mapping.ts"
import type { State } from "../../src/domain/State.ts"
import { trackAllClients } from "../../src/pipeline/AllClients.ts"
import { assignClientFolderUuids } from "../../src/pipeline/ClientFolders.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { reorderObjects, scenarioArbitrary } from "../arbitraries/Scenario.ts"

const phases: ReadonlyArray<readonly [string, (state: State) => State]> = [
  ["phase 1", assignClientFolderUuids],
  ["phase 3", trackAllClients],
  ["all phases", (state) => runPhases(state, "all").state]
]

const comparable = (state: State) => ({ clients: state.clients, ledger: state.ledger, freshUuids: state.freshUuids })

describe("pipeline invariants", () => {
  for (const [name, phase] of phases) {
    it(`${name}: no file maps to two clients`, () => {
      const reach = makeReach(`${name}: one owner per file`)
      fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
        const next = phase(state)
        const owners = new Map<string, string>()
        for (const c of next.clients) {
          for (const id of c.uuids) {
            expect(owners.get(id) ?? c.rowId).toBe(c.rowId)
            owners.set(id, c.rowId)
          }
        }
        const uuids = new Set<string>()
        const keys = new Set<string>()
        for (const m of next.ledger) {
          expect(uuids.has(m.uuid)).toBe(false)
          uuids.add(m.uuid)
          if (m.key !== null) {
            expect(keys.has(m.key)).toBe(false)
            keys.add(m.key)
          }
          // The CSV and the ledger agree on every owner; one cell may keep a file in review
          // that names its client as a candidate, until a person decides.
          const owner = ownerOf(m)
          const cellOwner = owners.get(m.uuid) ?? null
          if (cellOwner !== null && keptInCell(m.status, m.evidence, cellOwner)) continue
          expect(cellOwner).toBe(owner)
          if (owner !== null) reach.reached()
        }
      })), { numRuns: 300 })
      reach.expectReached(0.5)
    })

    it(`${name}: is idempotent`, () => {
      const reach = makeReach(`${name}: idempotent`)
      fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
        const once = phase(state)
        // A case where the phase did something is one where idempotence means something.
        if (once.ledger !== state.ledger || once.clients !== state.clients) reach.reached()
        expect(comparable(phase(once))).toEqual(comparable(once))
      })), { numRuns: 300 })
      reach.expectReached(0.5)
    })

    it(`${name}: never changes or drops a UUID once written`, () => {
      const reach = makeReach(`${name}: UUIDs kept`)
      fc.assert(fc.property(scenarioArbitrary, reach.counted((state) => {
        const next = phase(state)
        const byUuid = new Map(next.ledger.map((m) => [m.uuid, m]))
        for (const m of state.ledger) {
          reach.reached()
          expect(byUuid.has(m.uuid)).toBe(true)
          if (m.key !== null) expect(byUuid.get(m.uuid)!.key).toBe(m.key)
        }
        for (const c of state.clients) for (const id of c.uuids) expect(byUuid.has(id)).toBe(true)
      })), { numRuns: 300 })
      reach.expectReached(0.3)
    })

    it(`${name}: does not depend on listing order`, () => {
      const reach = makeReach(`${name}: listing order`)
      fc.assert(fc.property(scenarioArbitrary, fc.nat(), reach.counted((state, seed) => {
        if (state.objects.size > 1) reach.reached()
        expect(comparable(phase(reorderObjects(state, seed)))).toEqual(comparable(phase(state)))
      })), { numRuns: 200 })
      reach.expectReached(0.5)
    })
  }
})
