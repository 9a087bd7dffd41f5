/**
 * Takes phase 1's fresh UUIDs from `state.freshUuids`, in order, passing over any that the
 * state already uses. The program draws them unused (`withFreshUuids`), but a library caller
 * builds the state by hand, and one UUID on two files would lose a file's row, move a row to
 * another client, or give a new file the UUID a tracking cell or a pool name already holds.
 *
 * @internal
 * @module
 */
import type { FileUuid } from "../../domain/FileUuid.ts"
import type { Mapping } from "../../domain/Mapping.ts"
import type { State } from "../../domain/State.ts"
import type { RunIndex } from "../RunIndex.ts"
import { once } from "./Once.ts"

/**
 * What phase 1 draws from: `next()` gives the next usable fresh UUID (undefined when none is
 * left), and `taken` says how many entries of `state.freshUuids` it has gone through.
 *
 * @category models
 */
export interface FreshUuidPicker {
  readonly next: () => FileUuid | undefined
  readonly taken: () => number
}

/**
 * Whether a UUID is one the state already holds: a ledger row's (`rowOf`), a tracking cell's or
 * a UUID-named pool object's. The one rule for both the program, which draws fresh UUIDs, and
 * phase 1, which takes them.
 *
 * @category constructors
 */
export const uuidInUse = (
  state: Pick<State, "clients">,
  rowOf: (uuid: FileUuid) => Mapping | undefined,
  index: Pick<RunIndex, "pool">
): (uuid: FileUuid) => boolean => {
  // Built on the first question: a daily run draws few fresh UUIDs, or none.
  const inCells = once(() => {
    const uuids = new Set<string>()
    for (const client of state.clients) for (const uuid of client.uuids) uuids.add(uuid)
    return uuids
  })
  return (uuid) => rowOf(uuid) !== undefined || index.pool.has(uuid) || inCells().has(uuid)
}

/**
 * A picker over `state.freshUuids`: it passes over a UUID in use (`uuidInUse`) or given out
 * already.
 *
 * @category constructors
 */
export const freshUuidPicker = (
  state: Pick<State, "clients" | "freshUuids">,
  rowOf: (uuid: FileUuid) => Mapping | undefined,
  index: Pick<RunIndex, "pool">
): FreshUuidPicker => {
  const fresh = state.freshUuids
  const held = uuidInUse(state, rowOf, index)
  const given = new Set<FileUuid>()
  let position = 0
  const inUse = (uuid: FileUuid): boolean => given.has(uuid) || held(uuid)
  return {
    next: () => {
      while (position < fresh.length) {
        const uuid = fresh[position++]!
        if (inUse(uuid)) continue
        given.add(uuid)
        return uuid
      }
      return undefined
    },
    taken: () => position
  }
}
