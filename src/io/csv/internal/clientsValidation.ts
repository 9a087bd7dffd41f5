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
import { makeRepeatFinder } from "./repeatFinder.ts"
import { rowIdChecker, type RowIdProblem, unsharedRowIdProblem } from "./rowIds.ts"
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

  const found = { idColumn, uuidsColumn, countColumn }
  // Nearly every file has no repeated id or UUID, and the fast pass proves it without an index
  // of every row; a file it has any doubt about (it will be refused) is checked again exactly.
  const fast = checkRows(document, columns, found, false)
  return fast !== undefined && "clients" in fast ? fast : checkRows(document, columns, found, true)!
}

interface ColumnIndexes {
  readonly idColumn: number
  readonly uuidsColumn: number | undefined
  readonly countColumn: number | undefined
}

// The fast pass's answer when a repeat turns up: only the exact pass can say which row is wrong.
const repeated = "repeated"

/**
 * Checks every row and builds the table, or returns the first problem. With `exact` false
 * (the fast pass) repeats are only detected, and the answer is undefined; its other answers
 * are the exact ones only when the file holds no repeat, so a problem is checked again too.
 */
const checkRows = (
  document: CsvDocument,
  columns: ClientsColumns,
  { countColumn, idColumn, uuidsColumn }: ColumnIndexes,
  exact: boolean
): ClientsTable | CsvError | undefined => {
  const { file } = document
  const { delimiter } = document.dialect
  const error = (row: CsvRecord, column: number, reason: CsvErrorReason, message: string) =>
    cellError(file, row, column, delimiter, reason, message)
  const rows = document.rows
  const idProblem = exact ? rowIdChecker(rows, idColumn) : unsharedRowIdChecker(rows, idColumn)
  const ownerOf = exact ? exactOwners() : repeatedOwners()
  const clients: Array<ClientRow> = []
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const rowId = row.fields[idColumn]!
    const problem = idProblem(row, index)
    if (problem === repeated) return undefined
    if (problem !== undefined) return error(row, idColumn, problem.reason, problem.message)

    const uuidsCell = uuidsColumn === undefined ? "" : row.fields[uuidsColumn]!
    const uuids = parseUuidsCell(uuidsCell)
    if (!Array.isArray(uuids)) return error(row, uuidsColumn!, uuids.reason, uuids.message)
    for (const uuid of uuids) {
      const owner = ownerOf(uuid, row)
      if (owner === repeated) return undefined
      if (owner !== undefined) {
        const ownerId = quoteValue(owner.fields[idColumn]!)
        const message = `UUID ${quoteValue(uuid)} is also listed for row id ${ownerId} on line ${owner.line}`
        return error(row, uuidsColumn!, "DuplicateUuid", message)
      }
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
    } else if (!digitsPattern.test(countCell)) {
      return error(row, countColumn!, "CountMismatch", `Count ${quoteValue(countCell)} is not a non-negative integer`)
    } else if (Number(countCell) !== uuids.length) {
      return error(
        row,
        countColumn!,
        "CountMismatch",
        `Count is ${countCell} but the tracking cell lists ${uuids.length} UUIDs`
      )
    }
    clients.push({ rowId: unsafeRowId(rowId), tracked: countCell !== "", uuids: uuids.length < 2 ? uuids : uuids.sort() })
  }
  return { document, columns, idColumn, uuidsColumn, countColumn, clients }
}

// The fast pass's id check: each id as if no other row shared it, and a finder for repeats.
// Only ids without spaces around them are added, so they are their own trimmed text.
const unsharedRowIdChecker = (rows: ReadonlyArray<CsvRecord>, idColumn: number) => {
  const ids = makeRepeatFinder(rows.length, (index) => rows[index]!.fields[idColumn]!)
  return (row: CsvRecord, index: number): RowIdProblem | typeof repeated | undefined => {
    const rowId = row.fields[idColumn]!
    return unsharedRowIdProblem(rowId) ?? (ids.add(index, rowId) ? repeated : undefined)
  }
}

// The row that listed a UUID first; the fast pass only knows that some row did.
const exactOwners = () => {
  const owners = new Map<string, CsvRecord>()
  return (uuid: string, row: CsvRecord): CsvRecord | undefined => {
    const owner = owners.get(uuid)
    if (owner === undefined) owners.set(uuid, row)
    return owner
  }
}

const repeatedOwners = () => {
  const listed: Array<string> = []
  const uuids = makeRepeatFinder(1024, (index) => listed[index]!)
  return (uuid: string): typeof repeated | undefined => (uuids.add(listed.push(uuid) - 1, uuid) ? repeated : undefined)
}

interface CellProblem {
  readonly reason: "InvalidUuid" | "DuplicateUuid"
  readonly message: string
}

const digitsPattern = /^[0-9]+$/

// Shared (and frozen) by every row with an empty tracking cell, rather than a new array per row.
const noUuids = Object.freeze([]) as unknown as Array<FileUuid>

/** The UUIDs of a tracking cell, or why it is invalid. */
const parseUuidsCell = (cell: string): Array<FileUuid> | CellProblem => {
  if (cell === "") return noUuids
  const items = cell.split(";")
  // A cell of a few UUIDs is checked for repeats by comparing them; a long one with a set.
  const seen = items.length > 8 ? new Set<string>() : undefined
  const invalid = (message: string): CellProblem => ({ reason: "InvalidUuid", message })
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (!isFileUuid(item)) {
      if (item === "") {
        return invalid(`Tracking cell ${quoteValue(cell)} has an empty item; separate UUIDs with a single ";"`)
      }
      if (isFileUuid(item.trim().toLowerCase())) {
        return invalid(`Tracking cell item ${quoteValue(item)} must be a lower-case UUID without spaces`)
      }
      return invalid(`Tracking cell item ${quoteValue(item)} is not a UUID`)
    }
    if (seen === undefined ? index > 0 && items.lastIndexOf(item, index - 1) !== -1 : seen.size === seen.add(item).size) {
      return { reason: "DuplicateUuid", message: `UUID ${quoteValue(item)} appears twice in the tracking cell` }
    }
  }
  return items as Array<FileUuid>
}

