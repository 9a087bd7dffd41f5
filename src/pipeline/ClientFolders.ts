/**
 * Phase 1 (SPEC §2): every object under the folder of a client in the CSV gets a UUID, if the
 * ledger has none for its key, and is mapped to that client.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { finishStep, reconcileStep } from "./ExistingState.ts"
import { freshUuidPicker } from "./internal/FreshUuidPicker.ts"
import { type IndexedLedger, indexLedger } from "./internal/LedgerIndex.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { hasOneRowPerUuid, ledgerKeyLookup, ledgerUuidLookup } from "./LedgerLookups.ts"
import { type PhaseStep, startStep } from "./PhaseStep.ts"
import { decideNew, redecide, replaceEvidence } from "./Redecide.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"
import { syncTrackingCells } from "./TrackingCells.ts"

/**
 * The client-folder keys that have no UUID yet, in key order: how many fresh UUIDs phase 1
 * will take from `state.freshUuids`.
 *
 * @example How many UUIDs to draw before phase 1
 * ```ts
 * import assert from "node:assert/strict"
 * import { keysNeedingUuids, makeState, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const key = unsafeObjectKey("502/a.pdf")
 * const state = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]])
 * })
 * assert.deepStrictEqual(keysNeedingUuids(state), ["502/a.pdf"])
 * ```
 * @category phases
 */
export const keysNeedingUuids = (state: State): ReadonlyArray<string> => keysNeedingUuidsIn(buildRunIndex(state), indexLedger(state.ledger))

/**
 * `keysNeedingUuids` on a run's index and the state's ledger, indexed.
 *
 * @category phases
 */
export const keysNeedingUuidsIn = (index: RunIndex, ledger: IndexedLedger): ReadonlyArray<string> => {
  const find = ledgerKeyLookup(ledger)
  return index.catalogue.folderKeys.filter((key) => find(key) === undefined)
}

/**
 * How many more fresh UUIDs phase 1 needs than `state.freshUuids` holds unused: 0 when it has
 * enough. A UUID the state already uses (a ledger row, a tracking cell, a pool file, or earlier
 * in the list) does not count, since phase 1 passes over it.
 *
 * @example Counting the fresh UUIDs a state still lacks
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, unsafeObjectKey, unsafeRowId } from "uuidmap"
 * import { freshUuidsMissing } from "./ClientFolders.ts"
 *
 * const key = unsafeObjectKey("502/a.pdf")
 * const state = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]])
 * })
 * assert.equal(freshUuidsMissing(state), 1)
 * ```
 * @category phases
 */
export const freshUuidsMissing = (state: State): number => {
  const index = buildRunIndex(state)
  const ledger = indexLedger(state.ledger)
  const needed = keysNeedingUuidsIn(index, ledger).length
  const picker = freshUuidPicker(state, ledgerUuidLookup(ledger), index)
  let usable = 0
  while (usable < needed && picker.next() !== undefined) usable++
  return needed - usable
}

/**
 * Phase 1. New UUIDs are taken from `state.freshUuids` in key order, so the result does not
 * depend on listing order. A UUID the state already uses (a ledger row, a tracking cell, a pool
 * file, or one taken already) is passed over, so no UUID ever lands on two files. Fails loudly
 * (a defect, not bad input) when too few unused ones were drawn. Idempotent: a second run finds
 * every key known and changes nothing.
 *
 * @example Phase 1 takes the UUIDs drawn for it
 * ```ts
 * import assert from "node:assert/strict"
 * import { assignClientFolderUuids, type FileUuid, keysNeedingUuids, makeState, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const key = unsafeObjectKey("502/a.pdf")
 * const state = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]])
 * })
 * const drawn = keysNeedingUuids(state).map((_, i) => `00000000-0000-4000-8000-00000000000${i + 1}` as FileUuid)
 * const next = assignClientFolderUuids({ ...state, freshUuids: drawn })
 * assert.equal(next.ledger[0]?.status, "mapped")
 * assert.deepStrictEqual(next.clients[0]?.uuids, ["00000000-0000-4000-8000-000000000001"])
 * assert.deepStrictEqual(keysNeedingUuids(next), []) // a second run takes none
 * ```
 * @category phases
 */
export const assignClientFolderUuids = (input: State): State => clientFolderStep(startStep(input), buildRunIndex(input)).state

/**
 * Phase 1 within a run, on the run's index.
 *
 * @category phases
 */
export const clientFolderStep = (input: PhaseStep, index: RunIndex): PhaseStep => {
  const reconciled = reconcileStep(input, index)
  const { state } = reconciled
  const { order } = index
  const { folderKeys, folderRowIds, folderObjects } = index.catalogue
  // Each key is visited once, and a fresh UUID is one no row has: each UUID is put once.
  const book = openLedgerBook(reconciled.ledger, { eachUuidOnce: true })
  const given = ledgerKeyLookup(reconciled.ledger)
  // With one row per UUID, each put below touches the row at the key being visited only (a
  // fresh UUID is one no row has), so the ledger as given answers every lookup, cheaply.
  const oneRowPerUuid = hasOneRowPerUuid(reconciled.ledger)
  const picker = freshUuidPicker(state, ledgerUuidLookup(reconciled.ledger), index)

  for (let i = 0; i < folderKeys.length; i++) {
    const key = folderKeys[i]!
    const rowId = folderRowIds[i]!
    const existing = oneRowPerUuid ? given(key) : book.byKey(key)
    if (existing !== undefined) {
      // Evidence that is already just this folder (the usual case on a later run) is kept as is.
      const evidence = isOnlyFolder(existing.evidence, rowId, key)
        ? existing.evidence
        : replaceEvidence(existing.evidence, ["client-folder"], [folderEvidence(rowId, key)])
      const next = redecide(existing, evidence, order, true)
      if (next !== existing) book.put(next)
      continue
    }
    const uuid = picker.next()
    if (uuid === undefined) {
      throw new Error(
        "assignClientFolderUuids: not enough fresh UUIDs were drawn (state.freshUuids needs one per key of keysNeedingUuids, " +
          "none of them already held by a ledger row, a tracking cell or a pool file)"
      )
    }
    book.replace(decideNew(uuid, key, folderObjects[i], [folderEvidence(rowId, key)], order), undefined)
  }
  const ledger = book.close()
  const taken = picker.taken()
  const next = ledger === reconciled.ledger && taken === 0 ? state : { ...state, ledger: ledger.rows, freshUuids: state.freshUuids.slice(taken) }
  return finishStep(syncTrackingCells(next, ledger, () => false), ledger, index)
}

const folderEvidence = (rowId: RowId, key: string): Evidence => ({ source: "client-folder", rowId, detail: key })

const isOnlyFolder = (evidence: ReadonlyArray<Evidence>, rowId: RowId, key: string): boolean =>
  evidence.length === 1 && evidence[0]!.source === "client-folder" && evidence[0]!.rowId === rowId && evidence[0]!.detail === key
