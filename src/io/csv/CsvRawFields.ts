/**
 * Splits one record's exact text into the exact text of each field (quotes and doubled
 * quotes included) and its terminator. This is what lets uuidmap rewrite one cell of a row
 * while every other cell keeps its bytes, quoting style and all.
 *
 * The record must be one csv-parse accepted (CsvReader guarantees it): the split does not
 * validate, it only finds boundaries.
 *
 * @module
 */
import type { CsvDelimiter } from "./CsvDialect.ts"
import { findFieldEnd } from "./internal/fieldBounds.ts"
import { positionIn, type TextPosition } from "./internal/textPosition.ts"

/**
 * A 1-based line and column; the column counts Unicode code points, as editors show them.
 *
 * @category models
 */
export type { TextPosition }

/**
 * A record as text: each field exactly as written (`"a ""b"""` stays quoted) and the
 * terminator (`""` for a last line without one). Joining `fields` with the delimiter and
 * appending `terminator` gives the record back.
 *
 * @category models
 */
interface RawRecord {
  readonly fields: ReadonlyArray<string>
  readonly terminator: "" | "\n" | "\r\n"
}

/**
 * The terminator a record's text ends with.
 *
 * @category parsing
 */
export const rawTerminator = (raw: string): RawRecord["terminator"] =>
  raw.endsWith("\r\n") ? "\r\n" : raw.endsWith("\n") ? "\n" : ""

/**
 * Splits a record's text into its raw fields and terminator.
 *
 * @category parsing
 */
export const splitRawRecord = (raw: string, delimiter: CsvDelimiter): RawRecord => {
  const terminator = rawTerminator(raw)
  const end = raw.length - terminator.length
  const fields: Array<string> = []
  let start = 0
  for (;;) {
    const fieldEnd = findFieldEnd(raw, start, end, delimiter)
    fields.push(raw.slice(start, fieldEnd))
    if (fieldEnd >= end) break
    start = fieldEnd + 1
  }
  return { fields, terminator }
}

/**
 * How many fields a record's text has, as `splitRawRecord` would split it, without building
 * them.
 *
 * @category parsing
 */
export const rawFieldCount = (raw: string, delimiter: CsvDelimiter): number => {
  const end = raw.length - rawTerminator(raw).length
  let count = 1
  for (let start = 0;; count++) {
    const fieldEnd = findFieldEnd(raw, start, end, delimiter)
    if (fieldEnd >= end) return count
    start = fieldEnd + 1
  }
}

/**
 * Where field `index` of a record starts, as an offset in its raw text; with `index` equal to
 * the number of fields, where the last field ends (just before the terminator).
 *
 * @category positions
 */
export const fieldOffset = (record: RawRecord, index: number): number => {
  let offset = 0
  const count = Math.min(index, record.fields.length)
  for (let field = 0; field < count; field++) offset += record.fields[field]!.length + 1
  return index >= record.fields.length ? Math.max(0, offset - 1) : offset
}

/**
 * The 1-based line and column where field `index` of a record starts (a quoted field starts
 * at its opening quote). `record.line` is the line the record starts on; fields after an
 * embedded line break are on later lines.
 *
 * @category positions
 */
export const cellPosition = (
  record: { readonly raw: string; readonly line: number },
  index: number,
  delimiter: CsvDelimiter
): TextPosition => positionIn(record.raw, fieldOffset(splitRawRecord(record.raw, delimiter), index), record.line)
