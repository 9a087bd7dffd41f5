/**
 * Draws the fresh UUIDs phase 1 will take, making sure none collides with a UUID the state
 * already holds (ledger, tracking cells, pool names), whatever generator is in use.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { FileUuid } from "../domain/FileUuid.ts"
import type { State } from "../domain/State.ts"
import { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import { keysNeedingUuidsIn } from "../pipeline/ClientFolders.ts"
import { uuidInUse } from "../pipeline/internal/FreshUuidPicker.ts"
import { indexLedger } from "../pipeline/internal/LedgerIndex.ts"
import { ledgerUuidLookup } from "../pipeline/LedgerLookups.ts"
import { buildRunIndex, type RunIndex } from "../pipeline/RunIndex.ts"

/**
 * Whether a UUID is one the state already holds (a pool name, a ledger row, a tracking cell),
 * by the rule phase 1 applies when it takes them (`uuidInUse`).
 *
 * @category uuids
 */
export const usedUuids = (state: State, index: RunIndex): (uuid: string) => boolean => {
  const inUse = uuidInUse(state, ledgerUuidLookup(indexLedger(state.ledger)), index)
  return (uuid) => inUse(uuid as FileUuid)
}

/**
 * Returns the state with exactly as many unused fresh UUIDs as phase 1 needs (`index` is the
 * run's index of the state's inputs, built here when not given).
 *
 * @category uuids
 */
export const withFreshUuids = (state: State, index: RunIndex = buildRunIndex(state)): Effect.Effect<State, never, UuidGenerator> =>
  Effect.gen(function*() {
    const generator = yield* UuidGenerator
    const needed = keysNeedingUuidsIn(index, indexLedger(state.ledger)).length
    if (needed === 0) return state.freshUuids.length === 0 ? state : { ...state, freshUuids: [] }
    const isUsed = usedUuids(state, index)
    const fresh = new Set<FileUuid>()
    while (fresh.size < needed) {
      for (const uuid of yield* generator.draw(needed - fresh.size)) {
        if (!isUsed(uuid)) fresh.add(uuid)
      }
    }
    return { ...state, freshUuids: [...fresh] }
  })
