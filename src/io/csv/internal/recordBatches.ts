/**
 * The reading loop behind `streamCsvRecords`: feeds csv-parse, cuts each record's exact text
 * from the input by the byte offsets csv-parse reports, numbers lines, and refuses what the
 * file must not hold (quoting errors, lone CRs, line endings that change, rows of the wrong
 * width, blank lines inside, rows larger than the limit).
 *
 * @internal
 * @module
 */
import { parse } from "csv-parse"
import { Readable } from "node:stream"
import { rawTerminator } from "../CsvRawFields.ts"
import type { CsvRecord, CsvSource } from "../CsvReader.ts"
import {
  blankHeaderError,
  blankLineError,
  emptyFileError,
  fieldCountError,
  lineEndingError,
  recordSyntaxError,
  recordTooLargeError
} from "./readerErrors.ts"
import { findSyntaxProblem } from "./syntaxProblem.ts"
import { countNewlines, positionIn } from "./textPosition.ts"
import { CsvError } from "../../../domain/CsvError.ts"

/**
 * The largest row csv-parse may buffer, in bytes. A clients CSV row is a few hundred bytes; a
 * row this large means a quote that never closes or a file that is not CSV, and stopping
 * there keeps the parser's memory bounded whatever the input.
 */
export const maxRecordBytes = 8 * 1024 * 1024

const batchSize = 1024
const chunkSize = 1 << 16

interface ParsedRecord {
  readonly record: Array<string>
  readonly info: { readonly bytes: number }
}

/** Yields the records of a source in batches, the header first; throws a `CsvError`. */
export async function* recordBatches(source: CsvSource): AsyncGenerator<readonly [CsvRecord, ...Array<CsvRecord>]> {
  const { dialect, file, text } = source
  const bytes = source.utf8 ?? new TextEncoder().encode(text)
  // Byte offsets are character offsets when every character is one byte.
  const isSingleByte = bytes.length === text.length
  let parsedUpTo = 0
  const parser = parse({
    delimiter: dialect.delimiter,
    record_delimiter: ["\r\n", "\n"],
    quote: '"',
    escape: '"',
    bom: false,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted field (`5" disk`, `=HYPERLINK("x")`) is kept as text, as
    // spreadsheets read it; the raw splitter treats it the same way, so nothing is lost.
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: maxRecordBytes,
    // Called as each record is parsed, ahead of the iteration below: where the last complete
    // record ended is where a record too large to finish started.
    on_record: (record: Array<string>, context: { readonly bytes: number }) => {
      parsedUpTo = context.bytes
      return record
    }
  })
  Readable.from(chunks(bytes)).pipe(parser)

  let width = -1
  let headerEnding = ""
  let recordStart = 0
  let textStart = 0
  let nextLine = 1
  let blankLines: Array<CsvRecord> = []
  let batch: Array<CsvRecord> = []
  const records = (parser as AsyncIterable<ParsedRecord>)[Symbol.asyncIterator]()
  for (;;) {
    const next = await records.next().catch((error: unknown) => {
      if (!tooLarge(error)) throw error
      const start = isSingleByte ? parsedUpTo : utf16Length(bytes, 0, parsedUpTo)
      throw tooLargeError(source, start, 1 + countNewlines(text.slice(0, start)))
    })
    if (next.done === true) break
    const parsed = next.value
    const recordEnd = parsed.info.bytes
    const textEnd = isSingleByte ? recordEnd : textStart + utf16Length(bytes, recordStart, recordEnd)
    const raw = text.slice(textStart, textEnd)
    recordStart = recordEnd
    textStart = textEnd
    const record: CsvRecord = { fields: parsed.record, raw, line: nextLine }
    if (raw.includes('"') || raw.includes("\r")) {
      const problem = findSyntaxProblem(raw, dialect.delimiter)
      if (problem !== undefined) throw recordSyntaxError(file, record, problem)
    }
    nextLine += countNewlines(raw)
    if (width === -1) {
      if (isBlankLine(record)) throw blankHeaderError(file)
      width = record.fields.length
      headerEnding = rawTerminator(raw)
      batch.push(record)
      continue
    }
    // A blank line is only known to be inside the file once a record follows it; blank lines
    // at the end are the trailer, kept as they are.
    if (isBlankLine(record)) {
      blankLines.push(record)
      continue
    }
    if (blankLines.length > 0) {
      if (width !== 1) throw blankLineError(file, blankLines[0]!, width)
      for (const blank of blankLines) {
        checkEnding(file, blank, headerEnding)
        batch.push(blank)
      }
      blankLines = []
    }
    checkEnding(file, record, headerEnding)
    if (record.fields.length !== width) throw fieldCountError(file, record, width, dialect.delimiter)
    batch.push(record)
    if (batch.length >= batchSize) {
      yield batch as [CsvRecord, ...Array<CsvRecord>]
      batch = []
    }
  }
  if (width === -1) throw emptyFileError(file)
  if (batch.length > 0) yield batch as [CsvRecord, ...Array<CsvRecord>]
}

const checkEnding = (file: string, record: CsvRecord, headerEnding: string): void => {
  const terminator = rawTerminator(record.raw)
  if (terminator !== "" && headerEnding !== "" && terminator !== headerEnding) throw lineEndingError(file, record, headerEnding)
}

const tooLarge = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === "CSV_MAX_RECORD_SIZE"

// A quote that never closes is the usual cause of a huge row: name it where it opens.
const tooLargeError = (source: CsvSource, textStart: number, line: number): CsvError => {
  const rest = source.text.slice(textStart)
  const problem = findSyntaxProblem(rest, source.dialect.delimiter)
  if (problem === undefined || problem.reason !== "UnbalancedQuote") return recordTooLargeError(source.file, line, maxRecordBytes)
  return new CsvError({ reason: problem.reason, file: source.file, ...positionIn(rest, problem.index, line), message: problem.message })
}

/**
 * The number of UTF-16 code units that the valid UTF-8 in `bytes[start, end)` decodes to:
 * one per lead byte, two for a 4-byte sequence (a surrogate pair). Much cheaper than decoding
 * every record again.
 */
const utf16Length = (bytes: Uint8Array, start: number, end: number): number => {
  let length = 0
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!
    if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1
  }
  return length
}

function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize)
}

const isBlankLine = (record: CsvRecord): boolean =>
  record.fields.length === 1 && (record.raw === "\n" || record.raw === "\r\n")
