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
import type { CsvDocument, CsvRecord } from "./CsvReader.ts"
import { type CsvSink, makeTextSink, write } from "./internal/csvSink.ts"
import { spliceFields } from "./internal/fieldBounds.ts"

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

// Four native scans and two characters, where a regular expression costs a tenth of a
// second on the million cells of a rewrite.
const needsQuotes = (value: string, delimiter: CsvDelimiter): boolean =>
  value !== "" &&
  (isEdgeSpace(value.charCodeAt(0)) || isEdgeSpace(value.charCodeAt(value.length - 1)) || value.includes(delimiter) ||
    value.includes('"') || value.includes("\n") || value.includes("\r"))

const isEdgeSpace = (code: number): boolean => code === 32 || code === 9

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
  const appended = appendColumns.length
  const header = document.header
  checkEdits(document, edits, header.fields.length + appended)
  const sink = makeTextSink()
  if (appended === 0) write(sink, header.raw)
  else {
    const columns = appendColumns.map((_, index) => header.fields.length + index)
    spliceFields(sink, header.raw, delimiter, header.fields.length, appended, columns, appendColumns.map((name) => quoteCsvField(name, delimiter)))
  }
  const rows = document.rows
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const rowEdits = cells.size === 0 ? undefined : cells.get(index)
    if (rowEdits !== undefined && rowEdits.size > 0) writeEditedRow(sink, row, rowEdits, delimiter, appended)
    else if (appended === 0) write(sink, row.raw)
    else spliceFields(sink, row.raw, delimiter, row.fields.length, appended, [], [])
  }
  write(sink, document.trailer)
  return sink.text()
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

const writeEditedRow = (
  sink: CsvSink,
  row: CsvRecord,
  edits: ReadonlyMap<number, string>,
  delimiter: CsvDelimiter,
  appended: number
): void => {
  const columns: Array<number> = []
  const texts: Array<string> = []
  for (const [column, value] of [...edits].sort(([a], [b]) => a - b)) {
    // An unchanged value keeps its original text (and quoting style).
    if (column < row.fields.length && row.fields[column] === value) continue
    columns.push(column)
    texts.push(quoteCsvField(value, delimiter))
  }
  if (columns.length === 0 && appended === 0) write(sink, row.raw)
  else spliceFields(sink, row.raw, delimiter, row.fields.length, appended, columns, texts)
}
