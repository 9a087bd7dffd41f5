/**
 * `openLedgerBook` against the simplest book there is (two maps, and a full sort on close):
 * any ledger, canonical or not, any sequence of puts and lookups, books reopened on what
 * earlier books closed (so the indexes handed on and the merges are used), the same answers.
 */
import { describe, expect, it } from "vitest"
import { compareMappings, type Mapping, undecidedMapping } from "../../src/domain/Mapping.ts"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import { indexLedger, lookupUuid } from "../../src/pipeline/internal/LedgerIndex.ts"
import { openLedgerBook } from "../../src/pipeline/LedgerBook.ts"
import { ledgerKeyLookup, ledgerUuidLookup, ledgerUuidLookupAmong } from "../../src/pipeline/LedgerLookups.ts"
import { uuid } from "../../test/support/StateBuilder.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

interface Book {
  readonly byUuid: (uuid: FileUuid) => Mapping | undefined
  readonly byKey: (key: string) => Mapping | undefined
  readonly put: (mapping: Mapping) => Mapping | undefined
  readonly all: () => Iterable<Mapping>
  readonly close: () => ReadonlyArray<Mapping>
}

const referenceBook = (ledger: ReadonlyArray<Mapping>): Book => {
  const uuids = new Map<FileUuid, Mapping>()
  const keys = new Map<string, Mapping>()
  for (const mapping of ledger) {
    uuids.set(mapping.uuid, mapping)
    if (mapping.key !== null) keys.set(mapping.key, mapping)
  }
  let changed = false
  return {
    byUuid: (id) => uuids.get(id),
    byKey: (key) => keys.get(key),
    put: (mapping) => {
      const previous = uuids.get(mapping.uuid)
      if (previous === mapping) return previous
      changed = true
      if (previous?.key != null && keys.get(previous.key) === previous) keys.delete(previous.key)
      uuids.set(mapping.uuid, mapping)
      if (mapping.key !== null) keys.set(mapping.key, mapping)
      return previous
    },
    all: () => [...uuids.values()],
    close: () => (changed ? [...uuids.values()].sort(compareMappings) : ledger)
  }
}

const keyOf = (n: number | null) => (n === null ? null : unsafeObjectKey(`50${n % 3}/doc-${String(n).padStart(2, "0")}.pdf`))
const row = (id: number, key: number | null, version: number): Mapping => ({ ...undecidedMapping(uuid(id), keyOf(key), undefined), why: `v${version}` })

type Step =
  | { readonly op: "put"; readonly id: number; readonly key: number | null; readonly keepKey: boolean; readonly replace: boolean }
  | { readonly op: "byKey"; readonly key: number }
  | { readonly op: "byUuid"; readonly id: number }
  | { readonly op: "all" }
  | { readonly op: "reopen" }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("put" as const), id: fc.nat(14), key: fc.option(fc.nat(20)), keepKey: fc.boolean(), replace: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("byKey" as const), key: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("byUuid" as const), id: fc.nat(14) }) },
  { weight: 1, arbitrary: fc.constant({ op: "all" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "reopen" as const }) }
)

const ledgerArbitrary = fc
  .tuple(fc.array(fc.tuple(fc.nat(10), fc.option(fc.nat(20))), { maxLength: 12 }), fc.constantFrom("canonical", "sorted", "as generated"))
  .map(([rows, shape]) => {
    const ledger = rows.map(([id, key], i) => row(id, key, i))
    if (shape === "as generated") return ledger
    const sorted = [...ledger].sort(compareMappings)
    if (shape === "sorted") return sorted
    const seenUuids = new Set<string>()
    const seenKeys = new Set<string>()
    return sorted.filter((m) => {
      const fresh = !seenUuids.has(m.uuid) && (m.key === null || !seenKeys.has(m.key))
      if (fresh) {
        seenUuids.add(m.uuid)
        if (m.key !== null) seenKeys.add(m.key)
      }
      return fresh
    })
  })

describe("openLedgerBook", () => {
  it("answers every lookup, put and close as the reference book does", () => {
    const reach = makeReach("ledger book = reference book")
    fc.assert(fc.property(ledgerArbitrary, fc.array(step, { maxLength: 40 }), reach.counted((ledger, steps) => {
      let book = openLedgerBook(indexLedger(ledger))
      let reference = referenceBook(ledger)
      let version = 100
      for (const s of steps) {
        if (s.op === "put") {
          const current = reference.byUuid(uuid(s.id))
          const key = s.keepKey && current !== undefined ? current.key : keyOf(s.key)
          const mapping = { ...row(s.id, null, version++), key }
          const replaced = reference.put(mapping)
          if (replaced !== undefined) reach.reached()
          if (s.replace) {
            // `replace` after the look-up a phase makes, instead of `put`.
            const previous = book.byUuid(mapping.uuid)
            expect(previous).toBe(replaced)
            book.replace(mapping, previous)
          } else expect(book.put(mapping)).toBe(replaced)
        } else if (s.op === "byKey") {
          // A lookup that finds a row, or a put over one, is where the book's indexes show.
          if (reference.byKey(keyOf(s.key)!) !== undefined) reach.reached()
          expect(book.byKey(keyOf(s.key)!)).toBe(reference.byKey(keyOf(s.key)!))
        } else if (s.op === "byUuid") {
          if (reference.byUuid(uuid(s.id)) !== undefined) reach.reached()
          expect(book.byUuid(uuid(s.id))).toBe(reference.byUuid(uuid(s.id)))
        } else if (s.op === "all") {
          expect([...book.all()]).toEqual([...reference.all()])
        } else {
          const indexed = book.close()
          const closed = indexed.rows
          const expected = reference.close()
          expect(closed).toEqual(expected)
          expect(closed.every((m, i) => m === expected[i])).toBe(true)
          // Reopen on the closed ledger, so the next book stands on the index it handed on.
          book = openLedgerBook(indexed)
          reference = referenceBook(closed)
        }
      }
      const closed = book.close().rows
      expect(closed.every((m, i) => m === reference.close()[i]) && closed.length === reference.close().length).toBe(true)
    })), { numRuns: 2000 })
    reach.expectReached(0.4)
  })

  it("finds rows by key in any order of questions", () => {
    const reach = makeReach("key lookup = reference book")
    fc.assert(fc.property(ledgerArbitrary, fc.array(fc.nat(22), { maxLength: 30 }), reach.counted((ledger, questions) => {
      const find = ledgerKeyLookup(indexLedger(ledger))
      const reference = referenceBook(ledger)
      for (const n of questions) {
        if (reference.byKey(keyOf(n)!) !== undefined) reach.reached()
        expect(find(keyOf(n)!)).toBe(reference.byKey(keyOf(n)!))
      }
    })), { numRuns: 1000 })
    reach.expectReached(0.3)
  })

  it("with eachUuidOnce kept, closes to the reference book's rows, and the closed ledger knows what a fresh index knows", () => {
    const reach = makeReach("ledger book with eachUuidOnce = reference book")
    fc.assert(fc.property(ledgerArbitrary, fc.array(step, { maxLength: 40 }), reach.counted((ledger, steps) => {
      let given = indexLedger(ledger)
      let book = openLedgerBook(given, { eachUuidOnce: true })
      let reference = referenceBook(ledger)
      let putHere = new Set<number>()
      let version = 100
      const check = (closed: ReturnType<typeof book.close>) => {
        const expected = reference.close()
        expect(closed.rows.length === expected.length && closed.rows.every((m, i) => m === expected[i])).toBe(true)
        const fresh = indexLedger(closed.rows)
        expect(closed.uniqueUuids()).toBe(fresh.uniqueUuids())
        const index = closed.uuidIndex()
        expect(index === undefined).toBe(fresh.uuidIndex() === undefined)
        if (index !== undefined) for (const m of closed.rows) expect(lookupUuid(index, m.uuid)).toBe(m)
        expect(closed.owned()).toEqual(fresh.owned())
        expect(closed.reviewCandidates()).toEqual(fresh.reviewCandidates())
        // Worked out from the ledger the book was opened on, so it may say no where a fresh
        // look would say yes (the slow path is then taken), never the other way round.
        if (closed.ownersNamed()) expect(fresh.ownersNamed()).toBe(true)
      }
      for (const s of steps) {
        if (s.op === "put") {
          // The promise: each UUID once per book, and `replace` given its row in the ledger as given.
          if (putHere.has(s.id)) continue
          putHere.add(s.id)
          const current = reference.byUuid(uuid(s.id))
          const key = s.keepKey && current !== undefined ? current.key : keyOf(s.key)
          const mapping = { ...row(s.id, null, version++), status: s.replace ? "mapped" as const : "unmapped" as const, rowId: s.replace ? unsafeRowId("502") : null, key }
          const replaced = reference.put(mapping)
          if (replaced !== undefined) reach.reached()
          if (s.replace) book.replace(mapping, replaced)
          else expect(book.put(mapping)).toBe(replaced)
        } else if (s.op === "byKey") {
          expect(book.byKey(keyOf(s.key)!)).toBe(reference.byKey(keyOf(s.key)!))
        } else if (s.op === "byUuid") {
          expect(book.byUuid(uuid(s.id))).toBe(reference.byUuid(uuid(s.id)))
        } else if (s.op === "all") {
          expect([...book.all()]).toEqual([...reference.all()])
        } else {
          const closed = book.close()
          check(closed)
          given = closed
          book = openLedgerBook(given, { eachUuidOnce: true })
          reference = referenceBook(closed.rows)
          putHere = new Set()
        }
      }
      check(book.close())
    })), { numRuns: 2000 })
    // Each UUID once per book leaves fewer puts over a row: about a third of the cases.
    reach.expectReached(0.25)
  })

  it("finds rows by UUID among the UUIDs asked about as the ledger's own look-up does", () => {
    const reach = makeReach("UUID look-up among = UUID look-up")
    fc.assert(fc.property(ledgerArbitrary, fc.uniqueArray(fc.nat(14), { maxLength: 14 }), reach.counted((ledger, ids) => {
      const indexed = indexLedger(ledger)
      const asked = new Set(ids.map((id) => uuid(id)))
      const among = ledgerUuidLookupAmong(indexed, asked)
      const plain = ledgerUuidLookup(indexed)
      for (const id of asked) {
        if (plain(id) !== undefined) reach.reached()
        expect(among(id)).toBe(plain(id))
      }
    })), { numRuns: 1000 })
    reach.expectReached(0.3)
  })
})
