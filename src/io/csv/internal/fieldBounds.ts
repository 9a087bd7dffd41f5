/**
 * Field boundaries inside one record's exact text, and the splice that replaces some fields'
 * texts while every other byte stays: the core of rewriting a cell losslessly. It finds only
 * the boundaries it needs, one `indexOf` per field, and builds no array of fields.
 *
 * @internal
 * @module
 */
import type { CsvDelimiter } from "../CsvDialect.ts"
import { type CsvSink, write } from "./csvSink.ts"

/**
 * Where the field that starts at `start` ends (at its delimiter, or at `end`). The record must
 * be one csv-parse accepted: a quoted field runs to the quote that is not doubled.
 */
export const findFieldEnd = (raw: string, start: number, end: number, delimiter: string): number => {
  let searchFrom = start
  if (start < end && raw.charCodeAt(start) === 34) {
    // Skip the quoted section; `""` is an escaped quote, any other `"` closes it.
    let cursor = start + 1
    for (;;) {
      const quote = raw.indexOf('"', cursor)
      if (quote === -1 || quote >= end) return end
      if (quote + 1 < end && raw.charCodeAt(quote + 1) === 34) {
        cursor = quote + 2
        continue
      }
      searchFrom = quote + 1
      break
    }
  }
  const next = raw.indexOf(delimiter, searchFrom)
  return next === -1 || next > end ? end : next
}

/**
 * Writes the record `raw` (of `fieldCount` fields) widened by `appended` empty fields, with
 * the text of field `columns[i]` replaced by `texts[i]` (already quoted as needed). `columns`
 * must be ascending and below `fieldCount + appended`. The terminator stays where it was.
 */
export const spliceFields = (
  sink: CsvSink,
  raw: string,
  delimiter: CsvDelimiter,
  fieldCount: number,
  appended: number,
  columns: ReadonlyArray<number>,
  texts: ReadonlyArray<string>
): void => {
  const terminatorLength = raw.endsWith("\r\n") ? 2 : raw.endsWith("\n") ? 1 : 0
  const contentEnd = raw.length - terminatorLength
  let written = appended
  let copied = 0
  let field = 0
  let start = 0
  let edit = 0
  for (; edit < columns.length && columns[edit]! < fieldCount; edit++) {
    const column = columns[edit]!
    for (; field < column; field++) start = findFieldEnd(raw, start, contentEnd, delimiter) + 1
    const text = texts[edit]!
    sink.copy(raw, copied, start)
    write(sink, text)
    written += start - copied + text.length
    copied = findFieldEnd(raw, start, contentEnd, delimiter)
  }
  sink.copy(raw, copied, contentEnd)
  written += contentEnd - copied
  for (let column = fieldCount; column < fieldCount + appended; column++) {
    write(sink, delimiter)
    if (edit < columns.length && columns[edit] === column) {
      written += texts[edit]!.length
      write(sink, texts[edit++]!)
    }
  }
  // A one-column row whose value became empty would read back as a blank line.
  if (written === 0) write(sink, '""')
  sink.copy(raw, contentEnd, raw.length)
}
