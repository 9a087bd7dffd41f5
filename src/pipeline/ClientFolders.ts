/**
 * Phase 1 (SPEC §2): every object under the folder of a client in the CSV gets a UUID, if the
 * ledger has none for its key, and is mapped to that client.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import { undecidedMapping } from "../domain/Mapping.ts"
import type { State } from "../domain/State.ts"
import { makeKeyClassifier } from "./ClassifyKey.ts"
import { reconcileExistingState } from "./ExistingState.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { clientOrderOf, redecide, replaceEvidence } from "./Redecide.ts"
import { syncTrackingCells } from "./TrackingCells.ts"

/**
 * The client-folder keys that have no UUID yet, in key order: how many fresh UUIDs phase 1
 * will take from `state.freshUuids`.
 *
 * @example
 * ```ts
 * import { keysNeedingUuids } from "./ClientFolders.ts"
 * const needed = keysNeedingUuids(state).length
 * ```
 * @category phases
 */
export const keysNeedingUuids = (state: State): ReadonlyArray<string> => {
  const classify = makeKeyClassifier(new Set(state.clients.map((client) => client.rowId)), state.layout)
  const known = new Set<string>()
  for (const mapping of state.ledger) if (mapping.key !== null) known.add(mapping.key)
  return [...state.objects.keys()]
    .filter((key) => !known.has(key) && classify(key)._tag === "ClientFolder")
    .sort()
}

/**
 * Phase 1. New UUIDs are taken from `state.freshUuids` in key order, so the result does not
 * depend on listing order. Fails loudly (a defect, not bad input) when the program drew too
 * few. Idempotent: a second run finds every key known and changes nothing.
 *
 * @example
 * ```ts
 * import { assignClientFolderUuids } from "./ClientFolders.ts"
 * const next = assignClientFolderUuids(state)
 * ```
 * @category phases
 */
export const assignClientFolderUuids = (input: State): State => {
  const state = reconcileExistingState(input)
  const order = clientOrderOf(state.clients)
  const classify = makeKeyClassifier(new Set(order.keys()), state.layout)
  const book = openLedgerBook(state.ledger)
  const fresh = [...state.freshUuids]
  let taken = 0

  for (const key of [...state.objects.keys()].sort()) {
    const place = classify(key)
    if (place._tag !== "ClientFolder") continue
    const object = state.objects.get(key)!
    const folderEvidence: Evidence = { source: "client-folder", rowId: place.rowId, detail: key }
    const existing = book.byKey(key)
    if (existing !== undefined) {
      book.put(redecide(existing, replaceEvidence(existing.evidence, ["client-folder"], [folderEvidence]), order, true))
      continue
    }
    const uuid = fresh[taken++]
    if (uuid === undefined) throw new Error("assignClientFolderUuids: not enough fresh UUIDs were drawn")
    book.put(redecide(undecidedMapping(uuid, key, object), [folderEvidence], order, true))
  }
  const ledger = book.close()
  const next = ledger === state.ledger && taken === 0 ? state : { ...state, ledger, freshUuids: fresh.slice(taken) }
  return syncTrackingCells(next, () => false)
}
