import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ClientRow } from "../../../src/domain/ClientRow.ts"
import type { CsvError } from "../../../src/domain/CsvError.ts"
import type { FileUuid } from "../../../src/domain/FileUuid.ts"
import { unsafeRowId } from "../../../src/domain/RowId.ts"
import { type ClientsTableOptions, readClientsTable, renderClientsCsv } from "../../../src/io/csv/ClientsTable.ts"
import { encodeCsvText } from "../../../src/io/csv/CsvEncoding.ts"
import { readCsvDocument } from "../../../src/io/csv/CsvReader.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const read = (text: string, options: ClientsTableOptions = {}) => readClientsTable("clients.csv", utf8(text), options)
const located = ({ column, file, line, reason }: CsvError) => ({ reason, file, line, column })
const failure = (text: string, options: ClientsTableOptions = {}) => Effect.flip(read(text, options))

const u1 = "11111111-1111-4111-8111-111111111111" as FileUuid
const u2 = "22222222-2222-4222-8222-222222222222" as FileUuid
const u3 = "33333333-3333-4333-8333-333333333333" as FileUuid
const hex = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" as FileUuid
const client = (rowId: string, tracked: boolean, uuids: ReadonlyArray<FileUuid>): ClientRow => ({
  rowId: unsafeRowId(rowId),
  tracked,
  uuids
})

describe("readClientsTable", () => {
  it.effect("finds the columns wherever they are and reads each client's tracking", () =>
    Effect.gen(function*() {
      const table = yield* read(`name,file_count,row_id,file_uuids\nSam,2,502,${u2};${u1}\nAnn,0,503,\nBo,,504,\n`)
      assert.deepStrictEqual([table.idColumn, table.uuidsColumn, table.countColumn], [2, 3, 1])
      assert.deepStrictEqual(table.clients, [
        client("502", true, [u1, u2]),
        client("503", true, []),
        client("504", false, [])
      ])
    }))

  it.effect("reads every client as untracked when the tracking columns are absent", () =>
    Effect.gen(function*() {
      const table = yield* read("row_id,name\n502,Sam\n")
      assert.deepStrictEqual([table.uuidsColumn, table.countColumn], [undefined, undefined])
      assert.deepStrictEqual(table.clients, [client("502", false, [])])
    }))

  it.effect("uses the column names it is given", () =>
    Effect.gen(function*() {
      const table = yield* read(`id;uuids;n\r\n502;${u1};1\r\n`, {
        idColumn: "id",
        uuidsColumn: "uuids",
        countColumn: "n"
      })
      assert.deepStrictEqual(table.clients, [client("502", true, [u1])])
      assert.deepStrictEqual(table.columns, { idColumn: "id", uuidsColumn: "uuids", countColumn: "n" })
    }))

  it.effect("refuses a header without the id column", () =>
    Effect.gen(function*() {
      const error = yield* failure("name,id\nSam,502\n")
      assert.deepStrictEqual(located(error), { reason: "MissingIdColumn", file: "clients.csv", line: 1, column: 1 })
      assert.include(error.message, '"row_id"')
      assert.include(error.message, "--id-column")
    }))

  it.effect("refuses a column name that appears twice in the header", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(located(yield* failure("row_id,name,row_id\n1,a,2\n")), {
        reason: "InvalidCell",
        file: "clients.csv",
        line: 1,
        column: 13
      })
    }))

  it.effect("refuses column names that are not distinct", () =>
    Effect.gen(function*() {
      const error = yield* failure("row_id\n1\n", { uuidsColumn: "row_id" })
      assert.strictEqual(error.reason, "InvalidCell")
    }))

  it.effect("refuses a column to append that the file's encoding cannot store", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        readClientsTable("clients.csv", utf8("row_id\n1\n"), { encoding: "windows-1252", countColumn: "文件" })
      )
      assert.deepStrictEqual(located(error), { reason: "InvalidCell", file: "clients.csv", line: 1, column: 1 })
    }))

  it.effect("refuses an empty or blank row id", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(located(yield* failure("name,row_id\nSam,502\nAnn,\n")), {
        reason: "EmptyRowId",
        file: "clients.csv",
        line: 3,
        column: 5
      })
      assert.deepStrictEqual(located(yield* failure('name,row_id\n"a\nb","  "\n')), {
        reason: "EmptyRowId",
        file: "clients.csv",
        line: 3,
        column: 4
      })
    }))

  it.effect("refuses a duplicate row id, naming the earlier line", () =>
    Effect.gen(function*() {
      const error = yield* failure("name,row_id\nSam,502\nAnn,503\nBo,502\n")
      assert.deepStrictEqual(located(error), { reason: "DuplicateRowId", file: "clients.csv", line: 4, column: 4 })
      assert.strictEqual(error.message, 'Row id "502" is already used on line 2')
    }))

  it.effect("refuses a tracking cell item that is not a UUID, quoting it", () =>
    Effect.gen(function*() {
      const error = yield* failure("row_id,file_uuids,file_count\n502,not-a-uuid,1\n")
      assert.deepStrictEqual(located(error), { reason: "InvalidUuid", file: "clients.csv", line: 2, column: 5 })
      assert.include(error.message, '"not-a-uuid"')
    }))

  it.effect("refuses upper-case UUIDs, spaces and empty items", () =>
    Effect.gen(function*() {
      for (
        const cell of [hex.toUpperCase(), ` ${u1}`, `${u1}; ${u2}`, `${u1};`, `;${u1}`, `${u1};;${u2}`, `${u1},${u2}`]
      ) {
        const error = yield* failure(`row_id;file_uuids;file_count\n502;"${cell}";1\n`)
        assert.deepStrictEqual(located(error), { reason: "InvalidUuid", file: "clients.csv", line: 2, column: 5 })
      }
    }))

  it.effect("refuses a UUID listed twice in one cell", () =>
    Effect.gen(function*() {
      const error = yield* failure(`row_id,file_uuids,file_count\n502,${u1};${u2};${u1},3\n`)
      assert.deepStrictEqual(located(error), { reason: "DuplicateUuid", file: "clients.csv", line: 2, column: 5 })
    }))

  it.effect("refuses a UUID listed for two clients, naming the first", () =>
    Effect.gen(function*() {
      const error = yield* failure(`row_id,file_uuids,file_count\n502,${u1},1\n503,${u2};${u1},2\n`)
      assert.deepStrictEqual(located(error), { reason: "DuplicateUuid", file: "clients.csv", line: 3, column: 5 })
      assert.include(error.message, '"502" on line 2')
    }))

  it.effect("refuses a count that is not a non-negative integer", () =>
    Effect.gen(function*() {
      for (const count of ["-1", "1.0", " 1", "one"]) {
        const error = yield* failure(`row_id,file_uuids,file_count\n502,${u1},"${count}"\n`)
        assert.deepStrictEqual(located(error), { reason: "CountMismatch", file: "clients.csv", line: 2, column: 42 })
      }
    }))

  it.effect("refuses a count that disagrees with the UUIDs", () =>
    Effect.gen(function*() {
      const error = yield* failure(`row_id,file_uuids,file_count\n502,${u1},2\n`)
      assert.deepStrictEqual(located(error), { reason: "CountMismatch", file: "clients.csv", line: 2, column: 42 })
      assert.strictEqual(error.message, "Count is 2 but the tracking cell lists 1 UUIDs")
    }))

  it.effect("refuses UUIDs with an empty count, or without a count column", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(located(yield* failure(`row_id,file_uuids,file_count\n502,${u1},\n`)), {
        reason: "CountMismatch",
        file: "clients.csv",
        line: 2,
        column: 42
      })
      assert.deepStrictEqual(located(yield* failure(`row_id,file_uuids\n502,${u1}\n`)), {
        reason: "CountMismatch",
        file: "clients.csv",
        line: 2,
        column: 5
      })
    }))

  it.effect("reports the reader's errors unchanged", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(located(yield* failure('name,row_id\n"Sam,502\nAnn,503\n')), {
        reason: "UnbalancedQuote",
        file: "clients.csv",
        line: 2,
        column: 1
      })
    }))
})

describe("renderClientsCsv", () => {
  const track = (client: ClientRow, uuids: ReadonlyArray<FileUuid>): ClientRow => ({ ...client, tracked: true, uuids })

  it.effect("appends the tracking columns, UUIDs then count, when they are missing", () =>
    Effect.gen(function*() {
      const table = yield* read('\uFEFFname;row_id\r\n"Torode; Sam";502\r\nAnn;503')
      const rendered = renderClientsCsv(table, [track(table.clients[0]!, [u2, u1]), table.clients[1]!])
      assert.strictEqual(
        rendered,
        `name;row_id;file_uuids;file_count\r\n"Torode; Sam";502;"${u1};${u2}";2\r\nAnn;503;;`
      )
    }))

  it.effect("appends only the missing tracking column", () =>
    Effect.gen(function*() {
      const table = yield* read("row_id,file_uuids\n502,\n")
      assert.strictEqual(
        renderClientsCsv(table, [track(table.clients[0]!, [])]),
        "row_id,file_uuids,file_count\n502,,0\n"
      )
    }))

  it.effect("changes only the tracking cells of changed rows; other rows stay byte-identical", () =>
    Effect.gen(function*() {
      const text = "name,row_id,file_uuids,file_count,note\r\n" +
        '"Sam",502,,,"=SUM(A1), ""x"""\r\n' +
        `Ann,503,${u3},1,"multi\nline"\r\n` +
        "Bo,504,,0,\r\n"
      const table = yield* read(text)
      const clients = [track(table.clients[0]!, [u1]), table.clients[1]!, track(table.clients[2]!, [u2])]
      const rendered = renderClientsCsv(table, clients)
      assert.strictEqual(
        rendered,
        "name,row_id,file_uuids,file_count,note\r\n" +
          `"Sam",502,${u1},1,"=SUM(A1), ""x"""\r\n` +
          `Ann,503,${u3},1,"multi\nline"\r\n` +
          `Bo,504,${u2},1,\r\n`
      )
      const reread = yield* readClientsTable("clients.csv", utf8(rendered))
      assert.deepStrictEqual(reread.clients, clients)
    }))

  it.effect("gives the file back byte for byte when no tracking changed, missing columns not appended", () =>
    Effect.gen(function*() {
      for (const text of ["name,row_id\n,c0\n", "name,row_id,other,file_count\n,c0,,\n"]) {
        const table = yield* read(text)
        assert.strictEqual(renderClientsCsv(table, table.clients), text)
      }
    }))

  it.effect("clears both cells when a client stops being tracked", () =>
    Effect.gen(function*() {
      const table = yield* read("row_id,file_uuids,file_count\n502,,0\n")
      assert.strictEqual(
        renderClientsCsv(table, [{ ...table.clients[0]!, tracked: false }]),
        "row_id,file_uuids,file_count\n502,,\n"
      )
    }))

  it.effect("leaves a hand-ordered cell alone while its UUIDs do not change", () =>
    Effect.gen(function*() {
      const text = `row_id,file_uuids,file_count\n502,${u2};${u1},2\n`
      const table = yield* read(text)
      assert.strictEqual(renderClientsCsv(table, [track(table.clients[0]!, [u1, u2])]), text)
      assert.strictEqual(
        renderClientsCsv(table, [track(table.clients[0]!, [u3, u2, u1])]),
        `row_id,file_uuids,file_count\n502,${u1};${u2};${u3},3\n`
      )
    }))

  it.effect("keeps a Windows-1252 file byte-identical and writes its edits in Windows-1252", () =>
    Effect.gen(function*() {
      const bytes = Uint8Array.of(
        ...utf8("row_id,name\r\n502,Caf"),
        0xe9,
        0x0d,
        0x0a,
        ...utf8("503,"),
        0x80,
        0x81,
        0x0d,
        0x0a
      )
      const table = yield* readClientsTable("clients.csv", bytes, { encoding: "windows-1252" })
      const rendered = renderClientsCsv(table, [track(table.clients[0]!, []), table.clients[1]!])
      assert.deepStrictEqual(
        encodeCsvText(rendered, table.document.dialect),
        Uint8Array.of(
          ...utf8("row_id,name,file_uuids,file_count\r\n502,Caf"),
          0xe9,
          ...utf8(",,0\r\n503,"),
          0x80,
          0x81,
          ...utf8(",,\r\n")
        )
      )
    }))

  it.effect("renders an unchanged table byte-identical when the tracking columns exist", () =>
    Effect.gen(function*() {
      const text = `\uFEFFfile_uuids\trow_id\tfile_count\r\n"${u1}"\t502\t1\r\n\t"503"\t\r\n\t504\t0`
      const table = yield* read(text)
      const rendered = renderClientsCsv(table, table.clients)
      const document = yield* readCsvDocument("clients.csv", utf8(text))
      assert.deepStrictEqual(
        encodeCsvText(rendered, table.document.dialect),
        encodeCsvText(text.slice(1), document.dialect)
      )
    }))

  it.effect("throws a RangeError when the clients do not match the table", () =>
    Effect.gen(function*() {
      const table = yield* read("row_id\n502\n503\n")
      assert.throws(() => renderClientsCsv(table, table.clients.slice(1)), RangeError)
      assert.throws(() => renderClientsCsv(table, [...table.clients].reverse()), RangeError)
      assert.throws(
        () => renderClientsCsv(table, [{ ...table.clients[0]!, uuids: [u1] }, table.clients[1]!]),
        RangeError
      )
    }))
})
