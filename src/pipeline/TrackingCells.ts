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
import { derivationOf } from "./internal/LedgerIndex.ts"
import { memoOnInput } from "./internal/Memo.ts"
import { keepRoster } from "./Roster.ts"

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
  const owned = ownedUuids(state.ledger)
  let changed = false
  const clients = state.clients.map((client) => {
    const uuids = owned.get(client.rowId) ?? []
    const tracked = client.tracked || uuids.length > 0 || track(client)
    if (!tracked) return client
    if (client.tracked && sameList(client.uuids, uuids)) return client
    changed = true
    return { ...client, tracked: true, uuids }
  })
  if (!changed) return state
  keepRoster(state.clients, clients)
  return { ...state, clients }
}

// Each owner's UUIDs, sorted: built once per ledger array (phases often pass one on as is),
// and taken over from the ledger a book made it from when no owner changed.
const ownedUuids = (ledger: State["ledger"]): ReadonlyMap<RowId, ReadonlyArray<FileUuid>> =>
  ownedByLedger(ledger, undefined, () => {
    const derivation = derivationOf(ledger)
    if (derivation !== undefined && !derivation.ownersChanged) return ownedUuids(derivation.from)
    const owned = new Map<RowId, Array<FileUuid>>()
    for (const mapping of ledger) {
      const owner = ownerOf(mapping)
      if (owner === null) continue
      const list = owned.get(owner)
      if (list) list.push(mapping.uuid)
      else owned.set(owner, [mapping.uuid])
    }
    for (const list of owned.values()) list.sort()
    return owned
  })

const ownedByLedger = memoOnInput<State["ledger"], undefined, ReadonlyMap<RowId, ReadonlyArray<FileUuid>>>()

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a === b || a.length === b.length && a.every((item, i) => item === b[i])
