/**
 * Generated states that phases must handle although their own runs never produce them: CSV
 * rows that hold UUIDs while their count cell is empty, and ledgers edited by hand.
 */
import type { State } from "../../src/domain/State.ts"
import { keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { uuid } from "../../test/support/StateBuilder.ts"
import { fc } from "../arbitraries/fc.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"

/** Every other client untracked ("not tracked yet"), keeping whatever its cell holds. */
export const untrackedCellsArbitrary: fc.Arbitrary<State> = scenarioArbitrary.map((state) => ({
  ...state,
  clients: state.clients.map((client, i) => (i % 2 === 0 ? { ...client, tracked: false } : client))
}))

/**
 * A ledger edited by hand: rows said missing, with other facts, without their key, or owned by
 * a client their evidence does not name.
 */
export const handEditedArbitrary: fc.Arbitrary<State> = fc
  .tuple(scenarioArbitrary, fc.array(fc.tuple(fc.nat(20), fc.nat(3)), { maxLength: 4 }))
  .map(([state, edits]) => {
    const ledger = [...state.ledger]
    for (const [index, kind] of edits) {
      const row = ledger[index % Math.max(ledger.length, 1)]
      if (row === undefined) continue
      const other = state.clients[index % state.clients.length]!.rowId
      ledger[index % ledger.length] = kind === 0
        ? { ...row, status: "missing" }
        : kind === 1
        ? { ...row, size: 1, etag: "\"x\"" }
        : kind === 2
        ? { ...row, key: null }
        : { ...row, status: "mapped", rowId: other }
    }
    // Keys the ledger no longer knows need fresh UUIDs.
    const edited = { ...state, ledger }
    return { ...edited, freshUuids: keysNeedingUuids(edited).map((_, i) => uuid(3000 + i)) }
  })
