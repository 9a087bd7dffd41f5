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
import { indexLedger } from "../pipeline/internal/LedgerIndex.ts"
import { buildRunIndex, type RunIndex } from "../pipeline/RunIndex.ts"

/**
 * Every UUID a state already holds.
 *
 * @category uuids
 */
export const usedUuids = (state: State, index: RunIndex): ReadonlySet<string> => {
  const used = new Set<string>(index.pool.keys())
  for (const mapping of state.ledger) used.add(mapping.uuid)
  for (const client of state.clients) for (const uuid of client.uuids) used.add(uuid)
  return used
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
    const used = usedUuids(state, index)
    const fresh = new Set<FileUuid>()
    while (fresh.size < needed) {
      for (const uuid of yield* generator.draw(needed - fresh.size)) {
        if (!used.has(uuid)) fresh.add(uuid)
      }
    }
    return { ...state, freshUuids: [...fresh] }
  })
