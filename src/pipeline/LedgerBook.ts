/**
 * A working copy of the ledger, indexed by UUID and by key, that a phase edits locally and
 * turns back into an immutable, canonically ordered array. Phases stay pure: the mutation
 * never escapes the function that opened the book.
 *
 * Why it is built this way: a run opens books on ledgers of a million rows several times, and
 * each phase changes only some rows. So a book on a canonical ledger (strictly sorted, one row
 * per key and per UUID: what phases produce) copies nothing: it finds rows by key by searching
 * the sorted array, by UUID through the ledger's index (`IndexedLedger`, handed from phase to
 * phase), and records only its own edits. Closing merges the edits into the old order instead
 * of sorting everything again, and the closed ledger's UUID index is the old one with the
 * edits on top. Edits are kept in the order they were put and indexed by UUID only when a
 * look-up needs them; a phase that puts each UUID once says so (`eachUuidOnce`), and then a
 * run of a million new rows builds that map only if a later look-up by UUID asks for it.
 * Any other ledger gets a plain copy indexed from scratch.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { compareMappings, type Mapping, ownerOf } from "../domain/Mapping.ts"
import { derivedLedger, type IndexedLedger, indexLedger, type IndexLayer, keyFinder, lookupUuid, type OwnerChange } from "./internal/LedgerIndex.ts"
import { once } from "./internal/Once.ts"

/**
 * The book: look up by UUID or key, put a mapping (replacing the one with the same UUID, which
 * `put` returns), and close it into a sorted array.
 *
 * @category models
 */
export interface LedgerBook {
  readonly byUuid: (uuid: FileUuid) => Mapping | undefined
  readonly byKey: (key: string) => Mapping | undefined
  readonly put: (mapping: Mapping) => Mapping | undefined
  /** `put`, when the caller has just found `previous` by the mapping's UUID: no second look-up. */
  readonly replace: (mapping: Mapping, previous: Mapping | undefined) => void
  readonly all: () => IterableIterator<Mapping>
  readonly close: () => IndexedLedger
}

/**
 * What a caller may promise when it opens a book. `eachUuidOnce`: no UUID is put twice, and
 * `replace` is given the row the UUID has in the ledger as given (or undefined). A phase that
 * visits each file once keeps it, and the book then needs no map of its edits unless a lookup
 * by UUID asks for one.
 *
 * @category models
 */
export interface BookPromises {
  readonly eachUuidOnce?: boolean
}

/**
 * Opens a book on a ledger.
 *
 * @category constructors
 */
export const openLedgerBook = (ledger: IndexedLedger, promises: BookPromises = {}): LedgerBook =>
  ledger.sorted ? openSortedBook(ledger, promises.eachUuidOnce === true) : openPlainBook(ledger)

// Edits over a sorted ledger. Its UUID index is fetched on first need; if a UUID turns out to
// be on two rows, the book becomes a plain one before anything was put, so nothing differs.
// The edits by UUID (`uuids`) are filled from the puts only when something reads them.
const openSortedBook = (ledger: IndexedLedger, eachUuidOnce: boolean): LedgerBook => {
  const rows = ledger.rows
  let uuids = new Map<FileUuid, Mapping>()
  let synced = 0
  const find = keyFinder(rows)
  // Keys whose row this book changed (null: the key was given up), worked out from the puts
  // only when a lookup by key needs them: phases that put many rows rarely look up by key.
  const keys = new Map<string, Mapping | null>()
  const puts: Array<Mapping> = []
  const replaced: Array<Mapping | undefined> = []
  let applied = 0
  let base: IndexLayer | undefined
  let plain: LedgerBook | undefined
  // Once closed, `uuids` may belong to the closed ledger's index; a later change copies it first.
  let shared = false
  const edits = (): Map<FileUuid, Mapping> => {
    if (synced === puts.length) return uuids
    if (shared) {
      uuids = new Map(uuids)
      shared = false
    }
    for (; synced < puts.length; synced++) uuids.set(puts[synced]!.uuid, puts[synced]!)
    return uuids
  }
  const resolve = (): IndexLayer | undefined => {
    if (base === undefined && plain === undefined) {
      base = ledger.uuidIndex()
      if (base === undefined) plain = openPlainBook(ledger)
    }
    return base
  }
  const byUuid = (uuid: FileUuid): Mapping | undefined => {
    const index = resolve()
    return index === undefined ? plain!.byUuid(uuid) : edits().get(uuid) ?? lookupUuid(index, uuid)
  }
  const keyed = (key: string): Mapping | undefined => {
    const edited = keys.get(key)
    return edited === undefined ? find(key) : edited ?? undefined
  }
  const byKey = (key: string): Mapping | undefined => {
    if (plain !== undefined) return plain.byKey(key)
    // Replays the puts in order, as if each had updated `keys` when it was made.
    for (; applied < puts.length; applied++) {
      const previous = replaced[applied]
      const mapping = puts[applied]!
      if (previous?.key != null && keyed(previous.key) === previous) keys.set(previous.key, null)
      if (mapping.key !== null) keys.set(mapping.key, mapping)
    }
    return keyed(key)
  }
  const record = (mapping: Mapping, previous: Mapping | undefined): Mapping | undefined => {
    if (plain !== undefined) return plain.put(mapping)
    if (previous === mapping) return previous
    puts.push(mapping)
    replaced.push(previous)
    return previous
  }
  return {
    byUuid,
    byKey,
    put: (mapping) => record(mapping, byUuid(mapping.uuid)),
    replace: (mapping, previous) => {
      resolve()
      record(mapping, previous)
    },
    all: function*() {
      const index = resolve()
      if (index === undefined) return yield* plain!.all()
      const edited = edits()
      for (const mapping of rows) yield edited.get(mapping.uuid) ?? mapping
      for (const [uuid, mapping] of edited) if (lookupUuid(index, uuid) === undefined) yield mapping
    },
    // An untouched book returns the very same array, so unchanged phases allocate nothing.
    close: () => {
      if (plain !== undefined) return plain.close()
      if (puts.length === 0) return ledger
      // Each UUID put once (what phases do): every put's `previous` is the row it replaces.
      const putOnce = eachUuidOnce || edits().size === puts.length
      // Later puts only append, so the first `count` are this close's edits.
      const count = puts.length
      // The closed ledger's map of edits: the book's own when it is complete, else built on need.
      const complete = synced === count ? uuids : undefined
      const editMap = complete !== undefined ? () => complete : once(() => {
        const built = new Map<FileUuid, Mapping>()
        for (let i = 0; i < count; i++) built.set(puts[i]!.uuid, puts[i]!)
        return built
      })
      const { merged, ownerChanges } = mergeEdits(rows, base!, editMap, putOnce ? { puts, olds: replaced } : undefined)
      if (!oneRowPerKey(merged)) return indexLedger(merged)
      shared = true
      const changed = putOnce ? () => puts.slice(0, count) : () => editMap().values()
      return derivedLedger(merged, base!, editMap, ledger, ownerChanges, changed)
    }
  }
}

// The canonical order of the ledger with the edits applied. Rows that keep their key keep
// their place; new rows and rows whose key changed are sorted on their own and merged in,
// which gives the same array as sorting everything (UUIDs are unique, so the order is total).
// When every UUID was put once, `once` gives each put with the row it replaced, in put order,
// so no row is looked up again.
const mergeEdits = (
  ledger: ReadonlyArray<Mapping>,
  base: IndexLayer,
  editMap: () => ReadonlyMap<FileUuid, Mapping>,
  once: { readonly puts: ReadonlyArray<Mapping>; readonly olds: ReadonlyArray<Mapping | undefined> } | undefined
): { readonly merged: ReadonlyArray<Mapping>; readonly ownerChanges: ReadonlyArray<OwnerChange> } => {
  const placed: Array<Mapping> = []
  let replaced = 0
  const ownerChanges: Array<OwnerChange> = []
  const empty = base.below === undefined && base.uuids.size === 0
  const visit = (mapping: Mapping, old: Mapping | undefined): void => {
    if (old !== undefined) replaced++
    if (old === undefined || old.key !== mapping.key) placed.push(mapping)
    const to = ownerOf(mapping)
    const from = old === undefined ? null : ownerOf(old)
    if (to !== from) ownerChanges.push({ uuid: mapping.uuid, from, to })
  }
  if (once !== undefined) for (let i = 0; i < once.puts.length; i++) visit(once.puts[i]!, once.olds[i])
  else for (const [uuid, mapping] of editMap()) visit(mapping, empty ? undefined : lookupUuid(base, uuid))
  if (placed.length === 0) {
    const edits = editMap()
    return { merged: ledger.map((mapping) => edits.get(mapping.uuid) ?? mapping), ownerChanges }
  }
  placed.sort(compareMappings)
  const merged: Array<Mapping> = []
  let next = 0
  // With only new rows, no old row can have been edited: no map of the edits is needed.
  const edits = replaced === 0 ? undefined : editMap()
  for (const old of ledger) {
    const edited = edits?.get(old.uuid)
    if (edited !== undefined && edited.key !== old.key) continue
    const current = edited ?? old
    while (next < placed.length && compareMappings(placed[next]!, current) < 0) merged.push(placed[next++]!)
    merged.push(current)
  }
  while (next < placed.length) merged.push(placed[next++]!)
  return { merged, ownerChanges }
}

// Sorted rows with a key on two rows have them next to each other.
const oneRowPerKey = (ledger: ReadonlyArray<Mapping>): boolean => {
  for (let i = 1; i < ledger.length; i++) {
    const key = ledger[i]!.key
    if (key !== null && key === ledger[i - 1]!.key) return false
  }
  return true
}

// A ledger that is not canonical (unsorted, or a UUID or key on two rows): copied and indexed
// from scratch on every open, and sorted in full on close.
const openPlainBook = (ledger: IndexedLedger): LedgerBook => {
  const uuids = new Map<FileUuid, Mapping>()
  const keys = new Map<string, Mapping>()
  for (const mapping of ledger.rows) {
    uuids.set(mapping.uuid, mapping)
    if (mapping.key !== null) keys.set(mapping.key, mapping)
  }
  let changed = false
  const put = (mapping: Mapping): Mapping | undefined => {
    const previous = uuids.get(mapping.uuid)
    if (previous === mapping) return previous
    changed = true
    if (previous?.key != null && keys.get(previous.key) === previous) keys.delete(previous.key)
    uuids.set(mapping.uuid, mapping)
    if (mapping.key !== null) keys.set(mapping.key, mapping)
    return previous
  }
  return {
    byUuid: (uuid) => uuids.get(uuid),
    byKey: (key) => keys.get(key),
    put,
    replace: (mapping) => {
      put(mapping)
    },
    all: () => uuids.values(),
    close: () => (changed ? indexLedger([...uuids.values()].sort(compareMappings)) : ledger)
  }
}
