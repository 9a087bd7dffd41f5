/**
 * The errors the CSV reader fails with, each naming the file, line and column of the problem.
 *
 * @internal
 * @module
 */
import { CsvError } from "../../../domain/CsvError.ts"
import type { CsvDelimiter } from "../CsvDialect.ts"
import { fieldOffset, rawTerminator, splitRawRecord } from "../CsvRawFields.ts"
import type { CsvRecord, CsvSource } from "../CsvReader.ts"
import { findSyntaxProblem, type SyntaxProblem } from "./syntaxProblem.ts"
import { positionIn, quoteValue } from "./textPosition.ts"

export const emptyFileError = (file: string): CsvError =>
  new CsvError({ reason: "Unparseable", file, line: 1, column: 1, message: "File is empty; expected a header line" })

export const blankHeaderError = (file: string): CsvError =>
  new CsvError({ reason: "Unparseable", file, line: 1, column: 1, message: "Header line is blank" })

export const blankLineError = (file: string, record: CsvRecord, width: number): CsvError =>
  new CsvError({
    reason: "FieldCount",
    file,
    line: record.line,
    column: 1,
    message: `Line is blank but the header has ${width} fields; remove the blank line`
  })

export const fieldCountError = (file: string, record: CsvRecord, width: number, delimiter: CsvDelimiter): CsvError => {
  const count = record.fields.length
  const tooMany = count > width
  const extra = record.fields[width] ?? ""
  const offset = fieldOffset(splitRawRecord(record.raw, delimiter), tooMany ? width : count)
  const message = tooMany
    ? `Row has ${count} fields but the header has ${width}; the first extra field is ${quoteValue(extra)}`
    : `Row has ${count} fields but the header has ${width}`
  return new CsvError({ reason: "FieldCount", file, ...positionIn(record.raw, offset, record.line), message })
}

// csv-parse fails without a reliable position; rescan the text with the same quoting rules.
export const parserError = (source: CsvSource, error: unknown): CsvError => {
  const problem = findSyntaxProblem(source.text, source.dialect.delimiter)
  if (problem === undefined) {
    return new CsvError({
      reason: "Unparseable",
      file: source.file,
      line: 1,
      column: 1,
      message: `File cannot be parsed: ${error instanceof Error ? error.message : String(error)}`
    })
  }
  return new CsvError({
    reason: problem.reason,
    file: source.file,
    ...positionIn(source.text, problem.index, 1),
    message: problem.message
  })
}

// A quoting problem csv-parse lets through (text after a closing quote), found in one record.
export const recordSyntaxError = (file: string, record: CsvRecord, problem: SyntaxProblem): CsvError =>
  new CsvError({ reason: problem.reason, file, ...positionIn(record.raw, problem.index, record.line), message: problem.message })

const endingName = (terminator: string): string => (terminator === "\r\n" ? "CRLF" : "LF")

// A record whose terminator differs from the header's: files are written with one kind.
export const lineEndingError = (file: string, record: CsvRecord, headerEnding: string): CsvError => {
  const terminator = rawTerminator(record.raw)
  return new CsvError({
    reason: "LineEnding",
    file,
    ...positionIn(record.raw, record.raw.length - terminator.length, record.line),
    message: `Line ends with ${endingName(terminator)} but the header line ends with ${endingName(headerEnding)}; ` +
      "save the file with one kind of line ending"
  })
}

// csv-parse stopped a record that grew past `max_record_size` bytes; `line` is where it starts.
export const recordTooLargeError = (file: string, line: number, limit: number): CsvError =>
  new CsvError({
    reason: "RecordTooLarge",
    file,
    line,
    column: 1,
    message: `Row is larger than ${limit / (1024 * 1024)} MiB, the limit for one row; ` +
      "a quote is probably never closed, or this is not a clients CSV"
  })
