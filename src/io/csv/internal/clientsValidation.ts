/**
 * Validation of a clients CSV (SPEC §4): the id column, row ids, tracking cells and counts,
 * each problem as a CsvError at its cell.
 *
 * @internal
 * @module
 */
import type { ClientRow } from "../../../domain/ClientRow.ts"
import { CsvError, type CsvErrorReason } from "../../../domain/CsvError.ts"
import { type FileUuid, isFileUuid } from "../../../domain/FileUuid.ts"
import { unsafeRowId } from "../../../domain/RowId.ts"
import type { ClientsColumns, ClientsTable } from "../ClientsTable.ts"
import { findUnencodable } from "../CsvEncoding.ts"
import type { CsvDocument, CsvRecord } from "../CsvReader.ts"
import { cellError } from "./cellError.ts"
import { rowIdChecker } from "./rowIds.ts"
import { countNewlines, quoteValue } from "./textPosition.ts"

/** Checks a clients document and builds its table, or returns the first problem. */
export const validateClients = (document: CsvDocument, columns: ClientsColumns): ClientsTable | CsvError => {
  const { file, header } = document
  const { delimiter } = document.dialect
  const headerError = (column: number, reason: "MissingIdColumn" | "InvalidCell", message: string) =>
    cellError(file, header, column, delimiter, reason, message)

  const names = [columns.idColumn, columns.uuidsColumn, columns.countColumn]
  if (new Set(names).size !== names.length) {
    return headerError(
      0,
      "InvalidCell",
      `The id, UUIDs and count columns must have different names; got ${names.map(quoteValue).join(", ")}`
    )
  }
  const indexes: Array<number | undefined> = []
  for (const name of names) {
    const first = header.fields.indexOf(name)
    const second = first === -1 ? -1 : header.fields.indexOf(name, first + 1)
    if (second !== -1) {
      return headerError(
        second,
        "InvalidCell",
        `Column ${quoteValue(name)} appears twice in the header (fields ${first + 1} and ${second + 1})`
      )
    }
    if (first === -1 && name !== columns.idColumn && findUnencodable(name, document.dialect.encoding) !== -1) {
      return headerError(
        0,
        "InvalidCell",
        `Column name ${quoteValue(name)} cannot be written in ${document.dialect.encoding}`
      )
    }
    indexes.push(first === -1 ? undefined : first)
  }
  const [idColumn, uuidsColumn, countColumn] = indexes
  if (idColumn === undefined) {
    const known = header.fields.slice(0, 20).map(quoteValue).join(", ")
    return headerError(
      0,
      "MissingIdColumn",
      `No ${quoteValue(columns.idColumn)} column in the header (columns: ${known}); name the id column with --id-column`
    )
  }

  if (document.rows.length === 0) {
    return new CsvError({
      reason: "NoRows",
      file,
      line: header.line + countNewlines(header.raw),
      column: 1,
      message: "File has a header line but no client rows; check that this is the right file (an empty export?)"
    })
  }

  const error = (row: CsvRecord, column: number, reason: CsvErrorReason, message: string) =>
    cellError(file, row, column, delimiter, reason, message)
  const idProblem = rowIdChecker(document.rows, idColumn)
  const clients: Array<ClientRow> = []
  const uuidOwners = new Map<string, CsvRecord>()
  for (const row of document.rows) {
    const rowId = row.fields[idColumn]!
    const problem = idProblem(row)
    if (problem !== undefined) return error(row, idColumn, problem.reason, problem.message)

    const uuidsCell = uuidsColumn === undefined ? "" : row.fields[uuidsColumn]!
    const uuids = parseUuidsCell(uuidsCell)
    if (!Array.isArray(uuids)) return error(row, uuidsColumn!, uuids.reason, uuids.message)
    for (const uuid of uuids) {
      const owner = uuidOwners.get(uuid)
      if (owner !== undefined) {
        const ownerId = quoteValue(owner.fields[idColumn]!)
        const message = `UUID ${quoteValue(uuid)} is also listed for row id ${ownerId} on line ${owner.line}`
        return error(row, uuidsColumn!, "DuplicateUuid", message)
      }
      uuidOwners.set(uuid, row)
    }

    const countCell = countColumn === undefined ? "" : row.fields[countColumn]!
    if (countCell === "") {
      if (uuids.length > 0) {
        return countColumn === undefined
          ? error(
            row,
            uuidsColumn!,
            "CountMismatch",
            `Tracking cell lists ${uuids.length} UUIDs but there is no ${quoteValue(columns.countColumn)} column`
          )
          : error(row, countColumn, "CountMismatch", `Count is empty but the tracking cell lists ${uuids.length} UUIDs`)
      }
    } else if (!/^[0-9]+$/.test(countCell)) {
      return error(row, countColumn!, "CountMismatch", `Count ${quoteValue(countCell)} is not a non-negative integer`)
    } else if (Number(countCell) !== uuids.length) {
      return error(
        row,
        countColumn!,
        "CountMismatch",
        `Count is ${countCell} but the tracking cell lists ${uuids.length} UUIDs`
      )
    }
    clients.push({ rowId: unsafeRowId(rowId), tracked: countCell !== "", uuids: uuids.sort() })
  }
  return { document, columns, idColumn, uuidsColumn, countColumn, clients }
}

interface CellProblem {
  readonly reason: "InvalidUuid" | "DuplicateUuid"
  readonly message: string
}

/** The UUIDs of a tracking cell, or why it is invalid. */
const parseUuidsCell = (cell: string): Array<FileUuid> | CellProblem => {
  if (cell === "") return []
  const uuids: Array<FileUuid> = []
  const seen = new Set<string>()
  const invalid = (message: string): CellProblem => ({ reason: "InvalidUuid", message })
  for (const item of cell.split(";")) {
    if (!isFileUuid(item)) {
      if (item === "") {
        return invalid(`Tracking cell ${quoteValue(cell)} has an empty item; separate UUIDs with a single ";"`)
      }
      if (isFileUuid(item.trim().toLowerCase())) {
        return invalid(`Tracking cell item ${quoteValue(item)} must be a lower-case UUID without spaces`)
      }
      return invalid(`Tracking cell item ${quoteValue(item)} is not a UUID`)
    }
    if (seen.has(item)) {
      return { reason: "DuplicateUuid", message: `UUID ${quoteValue(item)} appears twice in the tracking cell` }
    }
    seen.add(item)
    uuids.push(item)
  }
  return uuids
}

