import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { CsvError } from "../../../src/domain/CsvError.ts"
import { readClientsTable } from "../../../src/io/csv/ClientsTable.ts"
import { readLedger, renderLedger } from "../../../src/io/csv/LedgerFile.ts"

// The readers first check a file assuming no repeated id, UUID or key, and check it again
// exactly when that fails: the refusal must be the exact one, wherever the repeat is.
const uuid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`
const clientsCsv = (rows: number, edit: (index: number) => string | undefined) => {
  const lines = ["row_id,file_uuids,file_count"]
  for (let index = 0; index < rows; index++) lines.push(edit(index) ?? `${1000 + index},${uuid(index)},1`)
  return new TextEncoder().encode(lines.join("\n") + "\n")
}
const refusal = (bytes: Uint8Array) =>
  Effect.map(Effect.flip(readClientsTable("clients.csv", bytes)), ({ column, line, message, reason }: CsvError) => ({ reason, line, column, message }))

describe("readClientsTable, past the fast pass", () => {
  it.effect("reads a large file without repeats whole", () =>
    Effect.gen(function*() {
      const table = yield* readClientsTable("clients.csv", clientsCsv(100_000, () => undefined))
      assert.strictEqual(table.clients.length, 100_000)
      assert.deepStrictEqual(table.clients[99_999], { rowId: "100999" as never, tracked: true, uuids: [uuid(99_999)] as never })
    }))

  it.effect("reports a problem before a later repeat as the first problem", () =>
    Effect.gen(function*() {
      const error = yield* refusal(clientsCsv(5_000, (index) => (index === 10 ? "1010,,1" : index === 4_000 ? `5000,${uuid(3)},1` : undefined)))
      assert.deepStrictEqual([error.reason, error.line], ["CountMismatch", 12])
    }))

  it.effect("reports a repeated UUID before a later problem, naming the first row that listed it", () =>
    Effect.gen(function*() {
      const error = yield* refusal(clientsCsv(5_000, (index) => (index === 4_000 ? `5000,${uuid(3)},1` : index === 4_500 ? "x,,1" : undefined)))
      assert.deepStrictEqual([error.reason, error.line, error.column], ["DuplicateUuid", 4_002, 6])
      assert.include(error.message, 'row id "1003" on line 5')
    }))

  it.effect("reports a padded id as the twin of a later one, not as merely padded", () =>
    Effect.gen(function*() {
      const error = yield* refusal(clientsCsv(5_000, (index) => (index === 3 ? `"1900 ",${uuid(3)},1` : undefined)))
      assert.deepStrictEqual([error.reason, error.line], ["DuplicateRowId", 5])
      assert.include(error.message, 'the same as "1900" on line 902')
    }))
})

describe("readLedger, past the fast pass", () => {
  const mapping = (index: number, key: string) => ({
    uuid: uuid(index) as never,
    key: key as never,
    rowId: "1000" as never,
    status: "mapped" as const,
    evidence: [],
    confidence: 1,
    why: "",
    size: null,
    etag: null,
    lastModified: null,
    metadata: null
  })
  const ledger = (rows: ReadonlyArray<ReturnType<typeof mapping>>) => new TextEncoder().encode(renderLedger(rows))
  const many = Array.from({ length: 5_000 }, (_, index) => mapping(index, `1000/file-${index}.pdf`))

  it.effect("names the earlier line of a repeated UUID or key, however far apart", () =>
    Effect.gen(function*() {
      const uuidRepeat = yield* Effect.flip(readLedger("l.csv", ledger([...many, mapping(7, "1000/new.pdf")])))
      assert.deepStrictEqual([uuidRepeat.reason, uuidRepeat.line], ["DuplicateUuid", 5_002])
      assert.include(uuidRepeat.message, "already listed on line 9")
      const keyRepeat = yield* Effect.flip(readLedger("l.csv", ledger([...many, mapping(9_999, "1000/file-7.pdf")])))
      assert.deepStrictEqual([keyRepeat.reason, keyRepeat.line], ["DuplicateKey", 5_002])
      assert.include(keyRepeat.message, "already listed on line 9")
    }))
})
