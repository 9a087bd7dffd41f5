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
import { type Mapping, ownerOf, undecidedMapping } from "../domain/Mapping.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { keptInCell } from "./CellsInReview.ts"
import type { IndexedLedger } from "./internal/LedgerIndex.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { hasOneRowPerUuid } from "./LedgerLookups.ts"
import { type PhaseStep, startStep } from "./PhaseStep.ts"
import { redecide, replaceEvidence } from "./Redecide.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"

const withFacts = (mapping: Mapping, object: StoredObject): Mapping =>
  mapping.size === object.size && mapping.etag === object.etag && mapping.lastModified === object.lastModified
    ? mapping
    : { ...mapping, size: object.size, etag: object.etag, lastModified: object.lastModified }

/**
 * Ends a phase: its state and ledger, marked reconciled when it is certain that the state is
 * a fixpoint of `reconcileExistingState`, so the next phase skips the pass over the whole
 * ledger. A phase starts from a reconciled state and only adds or redecides rows of listed
 * objects, so each row is already located and up to date; what is left to know is whether the
 * tracking cells claim only what the ledger explains. That is so when no untracked client
 * holds UUIDs (every other cell is its client's files, as `syncTrackingCells` wrote them),
 * every owned row's evidence names its owner, and each UUID and row id is on one row.
 * Otherwise the next phase reconciles as usual. The property tests in
 * property-tests/pipeline/ReconcileFixpoint.test.ts check it.
 *
 * @category phases
 */
export const finishStep = (state: State, ledger: IndexedLedger, index: RunIndex): PhaseStep => {
  const { clients } = state
  const reconciled = clients.every((client) => client.tracked || client.uuids.length === 0) &&
    index.order.size === clients.length &&
    ledger.sorted && hasOneRowPerUuid(ledger) && ledger.ownersNamed()
  return { state, ledger, reconciled }
}

/**
 * Reconciles the ledger and the tracking cells with the listing. Idempotent, and run at the
 * start of every phase so each phase honours the existing state on its own.
 *
 * @category phases
 */
export const reconcileExistingState = (state: State): State => reconcileStep(startStep(state), buildRunIndex(state)).state

/**
 * `reconcileExistingState` within a run: a step known to be reconciled is returned as it is.
 *
 * @category phases
 */
export const reconcileStep = (step: PhaseStep, index: RunIndex): PhaseStep => {
  if (step.reconciled) return step
  const { state } = step
  const { order, pool } = index
  const book = openLedgerBook(step.ledger)

  // A canonical ledger's rows are what a fresh book holds: walked as they are, not copied.
  const rows = step.ledger.sorted && step.ledger.uniqueUuids() ? step.ledger.rows : [...book.all()]
  let replaced = 0
  for (const mapping of rows) {
    const key = mapping.key ?? pool.get(mapping.uuid) ?? null
    const object = key === null ? undefined : state.objects.get(key)
    const located = key === mapping.key ? mapping : { ...mapping, key }
    const refreshed = object === undefined ? mapping : withFacts(located, object)
    const present = object !== undefined
    const wasPresent = mapping.status !== "missing"
    const next = present === wasPresent && refreshed.key === mapping.key ? refreshed : redecide(refreshed, refreshed.evidence, order, present)
    if (next !== mapping) {
      book.replace(next, mapping)
      replaced++
    }
  }

  // With the ledger as given, one row per UUID, and every owned row's evidence naming its
  // owner, a claim on a UUID the client owns is explained: each client's list is checked
  // against its owned list instead of each UUID being looked up.
  const owned = replaced === 0 && hasOneRowPerUuid(step.ledger) && step.ledger.ownersNamed() ? step.ledger.owned() : undefined
  for (const [uuid, claimants] of unexplainedClaims(state, index, book.byUuid, owned)) {
    const existing = book.byUuid(uuid)
    const claims: Array<Evidence> = claimants.map((rowId) => ({ source: "tracking-cell", rowId, detail: `tracking cell of client ${rowId}` }))
    const key = pool.get(uuid) ?? null
    const base: Mapping = existing ?? undecidedMapping(uuid, key, key === null ? undefined : state.objects.get(key))
    const evidence = replaceEvidence(base.evidence, ["tracking-cell"], claims)
    const present = base.key !== null && state.objects.has(base.key)
    book.put(redecide(base, evidence, order, present))
  }
  const ledger = book.close()
  return ledger === step.ledger ? step : { state: { ...state, ledger: ledger.rows }, ledger, reconciled: false }
}

/**
 * Which clients' tracking cells hold each UUID, in CSV order; with `keep`, only the UUIDs it
 * keeps (so a caller that needs a few does not group every claim).
 *
 * @category indexing
 */
export const cellClaims = (
  clients: State["clients"],
  keep?: (uuid: FileUuid) => boolean
): ReadonlyMap<FileUuid, ReadonlyArray<RowId>> => {
  const claims = new Map<FileUuid, Array<RowId>>()
  for (const client of clients) {
    for (const uuid of client.uuids) {
      if (keep !== undefined && !keep(uuid)) continue
      const list = claims.get(uuid)
      if (list) list.push(client.rowId)
      else claims.set(uuid, [client.rowId])
    }
  }
  return claims
}

// A claim the ledger already explains adds nothing: the same owner, backed by evidence, or a
// conflict in review that this cell's client is one side of (`keptInCell`).
const explains = (existing: Mapping | undefined, rowId: RowId): boolean =>
  existing !== undefined &&
  (ownerOf(existing) === rowId ? existing.evidence.some((item) => item.rowId === rowId) : keptInCell(existing.status, existing.evidence, rowId))

// The cell claims of every UUID that not exactly one client claims, or whose one claim the
// ledger does not explain: the ones reconciliation has to work on, in order of first claim.
// When no client row repeats and every cell is strictly sorted (no UUID twice in one cell),
// a UUID has one claim exactly when no claim on it is unexplained but one, so the few
// UUIDs with an unexplained claim are found without grouping every claim first.
const unexplainedClaims = (
  state: State,
  index: RunIndex,
  byUuid: (uuid: FileUuid) => Mapping | undefined,
  owned: ReadonlyMap<RowId, ReadonlyArray<FileUuid>> | undefined
): Iterable<readonly [FileUuid, ReadonlyArray<RowId>]> => {
  const { clients } = state
  if (index.order.size !== clients.length || !clients.every((client) => strictlySorted(client.uuids))) {
    return [...cellClaims(clients)].filter(([uuid, claimants]) => claimants.length !== 1 || !explains(byUuid(uuid), claimants[0]!))
  }
  const open = new Set<FileUuid>()
  for (const client of clients) {
    if (owned !== undefined && withinSorted(client.uuids, owned.get(client.rowId) ?? noUuids)) continue
    for (const uuid of client.uuids) if (!explains(byUuid(uuid), client.rowId)) open.add(uuid)
  }
  return open.size === 0 ? new Map() : cellClaims(clients, (uuid) => open.has(uuid))
}

const noUuids: ReadonlyArray<FileUuid> = []

// Whether every item of `some` is in `all`, both sorted (as `.sort()` orders strings).
const withinSorted = (some: ReadonlyArray<FileUuid>, all: ReadonlyArray<FileUuid>): boolean => {
  if (some === all) return true
  let j = 0
  for (const item of some) {
    while (j < all.length && all[j]! < item) j++
    if (j === all.length || all[j] !== item) return false
    j++
  }
  return true
}

const strictlySorted = (uuids: ReadonlyArray<FileUuid>): boolean => {
  for (let i = 1; i < uuids.length; i++) if (!(uuids[i - 1]! < uuids[i]!)) return false
  return true
}
