/**
 * A working copy of the ledger, indexed by UUID and by key, that a phase edits locally and
 * turns back into an immutable, canonically ordered array. Phases stay pure: the mutation
 * never escapes the function that opened the book.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { compareMappings, type Mapping } from "../domain/Mapping.ts"

/**
 * The book: look up by UUID or key, put a mapping (replacing the one with the same UUID),
 * and close it into a sorted array.
 *
 * @example
 * ```ts
 * import { openLedgerBook } from "./LedgerBook.ts"
 * const book = openLedgerBook([])
 * book.close() // []
 * ```
 * @category models
 */
export interface LedgerBook {
  readonly byUuid: (uuid: FileUuid) => Mapping | undefined
  readonly byKey: (key: string) => Mapping | undefined
  readonly put: (mapping: Mapping) => void
  readonly all: () => IterableIterator<Mapping>
  readonly close: () => ReadonlyArray<Mapping>
}

/**
 * Opens a book on a ledger.
 *
 * @example
 * ```ts
 * import { openLedgerBook } from "./LedgerBook.ts"
 * const book = openLedgerBook(state.ledger)
 * book.put({ ...book.byUuid(uuid)!, status: "missing" })
 * const ledger = book.close()
 * ```
 * @category constructors
 */
export const openLedgerBook = (ledger: ReadonlyArray<Mapping>): LedgerBook => {
  const uuids = new Map<FileUuid, Mapping>()
  const keys = new Map<string, Mapping>()
  for (const mapping of ledger) {
    uuids.set(mapping.uuid, mapping)
    if (mapping.key !== null) keys.set(mapping.key, mapping)
  }
  let changed = false
  return {
    byUuid: (uuid) => uuids.get(uuid),
    byKey: (key) => keys.get(key),
    put: (mapping) => {
      const previous = uuids.get(mapping.uuid)
      if (previous === mapping) return
      changed = true
      if (previous?.key != null && keys.get(previous.key) === previous) keys.delete(previous.key)
      uuids.set(mapping.uuid, mapping)
      if (mapping.key !== null) keys.set(mapping.key, mapping)
    },
    all: () => uuids.values(),
    // An untouched book returns the very same array, so unchanged phases allocate nothing.
    close: () => (changed ? [...uuids.values()].sort(compareMappings) : ledger)
  }
}
