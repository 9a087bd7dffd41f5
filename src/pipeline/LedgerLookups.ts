/**
 * Questions about a ledger as given, before any book edits it: its rows by key and by UUID, and
 * whether a UUID is on two rows. Phases that visit each file once ask these instead of a book,
 * which would look through its own edits too.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import type { Mapping } from "../domain/Mapping.ts"
import { type IndexedLedger, keyFinder, lookupUuid } from "./internal/LedgerIndex.ts"

/**
 * Finds rows of a ledger, as given, by key: what `openLedgerBook(ledger).byKey` answers before
 * anything is put. A sorted ledger is searched; any other is indexed once here.
 *
 * @category constructors
 */
export const ledgerKeyLookup = (ledger: IndexedLedger): (key: string) => Mapping | undefined => {
  if (ledger.sorted) return keyFinder(ledger.rows)
  const keys = new Map<string, Mapping>()
  for (const mapping of ledger.rows) if (mapping.key !== null) keys.set(mapping.key, mapping)
  return (key) => keys.get(key)
}

/**
 * Finds rows of a ledger, as given, by UUID: what `openLedgerBook(ledger).byUuid` answers before
 * anything is put, without the book's own edits to look through (a phase that visits each UUID
 * once and puts only there asks this instead).
 *
 * @category constructors
 */
export const ledgerUuidLookup = (ledger: IndexedLedger): (uuid: FileUuid) => Mapping | undefined => {
  const index = ledger.sorted ? ledger.uuidIndex() : undefined
  if (index !== undefined) return index.below === undefined && index.uuids.size === 0 ? () => undefined : (uuid) => lookupUuid(index, uuid)
  // As a plain book indexes it: a UUID on two rows answers with the later row.
  const uuids = new Map<FileUuid, Mapping>()
  for (const mapping of ledger.rows) uuids.set(mapping.uuid, mapping)
  return (uuid) => uuids.get(uuid)
}

/**
 * `ledgerUuidLookup` for a caller that asks only about the UUIDs in `asked` (phase 2 and the
 * pool). A ledger smaller than `asked` is walked once, keeping the rows whose UUID is asked
 * about: fewer look-ups in a large map than asking the ledger's index once per UUID.
 *
 * @category constructors
 */
export const ledgerUuidLookupAmong = (
  ledger: IndexedLedger,
  asked: ReadonlySet<FileUuid> | ReadonlyMap<FileUuid, unknown>
): (uuid: FileUuid) => Mapping | undefined => {
  if (ledger.rows.length >= asked.size) return ledgerUuidLookup(ledger)
  // As a plain book indexes it: a UUID on two rows answers with the later row.
  const rows = new Map<FileUuid, Mapping>()
  for (const mapping of ledger.rows) if (asked.has(mapping.uuid)) rows.set(mapping.uuid, mapping)
  return rows.size === 0 ? () => undefined : (uuid) => rows.get(uuid)
}

/**
 * Tells whether no UUID is on two rows of a ledger.
 *
 * @category constructors
 */
export const hasOneRowPerUuid = (ledger: IndexedLedger): boolean =>
  ledger.sorted ? ledger.uniqueUuids() : new Set(ledger.rows.map((mapping) => mapping.uuid)).size === ledger.rows.length
