/**
 * A ledger array with what the phases need to know about it (see `LedgerBook`): whether it is
 * in canonical order with one row per key (checked once, in one pass, no hashing), its index by
 * UUID, and, for a ledger a closed book made, which ledger it was made from and with which
 * edits. It is a value built from the array and handed from phase to phase, never a cache
 * keyed on the array: a caller who changes an array and runs again gets a fresh index.
 *
 * The UUID index is a stack of layers: the bottom one indexes a ledger as it was given, each
 * one above holds the rows one closed book changed. Rows are found by key by searching the
 * sorted array itself, so no key index is ever built. What is derived from the rows (the UUID
 * index, each owner's files, the files in review) is worked out on first need and kept in the
 * value, from the ledger it was made from when that is cheaper.
 *
 * @internal
 * @module
 */
import type { FileUuid } from "../../domain/FileUuid.ts"
import { compareMappings, type Mapping, ownerOf } from "../../domain/Mapping.ts"
import type { RowId } from "../../domain/RowId.ts"
import { keptInCell } from "../CellsInReview.ts"
import { once } from "./Once.ts"

/**
 * One layer of a UUID index.
 *
 * @category models
 */
export interface IndexLayer {
  readonly uuids: ReadonlyMap<FileUuid, Mapping>
  readonly below: IndexLayer | undefined
  readonly depth: number
}

/**
 * A row whose owner (`ownerOf`) a book changed: `null` for no owner (or no row before).
 *
 * @category models
 */
export interface OwnerChange {
  readonly uuid: FileUuid
  readonly from: RowId | null
  readonly to: RowId | null
}

/**
 * How a closed book made a ledger: from which ledger, with which rows changed or added (by
 * UUID), and which of them have another owner than in that ledger.
 *
 * @category models
 */
export interface Derivation {
  readonly from: IndexedLedger
  /** The rows the book changed or added, once each. */
  readonly edits: () => Iterable<Mapping>
  readonly ownerChanges: ReadonlyArray<OwnerChange>
}

/**
 * A ledger array and what is known about it.
 * - `sorted`: strictly in canonical order (`compareMappings`) with no key on two rows;
 * - `uuidIndex()`: the UUID index of a sorted ledger, or undefined when a UUID is on two rows;
 * - `uniqueUuids()`: whether `uuidIndex()` is defined, told without building the index when a
 *   closed book made the ledger;
 * - `owned()`: each owner's UUIDs, sorted;
 * - `reviewCandidates()`: for each file in review, the clients whose cells may keep it;
 * - `ownersNamed()`: every owned row's evidence names its owner.
 *
 * @category models
 */
export interface IndexedLedger {
  readonly rows: ReadonlyArray<Mapping>
  readonly sorted: boolean
  readonly derivation: Derivation | undefined
  readonly uuidIndex: () => IndexLayer | undefined
  readonly uniqueUuids: () => boolean
  readonly owned: () => ReadonlyMap<RowId, ReadonlyArray<FileUuid>>
  readonly reviewCandidates: () => ReadonlyMap<FileUuid, ReadonlyArray<RowId>>
  readonly ownersNamed: () => boolean
}

// Lookups walk the layers, so their number is capped; a deeper ledger is indexed afresh.
const maxDepth = 6

const isSorted = (ledger: ReadonlyArray<Mapping>): boolean => {
  for (let i = 1; i < ledger.length; i++) {
    const a = ledger[i - 1]!
    const b = ledger[i]!
    if (!(compareMappings(a, b) < 0 && (a.key === null || a.key !== b.key))) return false
  }
  return true
}

const freshUuidIndex = (ledger: ReadonlyArray<Mapping>): IndexLayer | undefined => {
  const uuids = new Map<FileUuid, Mapping>()
  for (const mapping of ledger) uuids.set(mapping.uuid, mapping)
  return uuids.size === ledger.length ? { uuids, below: undefined, depth: 1 } : undefined
}

const withFacts = (
  rows: ReadonlyArray<Mapping>,
  sorted: boolean,
  derivation: Derivation | undefined,
  uuidIndex: () => IndexLayer | undefined,
  uniqueUuids: () => boolean
): IndexedLedger => {
  const changedRows = (): Iterable<Mapping> => (derivation === undefined ? rows : derivation.edits())
  return {
    rows,
    sorted,
    derivation,
    uuidIndex,
    uniqueUuids,
    // From the ledger a book made this one from, by applying only the owners it changed.
    owned: once(() => {
      if (derivation !== undefined) return withOwnerChanges(derivation.from.owned(), derivation.ownerChanges)
      const owned = new Map<RowId, Array<FileUuid>>()
      for (const mapping of rows) {
        const owner = ownerOf(mapping)
        if (owner === null) continue
        const list = owned.get(owner)
        if (list) list.push(mapping.uuid)
        else owned.set(owner, [mapping.uuid])
      }
      for (const list of owned.values()) list.sort()
      return owned
    }),
    // From the ledger a book made this one from, by applying only the rows it changed.
    reviewCandidates: once(() => {
      const candidates = new Map<FileUuid, ReadonlyArray<RowId>>(derivation === undefined ? [] : derivation.from.reviewCandidates())
      for (const mapping of changedRows()) {
        if (mapping.status === "review") {
          const kept = [...new Set(mapping.evidence.map((item) => item.rowId))].filter((rowId) => keptInCell(mapping.status, mapping.evidence, rowId))
          if (kept.length > 0) candidates.set(mapping.uuid, kept)
          else candidates.delete(mapping.uuid)
        } else if (derivation !== undefined) candidates.delete(mapping.uuid)
      }
      return candidates
    }),
    // Checked on the rows a book changed only, when a book made this ledger.
    ownersNamed: once(() => {
      for (const mapping of changedRows()) {
        const owner = ownerOf(mapping)
        if (owner !== null && !mapping.evidence.some((item) => item.rowId === owner)) return false
      }
      return derivation === undefined || derivation.from.ownersNamed()
    })
  }
}

// Each owner's UUIDs after some rows changed owner: only the lists of those owners are
// rebuilt (still sorted); the others are shared with `owned`.
const withOwnerChanges = (
  owned: ReadonlyMap<RowId, ReadonlyArray<FileUuid>>,
  changes: ReadonlyArray<OwnerChange>
): ReadonlyMap<RowId, ReadonlyArray<FileUuid>> => {
  if (changes.length === 0) return owned
  const lost = new Map<RowId, Set<FileUuid>>()
  const gained = new Map<RowId, Array<FileUuid>>()
  for (const { uuid, from, to } of changes) {
    if (from !== null) {
      const set = lost.get(from)
      if (set) set.add(uuid)
      else lost.set(from, new Set([uuid]))
    }
    if (to !== null) {
      const list = gained.get(to)
      if (list) list.push(uuid)
      else gained.set(to, [uuid])
    }
  }
  const next = new Map(owned)
  const rebuild = (owner: RowId): void => {
    const gone = lost.get(owner)
    const before = owned.get(owner) ?? noUuids
    const kept = gone === undefined ? before : before.filter((uuid) => !gone.has(uuid))
    const added = gained.get(owner)
    const list = added === undefined ? kept : mergeSorted(kept, added.sort())
    if (list.length === 0) next.delete(owner)
    else next.set(owner, list)
  }
  for (const owner of lost.keys()) rebuild(owner)
  for (const owner of gained.keys()) if (!lost.has(owner)) rebuild(owner)
  return next
}

const noUuids: ReadonlyArray<FileUuid> = []

// Two sorted lists as one sorted list (as `.sort()` orders strings).
const mergeSorted = (a: ReadonlyArray<FileUuid>, b: ReadonlyArray<FileUuid>): ReadonlyArray<FileUuid> => {
  if (a.length === 0) return b
  const merged: Array<FileUuid> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) merged.push(a[i]! < b[j]! ? a[i++]! : b[j++]!)
  while (i < a.length) merged.push(a[i++]!)
  while (j < b.length) merged.push(b[j++]!)
  return merged
}

/**
 * Indexes a ledger array as given: one pass to tell whether it is sorted; the rest on need.
 *
 * @category constructors
 */
export const indexLedger = (rows: ReadonlyArray<Mapping>): IndexedLedger => {
  const sorted = isSorted(rows)
  const uuidIndex = once(() => (sorted ? freshUuidIndex(rows) : undefined))
  return withFacts(rows, sorted, undefined, uuidIndex, () => uuidIndex() !== undefined)
}

/**
 * What a closed book made: a ledger in canonical order, with one row per key and per UUID,
 * whose UUID index is `below` with `uuids()` (the rows the book changed, by UUID) on top, made
 * from the ledger `from` (and the rows whose owner differs from that ledger's). `uuids` is
 * called only when a UUID is first looked up; `edits` gives the same rows without a map.
 *
 * @category constructors
 */
export const derivedLedger = (
  rows: ReadonlyArray<Mapping>,
  below: IndexLayer,
  uuids: () => ReadonlyMap<FileUuid, Mapping>,
  from: IndexedLedger,
  ownerChanges: ReadonlyArray<OwnerChange>,
  edits: () => Iterable<Mapping>
): IndexedLedger => {
  // An empty bottom layer adds nothing to lookups: leave it out.
  const under = below.below === undefined && below.uuids.size === 0 ? undefined : below
  const depth = (under?.depth ?? 0) + 1
  const layer = once((): IndexLayer => ({ uuids: uuids(), below: under, depth }))
  // One row per UUID holds by construction, so a deeper ledger's fresh index is never undefined.
  return withFacts(rows, true, { from, edits, ownerChanges }, depth <= maxDepth ? layer : once(() => freshUuidIndex(rows)), () => true)
}

/**
 * The mapping with a UUID.
 *
 * @category indexing
 */
export const lookupUuid = (index: IndexLayer, uuid: FileUuid): Mapping | undefined => {
  for (let layer: IndexLayer | undefined = index; layer !== undefined; layer = layer.below) {
    const found = layer.uuids.get(uuid)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * A search by key in a sorted ledger (`IndexedLedger.sorted`). It remembers where the last
 * search ended, so keys asked for in increasing order (phases walk keys in order) cost a step
 * or two each; any other order costs a binary search.
 *
 * @category indexing
 */
export const keyFinder = (ledger: ReadonlyArray<Mapping>): (key: string) => Mapping | undefined => {
  // Keyless rows sort last: keys are searched in [0, end).
  let end = ledger.length
  while (end > 0 && ledger[end - 1]!.key === null) end--
  const keyAt = (i: number) => ledger[i]!.key!
  let cursor = 0
  return (key) => {
    if (cursor < end && keyAt(cursor) === key) return ledger[cursor]
    // The first position whose key is not below `key` is searched for in [low, high].
    let low = 0
    let high = cursor
    if (cursor > 0 && keyAt(cursor - 1) < key) low = cursor
    if (cursor < end && keyAt(cursor) < key) {
      // Gallop forward from the cursor, then search the last step.
      let step = 1
      low = cursor + 1
      high = low
      while (high < end && keyAt(high) < key) {
        low = high + 1
        step *= 2
        high = cursor + step
      }
      high = Math.min(high, end)
    }
    while (low < high) {
      const middle = (low + high) >>> 1
      if (keyAt(middle) < key) low = middle + 1
      else high = middle
    }
    cursor = low
    return low < end && keyAt(low) === key ? ledger[low] : undefined
  }
}
