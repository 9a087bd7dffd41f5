/**
 * Honours what earlier runs and people left behind (SPEC §2, "Existing state") before any
 * phase does its own work:
 * - each ledger row gets the facts of its object as listed now, and becomes `missing` when the
 *   object is gone (it is never dropped);
 * - a UUID in a client's tracking cell is that client's file: when the ledger does not know it,
 *   its key is found in the pool (`files/<uuid>` with any extension), and when no object has
 *   it, it is kept as `missing`. A UUID claimed by two clients goes to review.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { type Mapping, ownerOf, undecidedMapping } from "../domain/Mapping.ts"
import { fileName, type ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { clientOrderOf, redecide, replaceEvidence } from "./Redecide.ts"

/**
 * Finds each pool object by the UUID in its name. When two objects carry one UUID, the first
 * by key wins (the loader reports the other).
 *
 * @example
 * ```ts
 * import { poolKeysByUuid } from "./ExistingState.ts"
 * const index = poolKeysByUuid(state)
 * ```
 * @category indexing
 */
export const poolKeysByUuid = (state: State): ReadonlyMap<FileUuid, ObjectKey> => {
  const index = new Map<FileUuid, ObjectKey>()
  const prefix = state.layout.poolPrefix
  for (const key of [...state.objects.keys()].sort()) {
    if (!key.startsWith(prefix)) continue
    const uuid = uuidFromFileName(fileName(key))
    if (uuid !== undefined && !index.has(uuid)) index.set(uuid, key)
  }
  return index
}

const withFacts = (mapping: Mapping, object: StoredObject): Mapping =>
  mapping.size === object.size && mapping.etag === object.etag && mapping.lastModified === object.lastModified
    ? mapping
    : { ...mapping, size: object.size, etag: object.etag, lastModified: object.lastModified }

/**
 * Reconciles the ledger and the tracking cells with the listing. Idempotent, and run at the
 * start of every phase so each phase honours the existing state on its own.
 *
 * @example
 * ```ts
 * import { reconcileExistingState } from "./ExistingState.ts"
 * const next = reconcileExistingState(state)
 * ```
 * @category phases
 */
export const reconcileExistingState = (state: State): State => {
  const order = clientOrderOf(state.clients)
  const book = openLedgerBook(state.ledger)
  const pool = poolKeysByUuid(state)

  for (const mapping of [...book.all()]) {
    const key = mapping.key ?? pool.get(mapping.uuid) ?? null
    const object = key === null ? undefined : state.objects.get(key)
    const located = key === mapping.key ? mapping : { ...mapping, key }
    const refreshed = object === undefined ? mapping : withFacts(located, object)
    const present = object !== undefined
    const wasPresent = mapping.status !== "missing"
    book.put(present === wasPresent && refreshed.key === mapping.key ? refreshed : redecide(refreshed, refreshed.evidence, order, present))
  }

  for (const [uuid, claimants] of cellClaims(state)) {
    const existing = book.byUuid(uuid)
    // A claim the ledger already explains (same owner, backed by evidence) adds nothing.
    if (
      existing !== undefined && claimants.length === 1 && ownerOf(existing) === claimants[0] &&
      existing.evidence.some((item) => item.rowId === claimants[0])
    ) continue
    const claims: Array<Evidence> = claimants.map((rowId) => ({ source: "tracking-cell", rowId, detail: `tracking cell of client ${rowId}` }))
    const key = pool.get(uuid) ?? null
    const base: Mapping = existing ?? undecidedMapping(uuid, key, key === null ? undefined : state.objects.get(key))
    const evidence = replaceEvidence(base.evidence, ["tracking-cell"], claims)
    const present = base.key !== null && state.objects.has(base.key)
    book.put(redecide(base, evidence, order, present))
  }
  const ledger = book.close()
  return ledger === state.ledger ? state : { ...state, ledger }
}

/**
 * Which clients' tracking cells hold each UUID, in CSV order.
 *
 * @example
 * ```ts
 * import { cellClaims } from "./ExistingState.ts"
 * const claimants = cellClaims(state).get(uuid) ?? []
 * ```
 * @category indexing
 */
export const cellClaims = (state: State): ReadonlyMap<FileUuid, ReadonlyArray<RowId>> => {
  const claims = new Map<FileUuid, Array<RowId>>()
  for (const client of state.clients) {
    for (const uuid of client.uuids) {
      const list = claims.get(uuid)
      if (list) list.push(client.rowId)
      else claims.set(uuid, [client.rowId])
    }
  }
  return claims
}
