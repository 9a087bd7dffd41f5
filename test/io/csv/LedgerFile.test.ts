import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { CsvError } from "../../../src/domain/CsvError.ts"
import type { FileUuid } from "../../../src/domain/FileUuid.ts"
import type { Mapping } from "../../../src/domain/Mapping.ts"
import { unsafeObjectKey } from "../../../src/domain/ObjectKey.ts"
import { unsafeRowId } from "../../../src/domain/RowId.ts"
import { formatConfidence, ledgerColumns, readLedger, renderLedger } from "../../../src/io/csv/LedgerFile.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const located = ({ column, file, line, reason }: CsvError) => ({ reason, file, line, column })
const failure = (text: string) => Effect.map(Effect.flip(readLedger("clients.ledger.csv", utf8(text))), located)

const u1 = "11111111-1111-4111-8111-111111111111" as FileUuid
const u2 = "22222222-2222-4222-8222-222222222222" as FileUuid
const fullHeader = ledgerColumns.join(",")
// Most rows below are written as a ledger from before the metadata column, which must read.
const header = ledgerColumns.filter((column) => column !== "metadata").join(",")

const mapped: Mapping = {
  uuid: u1,
  key: unsafeObjectKey('502/Sam, Torode/résumé "final".pdf'),
  rowId: unsafeRowId("502"),
  status: "mapped",
  evidence: [
    { source: "client-folder", rowId: unsafeRowId("502"), detail: '502/Sam, Torode/résumé "final".pdf' },
    { source: "migration-log", rowId: unsafeRowId("502"), detail: "moves.csv line 3\nsecond line" }
  ],
  confidence: 1,
  why: "in the folder of client 502",
  size: 1024,
  etag: '"9e107d9d372bb6826bd81d3542a419d6"',
  lastModified: "2024-05-01T10:00:00.000Z",
  metadata: null
}
const missing: Mapping = {
  uuid: u2,
  key: null,
  rowId: null,
  status: "unmapped",
  evidence: [],
  confidence: 0.35,
  why: "",
  size: null,
  etag: null,
  lastModified: null,
  metadata: null
}

const renderedHeader = `${fullHeader},clients_sha256`
const digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

describe("renderLedger", () => {
  it("writes the header, one comma-separated line per mapping, empty cells for nulls", () => {
    assert.strictEqual(
      renderLedger([mapped, missing]),
      `${renderedHeader}\n` +
        `${u1},"502/Sam, Torode/résumé ""final"".pdf",502,mapped,` +
        `"[{""source"":""client-folder"",""row_id"":""502"",""detail"":""502/Sam, Torode/résumé \\""final\\"".pdf""},` +
        `{""source"":""migration-log"",""row_id"":""502"",""detail"":""moves.csv line 3\\nsecond line""}]",` +
        `1,1024,"""9e107d9d372bb6826bd81d3542a419d6""",2024-05-01T10:00:00.000Z,in the folder of client 502,,\n` +
        `${u2},,,unmapped,[],0.35,,,,,,\n`
    )
  })

  it("writes the clients CSV's sha256 on the first row only", () => {
    const lines = renderLedger([mapped, missing], digest).split("\n")
    assert.isTrue(lines[1]!.endsWith(`,in the folder of client 502,,${digest}`))
    assert.strictEqual(lines[2], `${u2},,,unmapped,[],0.35,,,,,,`)
  })

  it("writes only the header for an empty ledger", () => {
    assert.strictEqual(renderLedger([]), `${renderedHeader}\n`)
  })

  it("does not neutralise formula-like keys, which must read back exactly", () => {
    const rendered = renderLedger([{ ...missing, key: unsafeObjectKey("=cmd.pdf") }])
    assert.include(rendered, ",=cmd.pdf,")
  })
})

describe("the metadata column", () => {
  const reading = {
    etag: '"9e107d9d372bb6826bd81d3542a419d6"',
    lastModified: "2024-05-01T10:00:00.000Z",
    names: ["client-id", "original-key", "row-id"],
    values: { "row-id": "502", "client-id": "c,9" }
  }

  it("writes a reading as compact JSON with its values in name order, and reads it back", () =>
    Effect.runPromise(Effect.gen(function*() {
      const rendered = renderLedger([{ ...missing, metadata: reading }])
      assert.include(
        rendered,
        `,"{""etag"":""\\""9e107d9d372bb6826bd81d3542a419d6\\"""",""last_modified"":""2024-05-01T10:00:00.000Z"",` +
          `""names"":[""client-id"",""original-key"",""row-id""],""values"":{""client-id"":""c,9"",""row-id"":""502""}}",\n`
      )
      assert.deepStrictEqual(yield* readLedger("l.csv", utf8(rendered)), [{ ...missing, metadata: reading }])
    })))

  it.effect("refuses a metadata cell that is not the JSON uuidmap writes, naming its line and column", () =>
    Effect.gen(function*() {
      for (const cell of ["{", "[]", "{\"\"etag\"\":1}", "{\"\"etag\"\":\"\"e\"\",\"\"last_modified\"\":\"\"t\"\",\"\"names\"\":[1],\"\"values\"\":{}}", "{\"\"etag\"\":\"\"e\"\",\"\"last_modified\"\":\"\"t\"\",\"\"names\"\":[],\"\"values\"\":{\"\"a\"\":1}}", "{\"\"etag\"\":\"\"e\"\",\"\"last_modified\"\":\"\"t\"\",\"\"names\"\":[],\"\"values\"\":[]}"]) {
        const error = yield* Effect.flip(readLedger("l.csv", utf8(`${fullHeader}\n${u1},,,unmapped,[],0,,,,,"${cell}"\n`)))
        assert.deepStrictEqual(located(error), { reason: "InvalidCell", file: "l.csv", line: 2, column: 58 }, cell)
        assert.include(error.message, "is not the JSON uuidmap writes")
      }
    }))
})

describe("formatConfidence", () => {
  it("rounds to two decimals without trailing zeros", () => {
    assert.deepStrictEqual([1, 0, 0.5, 0.35, 2 / 3, 0.999, 0.001, -0].map(formatConfidence), [
      "1",
      "0",
      "0.5",
      "0.35",
      "0.67",
      "1",
      "0",
      "0"
    ])
  })
})

describe("readLedger", () => {
  it.effect("reads back what renderLedger wrote", () =>
    Effect.gen(function*() {
      const mappings = yield* readLedger("l.csv", utf8(renderLedger([mapped, missing])))
      assert.deepStrictEqual(mappings, [mapped, missing])
    }))

  it.effect("reads a ledger with CRLF, a BOM, columns in another order and no why column", () =>
    Effect.gen(function*() {
      const text =
        `\uFEFFstatus,uuid,key,row_id,evidence,confidence,size,etag,last_modified\r\nunmapped,${u2},,,[],0.35,,,\r\n`
      assert.deepStrictEqual(yield* readLedger("l.csv", utf8(text)), [missing])
    }))

  it.effect("reads an empty evidence cell as no evidence", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* readLedger("l.csv", utf8(`${header}\n${u2},,,unmapped,,0.35,,,,\n`)), [missing])
    }))

  it.effect("refuses an invalid UUID", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure(`${header}\n${u1.toUpperCase()}x,,,unmapped,[],0,,,,\n`), {
        reason: "InvalidUuid",
        file: "clients.ledger.csv",
        line: 2,
        column: 1
      })
    }))

  it.effect("refuses a UUID listed twice, naming the first line", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        readLedger(
          "l.csv",
          utf8(`${header}\n${u1},,,unmapped,[],0,,,,\n${u2},,,unmapped,[],0,,,,\n${u1},,,review,[],0,,,,\n`)
        )
      )
      assert.deepStrictEqual(located(error), { reason: "DuplicateUuid", file: "l.csv", line: 4, column: 1 })
      assert.include(error.message, "line 2")
    }))

  it.effect("refuses a key listed twice (two UUIDs for one file), naming the first line and its UUID", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        readLedger("l.csv", utf8(`${header}\n${u1},502/a.pdf,502,mapped,[],1,,,,\n${u2},502/a.pdf,502,mapped,[],1,,,,\n`))
      )
      assert.deepStrictEqual(located(error), { reason: "DuplicateKey", file: "l.csv", line: 3, column: 38 })
      assert.include(error.message, `line 2 with UUID "${u1}"`)
    }))

  it.effect("allows many rows without a key (UUIDs whose file is gone)", () =>
    Effect.gen(function*() {
      const rows = yield* readLedger("l.csv", utf8(`${header}\n${u1},,502,missing,[],1,,,,\n${u2},,503,missing,[],1,,,,\n`))
      assert.strictEqual(rows.length, 2)
    }))

  it.effect("refuses a mapped or review row without a row_id", () =>
    Effect.gen(function*() {
      for (const status of ["mapped", "review"]) {
        const error = yield* Effect.flip(readLedger("l.csv", utf8(`${header}\n${u1},502/a.pdf,,${status},[],1,,,,\n`)))
        assert.deepStrictEqual(located(error), { reason: "InvalidCell", file: "l.csv", line: 2, column: 48 })
        assert.include(error.message, "row_id is empty")
      }
    }))

  it.effect("keeps keys holding any character, NUL and U+FEFF included", () =>
    Effect.gen(function*() {
      const odd = { ...mapped, key: unsafeObjectKey("502/\uFEFFa\u0000b\r.pdf") }
      assert.deepStrictEqual(yield* readLedger("l.csv", utf8(renderLedger([odd]))), [odd])
    }))

  it.effect("refuses an unknown status", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure(`${header}\n${u1},k,502,done,[],0,,,,\n`), {
        reason: "InvalidCell",
        file: "clients.ledger.csv",
        line: 2,
        column: 44
      })
    }))

  it.effect("refuses evidence that is not the JSON uuidmap writes", () =>
    Effect.gen(function*() {
      for (
        const evidence of [
          "[",
          "{}",
          '[{"source":"guess","row_id":"1","detail":""}]',
          '[{"source":"records","row_id":"","detail":""}]',
          "[1]"
        ]
      ) {
        const cell = `"${evidence.replaceAll('"', '""')}"`
        assert.deepStrictEqual(yield* failure(`${header}\n${u1},,,unmapped,${cell},0,,,,\n`), {
          reason: "InvalidCell",
          file: "clients.ledger.csv",
          line: 2,
          column: 49
        })
      }
    }))

  it.effect("refuses a confidence that is not a number from 0 to 1", () =>
    Effect.gen(function*() {
      for (const confidence of ["", "high", "1.5", "-0.1", "1e-3", ".5"]) {
        assert.deepStrictEqual(yield* failure(`${header}\n${u1},,,unmapped,[],${confidence},,,,\n`), {
          reason: "InvalidCell",
          file: "clients.ledger.csv",
          line: 2,
          column: 52
        })
      }
    }))

  it.effect("refuses a size that is not a non-negative integer", () =>
    Effect.gen(function*() {
      for (const size of ["1.5", "-1", "big", "99999999999999999999"]) {
        assert.deepStrictEqual(yield* failure(`${header}\n${u1},,,unmapped,[],0,${size},,,\n`), {
          reason: "InvalidCell",
          file: "clients.ledger.csv",
          line: 2,
          column: 54
        })
      }
    }))

  it.effect("refuses unknown, repeated and missing columns", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure(`${header},extra\n`), {
        reason: "InvalidCell",
        file: "clients.ledger.csv",
        line: 1,
        column: header.length + 2
      })
      assert.deepStrictEqual(yield* failure(`uuid,key,uuid\n`), {
        reason: "InvalidCell",
        file: "clients.ledger.csv",
        line: 1,
        column: 10
      })
      const withoutStatus = ledgerColumns.filter((name) => name !== "status").join(",")
      const error = yield* Effect.flip(readLedger("l.csv", utf8(`${withoutStatus}\n`)))
      assert.deepStrictEqual(located(error), {
        reason: "InvalidCell",
        file: "l.csv",
        line: 1,
        column: withoutStatus.length + 1
      })
      assert.include(error.message, '"status"')
    }))

  it.effect("reports the reader's errors", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure(`${header}\n${u1},,,unmapped\n`), {
        reason: "FieldCount",
        file: "clients.ledger.csv",
        line: 2,
        column: 48
      })
    }))
})
