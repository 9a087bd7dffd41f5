/**
 * Phase 1 passes over fresh UUIDs the state already uses. A library caller may hand it UUIDs
 * that a ledger row, a tracking cell or a pool file has, or the same UUID twice; taking one
 * would put one UUID on two files. The property: a list polluted with such UUIDs gives the same
 * ledger and cells as the clean list, and no UUID ends up on two rows.
 */
import { describe, expect, it } from "vitest"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { State } from "../../src/domain/State.ts"
import { assignClientFolderUuids, keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { buildRunIndex } from "../../src/pipeline/RunIndex.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"

const usedBy = (state: State): ReadonlyArray<FileUuid> => [
  ...state.ledger.map((mapping) => mapping.uuid),
  ...state.clients.flatMap((client) => client.uuids),
  ...buildRunIndex(state).pool.keys()
]

// The clean list with UUIDs already in use slipped in: before each clean UUID, maybe one that the
// state uses or a repeat of a clean UUID given out earlier. After the clean ones, a few more.
const polluted = (clean: ReadonlyArray<FileUuid>, used: ReadonlyArray<FileUuid>, picks: ReadonlyArray<number>): Array<FileUuid> => {
  const out: Array<FileUuid> = []
  for (let i = 0; i < Math.max(clean.length, picks.length); i++) {
    const pick = picks[i]
    const extra = [...used, ...clean.slice(0, i)]
    if (pick !== undefined && pick % 3 !== 0 && extra.length > 0) out.push(extra[pick % extra.length]!)
    if (i < clean.length) out.push(clean[i]!)
  }
  return out
}

describe("phase 1 and fresh UUIDs already in use", () => {
  it("gives the same result as the clean list, with no UUID on two rows", () => {
    const reach = makeReach("fresh UUIDs already in use are passed over")
    const picks = fc.array(fc.nat(), { maxLength: 20 })
    fc.assert(fc.property(scenarioArbitrary, picks, reach.counted((state, chosen) => {
      const used = usedBy(state)
      const list = polluted(state.freshUuids, used, chosen)
      if (list.length === state.freshUuids.length) return
      if (keysNeedingUuids(state).length > 0 && used.length > 0) reach.reached()
      const dirty = assignClientFolderUuids({ ...state, freshUuids: list })
      const clean = assignClientFolderUuids(state)
      expect(dirty.ledger).toEqual(clean.ledger)
      expect(dirty.clients).toEqual(clean.clients)
      const after = runPhases({ ...state, freshUuids: list }, "all").state
      const uuids = after.ledger.map((mapping) => mapping.uuid)
      expect(new Set(uuids).size).toBe(uuids.length)
      expect(keysNeedingUuids(after)).toEqual([])
    })), { numRuns: 300 })
    // About one case in six has both keys needing a UUID and UUIDs in use to slip in.
    reach.expectReached(0.08)
  })
})
