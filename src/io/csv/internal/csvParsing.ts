/**
 * How uuidmap runs csv-parse, the parser of record: its options, and what to do when it
 * fails. Both reading paths (the whole document, the stream of batches) share them.
 *
 * @internal
 * @module
 */
import type { Options } from "csv-parse"
import { parse } from "csv-parse/sync"
import { CsvError } from "../../../domain/CsvError.ts"
import type { CsvDelimiter } from "../CsvDialect.ts"
import type { CsvSource } from "../CsvReader.ts"
import { parserError, recordTooLargeError } from "./readerErrors.ts"
import type { RecordCutter } from "./recordCutter.ts"
import { findSyntaxProblem } from "./syntaxProblem.ts"
import { positionIn } from "./textPosition.ts"
import { errorCode } from "../../files/ErrorCode.ts"

/**
 * The largest row csv-parse may buffer, in bytes. A clients CSV row is a few hundred bytes; a
 * row this large means a quote that never closes or a file that is not CSV, and stopping
 * there keeps the parser's memory bounded whatever the input.
 */
export const maxRecordBytes = 8 * 1024 * 1024

/** csv-parse's options for a file with this delimiter. */
export const parserOptions = (delimiter: CsvDelimiter): Options => ({
  delimiter,
  record_delimiter: ["\r\n", "\n"],
  quote: '"',
  escape: '"',
  bom: false,
  relax_column_count: true,
  // A quote inside an unquoted field (`5" disk`, `=HYPERLINK("x")`) is kept as text, as
  // spreadsheets read it; the raw splitter treats it the same way, so nothing is lost.
  relax_quotes: true,
  skip_empty_lines: false,
  max_record_size: maxRecordBytes
})

/** The bytes csv-parse reads: the source's UTF-8 (a Windows-1252 text is encoded once). */
export const parserInput = (source: CsvSource): Uint8Array => source.utf8 ?? new TextEncoder().encode(source.text)

/**
 * The error for csv-parse failing on `source`, once the records it read before failing are
 * cut, so that a bad record before the failure is the one reported, as in file order.
 */
export const parseFailure = (source: CsvSource, input: Uint8Array, cutter: RecordCutter, error: unknown): CsvError => {
  if (error instanceof CsvError) return error
  const before = (error as { readonly records?: unknown } | undefined)?.records
  if (typeof before === "number" && before > cutter.added()) {
    // Only on the way to an error: read those records again, without the one that failed.
    const options = { ...parserOptions(source.dialect.delimiter), from: cutter.added() + 1, to: before }
    for (const fields of parse(input, options)) cutter.add(fields)
  }
  const { index, line } = cutter.position()
  return isTooLarge(error) ? tooLargeError(source, index, line) : parserError(source, error)
}

const isTooLarge = (error: unknown): boolean => errorCode(error) === "CSV_MAX_RECORD_SIZE"

// A quote that never closes is the usual cause of a huge row: name it where it opens.
const tooLargeError = (source: CsvSource, textStart: number, line: number): CsvError => {
  const rest = source.text.slice(textStart)
  const problem = findSyntaxProblem(rest, source.dialect.delimiter)
  if (problem === undefined || problem.reason !== "UnbalancedQuote") return recordTooLargeError(source.file, line, maxRecordBytes)
  return new CsvError({ reason: problem.reason, file: source.file, ...positionIn(rest, problem.index, line), message: problem.message })
}
