/**
 * Writing a clients CSV with new tracking cells (the rules are `renderClientsCsv`'s), into
 * any sink: a string for `renderClientsCsv`, bytes for `encodeClientsCsv`. Rows whose
 * tracking stays are copied whole; in a changed row only the two tracking fields are
 * replaced, found by scanning to them, with no per-row edit map and no split of the row.
 *
 * @internal
 * @module
 */
import type { ClientRow } from "../../../domain/ClientRow.ts"
import type { FileUuid } from "../../../domain/FileUuid.ts"
import type { ClientsTable } from "../ClientsTable.ts"
import { quoteCsvField } from "../CsvWriter.ts"
import { type CsvSink, write } from "./csvSink.ts"
import { spliceFields } from "./fieldBounds.ts"
import { quoteValue } from "./textPosition.ts"

/** Writes the table with `clients`' tracking into `sink`; throws a RangeError as documented. */
export const writeClientsCsv = (table: ClientsTable, clients: ReadonlyArray<ClientRow>, sink: CsvSink): void => {
  if (clients.length !== table.clients.length) {
    throw new RangeError(`Expected ${table.clients.length} clients, got ${clients.length}`)
  }
  const { document } = table
  const rows = document.rows
  // Nothing to write: the file stays as it is, without empty columns appended for nothing.
  let first = 0
  while (first < clients.length && newUuids(table, clients, first) === undefined) first++
  if (first === clients.length) {
    write(sink, document.header.raw)
    for (let index = 0; index < rows.length; index++) write(sink, rows[index]!.raw)
    write(sink, document.trailer)
    return
  }

  const { delimiter } = document.dialect
  const header = document.header
  const width = header.fields.length
  const appendColumns: Array<string> = []
  const appendColumn = (name: string): number => width + appendColumns.push(name) - 1
  const uuidsColumn = table.uuidsColumn ?? appendColumn(table.columns.uuidsColumn)
  const countColumn = table.countColumn ?? appendColumn(table.columns.countColumn)
  const appended = appendColumns.length
  if (appended === 0) write(sink, header.raw)
  else {
    const names = appendColumns.map((name) => quoteCsvField(name, delimiter))
    spliceFields(sink, header.raw, delimiter, width, appended, names.map((_, index) => width + index), names)
  }
  const noEdits: ReadonlyArray<never> = []
  // Reused for every row: the edits of one row, in column order.
  const columns: Array<number> = []
  const texts: Array<string> = []
  const edit = (row: ReadonlyArray<string>, column: number, value: string) => {
    // A cell whose value stays keeps its original text (and quoting style).
    if (column < width && row[column] === value) return
    columns.push(column)
    texts.push(quoteCsvField(value, delimiter))
  }
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const uuids = index < first ? undefined : newUuids(table, clients, index)
    if (uuids === undefined) {
      if (appended === 0) write(sink, row.raw)
      else spliceFields(sink, row.raw, delimiter, width, appended, noEdits, noEdits)
      continue
    }
    const uuidsText = joinUuids(uuids)
    const countText = clients[index]!.tracked ? String(uuids.length) : ""
    columns.length = 0
    texts.length = 0
    if (uuidsColumn < countColumn) {
      edit(row.fields, uuidsColumn, uuidsText)
      edit(row.fields, countColumn, countText)
    } else {
      edit(row.fields, countColumn, countText)
      edit(row.fields, uuidsColumn, uuidsText)
    }
    if (columns.length === 0 && appended === 0) write(sink, row.raw)
    else spliceFields(sink, row.raw, delimiter, width, appended, columns, texts)
  }
  write(sink, document.trailer)
}

/**
 * Client `index`'s UUIDs, sorted and without repeats, when its tracking changed; undefined
 * when it stays. Throws a RangeError for a client that does not match its row.
 */
const newUuids = (table: ClientsTable, clients: ReadonlyArray<ClientRow>, index: number): ReadonlyArray<FileUuid> | undefined => {
  const before = table.clients[index]!
  const after = clients[index]!
  if (after.rowId !== before.rowId) {
    throw new RangeError(`Client ${index} is ${quoteValue(after.rowId)}, expected ${quoteValue(before.rowId)}`)
  }
  const uuids = sortedUnique(after.uuids)
  if (!after.tracked && uuids.length > 0) {
    throw new RangeError(`Client ${quoteValue(after.rowId)} has UUIDs but is not tracked`)
  }
  return after.tracked === before.tracked && sameUuids(uuids, before.uuids) ? undefined : uuids
}

// Concatenation, where `join` would build a new flat string per row (written once, anyway).
const joinUuids = (uuids: ReadonlyArray<FileUuid>): string => {
  let text = uuids.length === 0 ? "" : uuids[0]!
  for (let index = 1; index < uuids.length; index++) text += ";" + uuids[index]!
  return text
}

// The pipeline hands over sorted lists: check that in one pass rather than copy and sort each.
const sortedUnique = (uuids: ReadonlyArray<FileUuid>): ReadonlyArray<FileUuid> => {
  for (let index = 1; index < uuids.length; index++) {
    if (!(uuids[index - 1]! < uuids[index]!)) return [...new Set(uuids)].sort()
  }
  return uuids
}

const sameUuids = (a: ReadonlyArray<FileUuid>, b: ReadonlyArray<FileUuid>): boolean => {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}
