/**
 * The lenient read `verify` needs: the clients CSV and the ledger as rows of cell text, with
 * no validation beyond the CSV syntax and the header, so that a duplicate row id, a bad
 * tracking cell or a count mismatch becomes a failed check instead of a refusal. Only a file
 * that cannot be read as CSV at all, or lacks the columns to check, is refused (exit 2).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { CsvError } from "../domain/CsvError.ts"
import { readCsvDocument } from "../io/csv/CsvReader.ts"
import { optionalLedgerColumns } from "../io/csv/LedgerContent.ts"
import { ledgerColumns } from "../io/csv/LedgerFile.ts"
import type { ClientRecord, LedgerRecord } from "../pipeline/checks/VerifyInput.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import type { Settings } from "./Settings.ts"

const headerError = (file: string, reason: CsvError["reason"], message: string) =>
  new CsvError({ reason, file, line: 1, column: 1, message })

/**
 * The clients CSV's data rows: line, id cell and tracking cells.
 *
 * @category reading
 */
export const readClientRecords = (settings: Settings): Effect.Effect<ReadonlyArray<ClientRecord>, CsvError, ClientsCsv> =>
  Effect.gen(function*() {
    const clients = yield* ClientsCsv
    const file = clients.file
    const bytes = yield* clients.readBytes
    if (bytes === undefined) return yield* new CsvError({ reason: "Unreadable", file, line: 0, column: 0, message: "File does not exist" })
    const document = yield* readCsvDocument(file, bytes, {
      ...(settings.delimiter === undefined ? {} : { delimiter: settings.delimiter }),
      encoding: settings.encoding
    })
    const fields = document.header.fields
    const idColumn = fields.indexOf(settings.columns.id)
    if (idColumn === -1) {
      return yield* headerError(file, "MissingIdColumn", `No ${JSON.stringify(settings.columns.id)} column in the header; name the id column with --id-column`)
    }
    const uuidsColumn = fields.indexOf(settings.columns.uuids)
    const countColumn = fields.indexOf(settings.columns.count)
    return document.rows.map((row): ClientRecord => ({
      line: row.line,
      rowId: row.fields[idColumn] ?? "",
      uuidsCell: uuidsColumn === -1 ? undefined : row.fields[uuidsColumn] ?? "",
      countCell: countColumn === -1 ? undefined : row.fields[countColumn] ?? ""
    }))
  })

/**
 * The ledger's data rows as cell text; no rows when there is no ledger yet.
 *
 * @category reading
 */
export const readLedgerRecords = (): Effect.Effect<ReadonlyArray<LedgerRecord>, CsvError, Ledger> =>
  Effect.gen(function*() {
    const ledger = yield* Ledger
    const file = ledger.file
    const bytes = yield* ledger.readBytes
    if (bytes === undefined) return []
    const document = yield* readCsvDocument(file, bytes, { delimiter: ",", encoding: "utf-8", anyCharacter: true })
    const index = new Map(document.header.fields.map((name, column) => [name, column]))
    for (const name of ledgerColumns) {
      if (!optionalLedgerColumns.has(name) && !index.has(name)) {
        return yield* headerError(file, "InvalidCell", `Ledger header lacks the ${JSON.stringify(name)} column`)
      }
    }
    return document.rows.map((row): LedgerRecord => {
      const cell = (name: string) => row.fields[index.get(name)!] ?? ""
      return {
        line: row.line,
        uuid: cell("uuid"),
        key: cell("key"),
        rowId: cell("row_id"),
        status: cell("status"),
        evidence: cell("evidence"),
        confidence: cell("confidence"),
        size: cell("size")
      }
    })
  })
