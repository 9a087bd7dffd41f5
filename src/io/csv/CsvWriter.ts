/**
 * Writes a `CsvDocument` back with a few cells changed and perhaps columns appended, touching
 * nothing else: a row without edits is its original text; an edited row keeps every other
 * field's exact text (quoting included) and its own terminator; the trailer and the missing
 * final newline, if so, stay as they were. This is SPEC §4's "rows whose tracking cell does not
 * change are byte-identical".
 *
 * @module
 */
import type { CsvDelimiter } from "./CsvDialect.ts"
import { rawTerminator, splitRawRecord } from "./CsvRawFields.ts"
import type { CsvDocument, CsvRecord } from "./CsvReader.ts"

/**
 * What to change: column names to append to the header, and new cell values by row index (0
 * is the first row after the header) and column index (appended columns come after the
 * header's own). Appended cells without an edit are empty.
 *
 * @category models
 */
export interface CsvEdits {
  readonly appendColumns: ReadonlyArray<string>
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, string>>
}

/**
 * No edits: rendering with them gives the document's text back.
 *
 * @category constructors
 */
export const noCsvEdits: CsvEdits = { appendColumns: [], cells: new Map() }

/**
 * Quotes a value for a CSV cell when it has to be: when it holds the delimiter, a quote, a
 * line break, or starts or ends with a space or tab (which many readers would trim).
 * Otherwise the value is written as is.
 *
 * @category rendering
 */
export const quoteCsvField = (value: string, delimiter: CsvDelimiter): string =>
  needsQuotes(value, delimiter) ? `"${value.replaceAll('"', '""')}"` : value

const needsQuotes = (value: string, delimiter: CsvDelimiter): boolean =>
  value.includes(delimiter) || /["\r\n]|^[ \t]|[ \t]$/.test(value)

/**
 * Renders a document with edits. Rows without edits are emitted byte for byte; an edit whose
 * value equals the cell's current value changes nothing. The text has no byte-order mark:
 * encode it with `encodeCsvText(text, document.dialect)`. A row or column index outside the
 * document is a programming error (a RangeError).
 *
 * @category rendering
 */
export const renderCsvDocument = (document: CsvDocument, edits: CsvEdits = noCsvEdits): string => {
  const { delimiter } = document.dialect
  const { appendColumns, cells } = edits
  const width = document.header.fields.length + appendColumns.length
  checkEdits(document, edits, width)
  const output: Array<string> = []
  output.push(
    appendColumns.length === 0 ? document.header.raw : appendToRaw(
      document.header.raw,
      appendColumns.map((name) => delimiter + quoteCsvField(name, delimiter)).join("")
    )
  )
  const emptyAppended = delimiter.repeat(appendColumns.length)
  const rows = document.rows
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const rowEdits = cells.get(index)
    if (rowEdits !== undefined && rowEdits.size > 0) {
      output.push(renderEditedRow(row, rowEdits, delimiter, appendColumns.length))
    } else {
      output.push(appendColumns.length === 0 ? row.raw : appendToRaw(row.raw, emptyAppended))
    }
  }
  output.push(document.trailer)
  return output.join("")
}

const checkEdits = (document: CsvDocument, edits: CsvEdits, width: number): void => {
  for (const [row, columns] of edits.cells) {
    if (!Number.isInteger(row) || row < 0 || row >= document.rows.length) {
      throw new RangeError(`Row index ${row} is outside the document's ${document.rows.length} rows`)
    }
    for (const column of columns.keys()) {
      if (!Number.isInteger(column) || column < 0 || column >= width) {
        throw new RangeError(`Column index ${column} is outside the document's ${width} columns`)
      }
    }
  }
}

/** Inserts `suffix` before the record's terminator. */
const appendToRaw = (raw: string, suffix: string): string => {
  const terminator = rawTerminator(raw)
  return raw.slice(0, raw.length - terminator.length) + suffix + terminator
}

const renderEditedRow = (
  row: CsvRecord,
  edits: ReadonlyMap<number, string>,
  delimiter: CsvDelimiter,
  appended: number
): string => {
  const { fields, terminator } = splitRawRecord(row.raw, delimiter)
  const output = [...fields]
  for (let column = 0; column < appended; column++) output.push("")
  let changed = appended > 0
  for (const [column, value] of edits) {
    // An unchanged value keeps its original text (and quoting style).
    if (column < fields.length && row.fields[column] === value) continue
    output[column] = quoteCsvField(value, delimiter)
    changed = true
  }
  if (!changed) return row.raw
  const content = output.join(delimiter)
  // A one-column row whose value became empty would read back as a blank line.
  return (content === "" ? '""' : content) + terminator
}
