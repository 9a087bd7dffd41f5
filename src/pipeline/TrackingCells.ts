/**
 * Derives every client's tracking cell from the ledger, so that the CSV (who owns which UUID)
 * and the ledger (which key each UUID is and why) always agree. One exception: a UUID in a
 * client's cell whose file is in review in a conflict that client is one side of
 * (`keptInCell`: the cell and the client folder disagree, or new evidence names someone else)
 * stays in that cell, and in no other, until a person decides.
 *
 * @module
 */
import type { ClientRow } from "../domain/ClientRow.ts"
import type { FileUuid } from "../domain/FileUuid.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import type { IndexedLedger } from "./internal/LedgerIndex.ts"

/**
 * Rewrites tracking cells from the ledger (`ledger.rows` is `state.ledger`). A client that
 * owns a file, or is listed in `track`, becomes tracked; an untracked client that owns nothing
 * stays untracked ("not tracked yet" is information too). Unchanged rows keep their identity.
 *
 * @category tracking
 */
export const syncTrackingCells = (state: State, ledger: IndexedLedger, track: (client: ClientRow) => boolean): State => {
  const owned = ledger.owned()
  const held = heldInReview(ledger)
  const kept = held.size === 0 ? undefined : keptInReview(state.clients, held)
  let changed = false
  const clients = state.clients.map((client) => {
    const uuids = withKept(owned.get(client.rowId) ?? [], kept?.get(client.rowId))
    const tracked = client.tracked || uuids.length > 0 || track(client)
    if (!tracked) return client
    if (client.tracked && sameList(client.uuids, uuids)) return client
    changed = true
    return { ...client, tracked: true, uuids }
  })
  return changed ? { ...state, clients } : state
}

// For each client, the UUIDs in review its cell may keep.
const heldInReview = (ledger: IndexedLedger): ReadonlyMap<RowId, ReadonlySet<FileUuid>> => {
  const held = new Map<RowId, Set<FileUuid>>()
  for (const [uuid, rowIds] of ledger.reviewCandidates()) {
    for (const rowId of rowIds) {
      const set = held.get(rowId)
      if (set) set.add(uuid)
      else held.set(rowId, new Set([uuid]))
    }
  }
  return held
}

// The UUIDs each client's cell keeps in review; one held by two cells is kept by neither.
const keptInReview = (clients: State["clients"], held: ReadonlyMap<RowId, ReadonlySet<FileUuid>>) => {
  const kept = new Map<RowId, Array<FileUuid>>()
  const holders = new Map<FileUuid, number>()
  for (const client of clients) {
    const candidates = held.get(client.rowId)
    if (candidates === undefined) continue
    const keeps = client.uuids.filter((uuid) => candidates.has(uuid))
    if (keeps.length === 0) continue
    kept.set(client.rowId, keeps)
    for (const uuid of keeps) holders.set(uuid, (holders.get(uuid) ?? 0) + 1)
  }
  for (const [rowId, keeps] of kept) kept.set(rowId, keeps.filter((uuid) => holders.get(uuid) === 1))
  return kept
}

// The owned UUIDs, plus those the cell keeps in review, sorted.
const withKept = (owned: ReadonlyArray<FileUuid>, kept: ReadonlyArray<FileUuid> | undefined): ReadonlyArray<FileUuid> =>
  kept === undefined || kept.length === 0 ? owned : [...new Set([...owned, ...kept])].sort()

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a === b || a.length === b.length && a.every((item, i) => item === b[i])
