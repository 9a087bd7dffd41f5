/**
 * Derives every client's tracking cell from the ledger, so that the CSV (who owns which UUID)
 * and the ledger (which key each UUID is and why) always agree.
 *
 * @module
 */
import type { ClientRow } from "../domain/ClientRow.ts"
import type { FileUuid } from "../domain/FileUuid.ts"
import { ownerOf } from "../domain/Mapping.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"

/**
 * Rewrites tracking cells from the ledger. A client that owns a file, or is listed in
 * `track`, becomes tracked; an untracked client that owns nothing stays untracked ("not
 * tracked yet" is information too). Unchanged rows keep their identity.
 *
 * @example
 * ```ts
 * import { syncTrackingCells } from "./TrackingCells.ts"
 * const next = syncTrackingCells(state, () => false)
 * ```
 * @category tracking
 */
export const syncTrackingCells = (state: State, track: (client: ClientRow) => boolean): State => {
  const owned = new Map<RowId, Array<FileUuid>>()
  for (const mapping of state.ledger) {
    const owner = ownerOf(mapping)
    if (owner === null) continue
    const list = owned.get(owner)
    if (list) list.push(mapping.uuid)
    else owned.set(owner, [mapping.uuid])
  }
  let changed = false
  const clients = state.clients.map((client) => {
    const uuids = (owned.get(client.rowId) ?? []).sort()
    const tracked = client.tracked || uuids.length > 0 || track(client)
    if (!tracked) return client
    if (client.tracked && sameList(client.uuids, uuids)) return client
    changed = true
    return { ...client, tracked: true, uuids }
  })
  return changed ? { ...state, clients } : state
}

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])
