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
import { poolKeysByUuid } from "../pipeline/ExistingState.ts"
import { keysNeedingUuids } from "../pipeline/ClientFolders.ts"

/**
 * Every UUID a state already holds.
 *
 * @category uuids
 */
export const usedUuids = (state: State): ReadonlySet<string> => {
  const used = new Set<string>(poolKeysByUuid(state).keys())
  for (const mapping of state.ledger) used.add(mapping.uuid)
  for (const client of state.clients) for (const uuid of client.uuids) used.add(uuid)
  return used
}

/**
 * Returns the state with exactly as many unused fresh UUIDs as phase 1 needs.
 *
 * @category uuids
 */
export const withFreshUuids = (state: State): Effect.Effect<State, never, UuidGenerator> =>
  Effect.gen(function*() {
    const generator = yield* UuidGenerator
    const needed = keysNeedingUuids(state).length
    const used = usedUuids(state)
    const fresh = new Set<FileUuid>()
    while (fresh.size < needed) {
      for (const uuid of yield* generator.draw(needed - fresh.size)) {
        if (!used.has(uuid)) fresh.add(uuid)
      }
    }
    return { ...state, freshUuids: [...fresh] }
  })
