/**
 * Round-trip invariants of the lossless CSV layer, on generated files with every quirk a CRM
 * or spreadsheet produces: quotes (needed and needless), embedded CR/LF, CRLF or LF, BOM,
 * unicode and control characters, the three delimiters, Windows-1252, with and without a final
 * newline, blank lines at the end. (Files the reader refuses, such as mixed line endings or a
 * NUL, are the fuzz suite's business.) The ledger, whose cells hold object keys, keeps every
 * character, NUL and U+FEFF included.
 */
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import type { ClientRow } from "../../src/domain/ClientRow.ts"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import { readClientsTable, renderClientsCsv } from "../../src/io/csv/ClientsTable.ts"
import type { CsvDelimiter } from "../../src/io/csv/CsvDialect.ts"
import { type CsvEncoding, encodeCsvText } from "../../src/io/csv/CsvEncoding.ts"
import { readCsvDocument } from "../../src/io/csv/CsvReader.ts"
import { renderCsvDocument } from "../../src/io/csv/CsvWriter.ts"
import { ledgerColumns, readLedger, renderLedger } from "../../src/io/csv/LedgerFile.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

const numRuns = 150

// Characters that stress CSV: every delimiter, quotes, line-break halves, spreadsheet triggers.
const trickyUnits = ["a", "b", " ", '"', ",", ";", "\t", "\n", "\r", "é", "=", "-", "@", "'"]
// Every Windows-1252 character but NUL, which no text file holds.
const windows1252Characters = Array.from(
  new TextDecoder("windows-1252").decode(Uint8Array.from({ length: 255 }, (_, byte) => byte + 1))
)

const cellArbitrary = (encoding: CsvEncoding, special = ["日", "😀", "\u0001", "€"]): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...trickyUnits) },
      { weight: 1, arbitrary: encoding === "utf-8" ? fc.constantFrom(...special) : fc.constantFrom(...windows1252Characters) }
    ),
    maxLength: 8
  })

// Header names hold no delimiter candidate, so detection must find the file's delimiter.
const headerNameArbitrary = fc.string({ unit: fc.constantFrom("a", "z", "_", " ", '"', "\n", "é"), maxLength: 6 })

interface Layout {
  readonly delimiter: CsvDelimiter
  readonly encoding: CsvEncoding
  readonly bom: boolean
  readonly lineEnding: "\n" | "\r\n"
  readonly finalNewline: boolean
  readonly trailer: string
  readonly needlessQuotes: ReadonlyArray<boolean>
}

const layoutArbitrary: fc.Arbitrary<Layout> = fc
  .record({
    delimiter: fc.constantFrom<CsvDelimiter>(",", ";", "\t"),
    encoding: fc.constantFrom<CsvEncoding>("utf-8", "windows-1252"),
    bom: fc.boolean(),
    lineEnding: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
    finalNewline: fc.boolean(),
    trailer: fc.constantFrom("", "", "", "\n", "\r\n\n"),
    needlessQuotes: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 })
  })
  .map((layout) => ({ ...layout, bom: layout.bom && layout.encoding === "utf-8" }))

/** Writes a CSV file the way assorted tools do, and returns its bytes. */
const writeCsv = (layout: Layout, records: ReadonlyArray<ReadonlyArray<string>>): Uint8Array => {
  const { delimiter } = layout
  let quoteTurn = 0
  const field = (value: string): string => {
    const mustQuote = value.includes(delimiter) || /["\r\n]/.test(value)
    const quote = mustQuote || layout.needlessQuotes[quoteTurn++ % layout.needlessQuotes.length]!
    return quote ? `"${value.replaceAll('"', '""')}"` : value
  }
  const lines = records.map((record, index) => {
    const isLast = index === records.length - 1
    const ending = isLast && !layout.finalNewline ? "" : layout.lineEnding
    return record.map(field).join(delimiter) + ending
  })
  const text = lines.join("") + (layout.finalNewline ? layout.trailer : "")
  return encodeCsvText(text, layout)
}

const tableArbitrary = (width: fc.Arbitrary<number>, minRows = 0) =>
  fc.tuple(layoutArbitrary, width).chain(([layout, columns]) =>
    fc.record({
      layout: fc.constant(layout),
      header: fc.array(headerNameArbitrary, { minLength: columns, maxLength: columns }),
      rows: fc.array(fc.array(cellArbitrary(layout.encoding), { minLength: columns, maxLength: columns }), {
        minLength: minRows,
        maxLength: 6
      })
    })
  )

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

describe("CSV round trip", () => {
  it("reads every generated file's fields and renders it back byte for byte when nothing is edited", async () => {
    const reach = makeReach("CSV round trip with quoted fields")
    await fc.assert(
      fc.asyncProperty(tableArbitrary(fc.integer({ min: 2, max: 5 })), reach.counted(async ({ header, layout, rows }) => {
        const bytes = writeCsv(layout, [header, ...rows])
        const document = await run(readCsvDocument("a.csv", bytes, { encoding: layout.encoding }))
        expect(document.dialect.delimiter).toBe(layout.delimiter)
        expect(document.dialect.bom).toBe(layout.bom)
        expect([document.header.fields, ...document.rows.map((row) => row.fields)]).toEqual([header, ...rows])
        expect(encodeCsvText(renderCsvDocument(document), document.dialect)).toEqual(bytes)
        // The interesting files: rows, and at least one field that had to be quoted.
        if (rows.length > 0 && new TextDecoder("windows-1252").decode(bytes).includes('"')) reach.reached()
      })),
      { numRuns }
    )
    reach.expectReached(0.5)
  })

  it("changes only the tracking cells of clients whose tracking changed", async () => {
    const pool = Array.from(
      { length: 8 },
      (_, index) => `${index.toString(16).padStart(8, "0")}-0000-4000-8000-00000000000${index}` as FileUuid
    )
    const owners = fc.array(fc.option(fc.nat({ max: 5 }), { nil: undefined }), {
      minLength: pool.length,
      maxLength: pool.length
    })
    const flags = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 })
    // A clients CSV has at least one client (a header alone is refused).
    const scenario = tableArbitrary(fc.integer({ min: 1, max: 3 }), 1).chain((table) =>
      fc.record({
        table: fc.constant(table),
        idSuffixes: fc.array(cellArbitrary(table.layout.encoding), {
          minLength: table.rows.length,
          maxLength: table.rows.length
        }),
        idPosition: fc.nat(),
        hasUuids: fc.boolean(),
        hasCount: fc.boolean(),
        ownersBefore: owners,
        trackedBefore: flags,
        ownersAfter: owners,
        trackedAfter: flags
      })
    )
    const reach = makeReach("only changed tracking cells are written")
    await fc.assert(
      fc.asyncProperty(scenario, reach.counted(async (s) => {
        const { layout } = s.table
        // Ids are unique, and never have spaces around them (the reader refuses those).
        const rowIds = s.idSuffixes.map((suffix, index) => `r${index}:${suffix}:`)
        const ownedBy = (ownerOf: ReadonlyArray<number | undefined>, row: number) =>
          pool.filter((_, uuid) => ownerOf[uuid] === row)
        const before: ReadonlyArray<ClientRow> = rowIds.map((rowId, row) => {
          const uuids = s.hasUuids && s.hasCount ? ownedBy(s.ownersBefore, row) : []
          return {
            rowId: unsafeRowId(rowId),
            tracked: s.hasCount && (s.trackedBefore[row]! || uuids.length > 0),
            uuids
          }
        })
        const after: ReadonlyArray<ClientRow> = rowIds.map((rowId, row) => {
          const uuids = ownedBy(s.ownersAfter, row).reverse()
          return { rowId: unsafeRowId(rowId), tracked: s.trackedAfter[row]! || uuids.length > 0, uuids }
        })

        // Build the clients CSV: the id column somewhere among the others, tracking columns maybe.
        const names = s.table.header.map((name, index) => `${name}#${index}`)
        const idColumn = s.idPosition % (names.length + 1)
        const header = [...names.slice(0, idColumn), "row_id", ...names.slice(idColumn)]
        if (s.hasUuids) header.push("file_uuids")
        if (s.hasCount) header.push("file_count")
        const records = s.table.rows.map((cells, row) => {
          const record = [...cells.slice(0, idColumn), rowIds[row]!, ...cells.slice(idColumn)]
          const client = before[row]!
          if (s.hasUuids) record.push(client.uuids.join(";"))
          if (s.hasCount) record.push(client.tracked ? String(client.uuids.length) : "")
          return record
        })
        const bytes = writeCsv(layout, [header, ...records])

        const table = await run(readClientsTable("clients.csv", bytes, { encoding: layout.encoding }))
        expect(table.clients).toEqual(before)
        const rendered = renderClientsCsv(table, after)
        const reread = await run(
          readClientsTable("clients.csv", encodeCsvText(rendered, table.document.dialect), {
            encoding: layout.encoding
          })
        )

        expect(reread.clients).toEqual(after.map((client) => ({ ...client, uuids: [...client.uuids].sort() })))
        expect(reread.document.dialect).toEqual(table.document.dialect)
        expect(reread.document.trailer).toBe(table.document.trailer)
        const changedRow = (row: number) =>
          before[row]!.tracked !== after[row]!.tracked || before[row]!.uuids.join() !== [...after[row]!.uuids].sort().join()
        // Missing tracking columns are appended only when some tracking cell is written.
        const anyChanged = before.some((_, row) => changedRow(row))
        // A case that writes some cells and keeps others is the one this property is about.
        if (anyChanged && before.some((_, row) => !changedRow(row))) reach.reached()
        const appended = anyChanged ? (s.hasUuids ? 0 : 1) + (s.hasCount ? 0 : 1) : 0
        expect(reread.document.header.fields.slice(0, header.length)).toEqual(header)
        expect(reread.document.header.fields.length).toBe(header.length + appended)
        const tracking = new Set([reread.uuidsColumn, reread.countColumn])
        table.document.rows.forEach((original, row) => {
          const now = reread.document.rows[row]!
          original.fields.forEach((value, column) => {
            if (!tracking.has(column)) expect(now.fields[column]).toBe(value)
          })
          if (!changedRow(row)) {
            const terminator = /\r?\n$/.exec(original.raw)?.[0] ?? ""
            const body = original.raw.slice(0, original.raw.length - terminator.length)
            expect(now.raw).toBe(body + layout.delimiter.repeat(appended) + terminator)
          }
        })
      })),
      { numRuns }
    )
    reach.expectReached(0.2)
  })
})

// Object keys and evidence may hold any character: NUL and U+FEFF too.
const textArbitrary = cellArbitrary("utf-8", ["日", "😀", "\u0000", "\uFEFF", "€"])
const nonEmptyText = textArbitrary.filter((text) => text !== "")

// What the reader accepts: one row per UUID and per key, an owner on mapped and review rows.
const mappingsArbitrary: fc.Arbitrary<ReadonlyArray<Mapping>> = fc
  .uniqueArray(fc.tuple(fc.uuid({ version: [1, 4, 7] }), fc.option(nonEmptyText, { nil: null })), {
    maxLength: 6,
    selector: ([uuid]) => uuid
  })
  .filter((rows) => new Set(rows.flatMap(([, key]) => (key === null ? [] : [key]))).size === rows.filter(([, key]) => key !== null).length)
  .chain((rows) =>
    fc.tuple(
      ...rows.map(([uuid, key]) =>
        fc.record({
          uuid: fc.constant(uuid as FileUuid),
          key: fc.constant(key === null ? null : unsafeObjectKey(key)),
          rowId: fc.option(nonEmptyText.map(unsafeRowId), { nil: null }),
          status: fc.constantFrom("mapped" as const, "review" as const, "unmapped" as const, "missing" as const),
          evidence: fc.array(
            fc.record({
              source: fc.constantFrom(
                "human" as const,
                "client-folder" as const,
                "migration-log" as const,
                "weak" as const
              ),
              rowId: nonEmptyText.map(unsafeRowId),
              detail: textArbitrary
            }),
            { maxLength: 3 }
          ),
          confidence: fc.integer({ min: 0, max: 100 }).map((hundredths) => hundredths / 100),
          why: textArbitrary,
          size: fc.option(fc.nat(), { nil: null }),
          etag: fc.option(nonEmptyText, { nil: null }),
          lastModified: fc.option(nonEmptyText, { nil: null }),
          metadata: fc.option(
            fc.record({
              etag: textArbitrary,
              lastModified: textArbitrary,
              names: fc.uniqueArray(nonEmptyText, { maxLength: 3 }),
              values: fc.dictionary(nonEmptyText, textArbitrary, { maxKeys: 3 })
            }),
            { nil: null }
          )
        }).map((mapping) =>
          mapping.rowId === null && (mapping.status === "mapped" || mapping.status === "review")
            ? { ...mapping, rowId: unsafeRowId("502") }
            : mapping
        )
      )
    )
  )

describe("ledger round trip", () => {
  it("reads back exactly the mappings it rendered, and renders them again byte-identical", async () => {
    const reach = makeReach("ledger round trip")
    await fc.assert(
      fc.asyncProperty(mappingsArbitrary, reach.counted(async (mappings) => {
        if (mappings.length > 0) reach.reached()
        const rendered = renderLedger(mappings)
        expect(rendered.startsWith(`${ledgerColumns.join(",")},clients_sha256\n`)).toBe(true)
        const read = await run(readLedger("l.csv", new TextEncoder().encode(rendered)))
        expect(read).toEqual(mappings)
        expect(renderLedger(read)).toBe(rendered)
      })),
      { numRuns }
    )
    reach.expectReached(0.6)
  })
})
