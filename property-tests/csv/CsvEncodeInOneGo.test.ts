/**
 * `encodeClientsCsv` and `encodeLedger` encode as they render; they must give exactly the
 * bytes of rendering the whole text and encoding it (`encodeCsvText(renderClientsCsv(…))`,
 * `TextEncoder` of `renderLedger(…)`), on clients CSVs in every dialect (delimiters, line
 * endings, BOM, Windows-1252, needless quotes, tracking columns present or appended, cells
 * changed or kept) and on ledgers whose cells hold any character, lone surrogates included.
 */
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import type { ClientRow } from "../../src/domain/ClientRow.ts"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { encodeClientsCsv, readClientsTable, renderClientsCsv } from "../../src/io/csv/ClientsTable.ts"
import type { CsvDelimiter } from "../../src/io/csv/CsvDialect.ts"
import { type CsvEncoding, encodeCsvText } from "../../src/io/csv/CsvEncoding.ts"
import { encodeLedger, renderLedger } from "../../src/io/csv/LedgerFile.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

const pool = Array.from({ length: 6 }, (_, index) => `0000000${index}-0000-4000-8000-00000000000${index}` as FileUuid)
const text = (units: ReadonlyArray<string>) => fc.string({ unit: fc.constantFrom(...units), maxLength: 6 })
const utf8Units = ["a", " ", '"', ",", ";", "\t", "\n", "\r", "é", "日", "😀", "€"]
const windowsUnits = ["a", " ", '"', ",", ";", "\t", "\n", "\r", "é", "€", "\u0081"]

const clientsArbitrary = fc.constantFrom<CsvEncoding>("utf-8", "windows-1252").chain((encoding) =>
  fc.record({
    delimiter: fc.constantFrom<CsvDelimiter>(",", ";", "\t"),
    encoding: fc.constant(encoding),
    bom: fc.boolean().map((bom) => bom && encoding === "utf-8"),
    ending: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
    quoteAll: fc.boolean(),
    tracking: fc.constantFrom("both", "uuids", "none"),
    rows: fc.array(
      fc.record({
        name: text(encoding === "utf-8" ? utf8Units : windowsUnits),
        before: fc.subarray(pool),
        after: fc.subarray(pool),
        trackedAfter: fc.boolean()
      }),
      { minLength: 1, maxLength: 6 }
    )
  })
)

describe("encoding as it renders", () => {
  it("encodeClientsCsv gives the bytes of the rendered text, encoded", async () => {
    const reach = makeReach("clients CSVs with a changed row")
    await fc.assert(
      fc.asyncProperty(clientsArbitrary, reach.counted(async (layout) => {
        const { delimiter, ending } = layout
        const quote = (value: string) =>
          layout.quoteAll || /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value
        const header = ["name", "row_id", ...(layout.tracking === "none" ? [] : ["file_uuids"]), ...(layout.tracking === "both" ? ["file_count"] : [])]
        // Each UUID belongs to one client at most, before and after.
        const owned = (pick: (row: typeof layout.rows[number]) => ReadonlyArray<FileUuid>) =>
          layout.rows.map((row, index) => pick(row).filter((uuid) => layout.rows.findIndex((other) => pick(other).includes(uuid)) === index))
        const before = owned((row) => (layout.tracking === "both" ? row.before : []))
        const after = owned((row) => row.after)
        const lines = [header.map(quote).join(delimiter), ...layout.rows.map((row, index) => {
          const cells = [row.name, `r${index}`]
          if (layout.tracking !== "none") cells.push(before[index]!.join(";"))
          if (layout.tracking === "both") cells.push(before[index]!.length > 0 ? String(before[index]!.length) : "")
          return cells.map(quote).join(delimiter)
        })]
        const bytes = encodeCsvText(lines.join(ending) + (layout.finalNewline ? ending : ""), layout)
        const table = await Effect.runPromise(readClientsTable("clients.csv", bytes, { encoding: layout.encoding }))
        const clients: ReadonlyArray<ClientRow> = table.clients.map((client, index) => ({
          ...client,
          tracked: layout.rows[index]!.trackedAfter || after[index]!.length > 0,
          uuids: after[index]!
        }))
        const expected = encodeCsvText(renderClientsCsv(table, clients), table.document.dialect)
        expect(encodeClientsCsv(table, clients)).toEqual(expected)
        expect(encodeClientsCsv(table, table.clients)).toEqual(bytes)
        if (expected.length !== bytes.length) reach.reached()
      })),
      { numRuns: 300 }
    )
    reach.expectReached(0.5)
  })

  it("encodeLedger gives the bytes of the rendered ledger, encoded", () => {
    const reach = makeReach("ledgers with a row")
    const cell = fc.string({ unit: fc.constantFrom("a", '"', ",", "\n", "\r", "😀", "\uD83D", "\uDE00", "\u0000", "\uFEFF"), maxLength: 8 })
    const mappings = fc.array(
      fc.record({
        uuid: fc.uuid().map((uuid) => uuid as FileUuid),
        key: fc.option(cell, { nil: null }),
        why: cell,
        etag: fc.option(cell, { nil: null }),
        detail: cell
      }).map(({ detail, etag, key, uuid, why }): Mapping => ({
        uuid,
        key: key as Mapping["key"],
        rowId: "502" as Mapping["rowId"],
        status: "mapped",
        evidence: [{ source: "client-folder", rowId: "502" as Mapping["evidence"][number]["rowId"], detail }],
        confidence: 1,
        why,
        size: 3,
        etag,
        lastModified: null,
        metadata: null
      })),
      { maxLength: 5 }
    )
    fc.assert(
      fc.property(mappings, fc.option(fc.constant("ab".repeat(32)), { nil: undefined }), reach.counted((rows, digest) => {
        if (rows.length > 0) reach.reached()
        expect(encodeLedger(rows, digest)).toEqual(new TextEncoder().encode(renderLedger(rows, digest)))
      })),
      { numRuns: 300 }
    )
    reach.expectReached(0.6)
  })
})
