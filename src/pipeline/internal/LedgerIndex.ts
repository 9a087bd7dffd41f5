/**
 * What is remembered about each ledger array (see `LedgerBook`): whether it is in canonical
 * order with one row per key (checked once, in one pass, no hashing), and its index by UUID,
 * built only when first needed. The UUID index is a stack of layers: the bottom one indexes a
 * ledger as it was given, each one above holds the rows one closed book changed. Rows are
 * found by key by searching the sorted array itself, so no key index is ever built. Pure
 * memoisation: ledger arrays are immutable, so nothing here goes stale and nothing observable
 * changes.
 *
 * @internal
 * @module
 */
import type { FileUuid } from "../../domain/FileUuid.ts"
import { compareMappings, type Mapping } from "../../domain/Mapping.ts"

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

// Lookups walk the layers, so their number is capped; a deeper ledger is indexed afresh.
const maxDepth = 6

const sortedLedgers = new WeakMap<ReadonlyArray<Mapping>, boolean>()
const derivations = new WeakMap<ReadonlyArray<Mapping>, Derivation>()

/**
 * How a closed book made a ledger: from which ledger, with which rows changed or added (by
 * UUID), and whether any row's owner (`ownerOf`) differs from that ledger's.
 *
 * @category models
 */
export interface Derivation {
  readonly from: ReadonlyArray<Mapping>
  readonly edits: ReadonlyMap<FileUuid, Mapping>
  readonly ownersChanged: boolean
}
// `null` marks a ledger with a UUID on two rows.
const uuidIndexes = new WeakMap<ReadonlyArray<Mapping>, IndexLayer | null>()

/**
 * Tells whether a ledger is strictly in canonical order (`compareMappings`) with no key on
 * two rows. Checked once per array.
 *
 * @category indexing
 */
export const isSortedLedger = (ledger: ReadonlyArray<Mapping>): boolean => {
  let sorted = sortedLedgers.get(ledger)
  if (sorted === undefined) {
    sorted = true
    for (let i = 1; i < ledger.length && sorted; i++) {
      const a = ledger[i - 1]!
      const b = ledger[i]!
      sorted = compareMappings(a, b) < 0 && (a.key === null || a.key !== b.key)
    }
    sortedLedgers.set(ledger, sorted)
  }
  return sorted
}

/**
 * The UUID index of a sorted ledger, or undefined when a UUID is on two rows.
 *
 * @category indexing
 */
export const uuidIndexOf = (ledger: ReadonlyArray<Mapping>): IndexLayer | undefined => {
  let index = uuidIndexes.get(ledger)
  if (index === undefined) {
    const uuids = new Map<FileUuid, Mapping>()
    for (const mapping of ledger) uuids.set(mapping.uuid, mapping)
    index = uuids.size === ledger.length ? { uuids, below: undefined, depth: 1 } : null
    uuidIndexes.set(ledger, index)
  }
  return index ?? undefined
}

/**
 * Remembers what a closed book made: a ledger in canonical order, with one row per key and per
 * UUID, whose UUID index is `below` with `uuids` (the rows the book changed) on top, made from
 * the ledger `from` (and whether any row's owner differs from that ledger's).
 *
 * @category indexing
 */
export const rememberLedger = (
  ledger: ReadonlyArray<Mapping>,
  below: IndexLayer,
  uuids: ReadonlyMap<FileUuid, Mapping>,
  from: ReadonlyArray<Mapping>,
  ownersChanged: boolean
): void => {
  sortedLedgers.set(ledger, true)
  derivations.set(ledger, { from, edits: uuids, ownersChanged })
  // An empty bottom layer adds nothing to lookups: leave it out.
  const under = below.below === undefined && below.uuids.size === 0 ? undefined : below
  const depth = (under?.depth ?? 0) + 1
  if (depth <= maxDepth) uuidIndexes.set(ledger, { uuids, below: under, depth })
}

/**
 * How a ledger was made, when a closed book made it.
 *
 * @category indexing
 */
export const derivationOf = (ledger: ReadonlyArray<Mapping>): Derivation | undefined => derivations.get(ledger)

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
 * A search by key in a sorted ledger (`isSortedLedger`). It remembers where the last search
 * ended, so keys asked for in increasing order (phases walk keys in order) cost a step or two
 * each; any other order costs a binary search.
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
