/**
 * The lossless CSV reader. csv-parse does the parsing (quotes, escapes, embedded newlines);
 * uuidmap keeps, next to each record's fields, the record's exact text, cut from the input
 * between the byte offsets csv-parse reports (`info.bytes`). csv-parse's own `raw` option is
 * not used: it drops the `\n` of CRLF and the byte-order mark. Line numbers are counted from
 * those texts too, because csv-parse's `lines` drifts on quoted line breaks.
 *
 * Records come as an Effect `Stream`, in batches, so that a million-row file costs one Effect
 * step per thousand rows; `readCsvDocument` collects the stream into a document.
 *
 * @module
 */
import { parse } from "csv-parse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { Readable } from "node:stream"
import { CsvError } from "../../domain/CsvError.ts"
import { type CsvDelimiter, type CsvDialect, detectDelimiter, detectLineEnding } from "./CsvDialect.ts"
import { type CsvEncoding, decodeCsvBytes } from "./CsvEncoding.ts"
import {
  blankHeaderError,
  blankLineError,
  emptyFileError,
  fieldCountError,
  parserError,
  recordSyntaxError
} from "./internal/readerErrors.ts"
import { findSyntaxProblem } from "./internal/syntaxProblem.ts"
import { countNewlines } from "./internal/textPosition.ts"

/**
 * One record: its parsed fields, its exact text including its terminator (none on a last line
 * without one), and the 1-based line it starts on.
 *
 * @example
 * ```ts
 * import type { CsvRecord } from "./CsvReader.ts"
 * const record: CsvRecord = { fields: ["502", "Torode, Sam"], raw: "502,\"Torode, Sam\"\r\n", line: 2 }
 * ```
 * @category models
 */
export interface CsvRecord {
  readonly fields: ReadonlyArray<string>
  readonly raw: string
  readonly line: number
}

/**
 * A decoded CSV file ready to stream: its name (for messages), its text without the
 * byte-order mark, and its dialect.
 *
 * @example
 * ```ts
 * import type { CsvSource } from "./CsvReader.ts"
 * import { defaultCsvDialect } from "./CsvDialect.ts"
 * const source: CsvSource = { file: "clients.csv", text: "row_id\n502\n", dialect: defaultCsvDialect }
 * ```
 * @category models
 */
export interface CsvSource {
  readonly file: string
  readonly text: string
  readonly dialect: CsvDialect
}

/**
 * A whole CSV file: the header, the data rows, and the trailer (blank lines after the last
 * record, usually `""`). Concatenating the BOM (per `dialect.bom`), `header.raw`, every
 * `rows[i].raw` and `trailer` gives the file's text back exactly.
 *
 * @example
 * ```ts
 * import type { CsvDocument } from "./CsvReader.ts"
 * import { defaultCsvDialect } from "./CsvDialect.ts"
 * const document: CsvDocument = {
 *   file: "clients.csv",
 *   dialect: defaultCsvDialect,
 *   header: { fields: ["row_id"], raw: "row_id\n", line: 1 },
 *   rows: [{ fields: ["502"], raw: "502\n", line: 2 }],
 *   trailer: ""
 * }
 * ```
 * @category models
 */
export interface CsvDocument {
  readonly file: string
  readonly dialect: CsvDialect
  readonly header: CsvRecord
  readonly rows: ReadonlyArray<CsvRecord>
  readonly trailer: string
}

/**
 * How to read a file: `delimiter` overrides detection, `encoding` defaults to UTF-8.
 *
 * @example
 * ```ts
 * import type { CsvReadOptions } from "./CsvReader.ts"
 * const options: CsvReadOptions = { delimiter: ";", encoding: "windows-1252" }
 * ```
 * @category models
 */
export interface CsvReadOptions {
  readonly delimiter?: CsvDelimiter | undefined
  readonly encoding?: CsvEncoding | undefined
}

/**
 * Decodes a file's bytes and detects its dialect.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { decodeCsvSource } from "./CsvReader.ts"
 * const source = Effect.runSync(decodeCsvSource("clients.csv", new TextEncoder().encode("a;b\r\n1;2\r\n")))
 * source.dialect // { delimiter: ";", bom: false, lineEnding: "\r\n", encoding: "utf-8" }
 * ```
 * @category decoding
 */
export const decodeCsvSource = (
  file: string,
  bytes: Uint8Array,
  options: CsvReadOptions = {}
): Effect.Effect<CsvSource, CsvError> => {
  const encoding = options.encoding ?? "utf-8"
  return Effect.map(decodeCsvBytes(file, bytes, encoding), ({ bom, text }) => ({
    file,
    text,
    dialect: {
      delimiter: options.delimiter ?? detectDelimiter(text),
      bom,
      lineEnding: detectLineEnding(text),
      encoding
    }
  }))
}

/**
 * Streams a source's records, the header first. Fails with a `CsvError` naming the file,
 * line and column of:
 * - a quote that never closes (`"UnbalancedQuote"`, at the opening quote);
 * - a misplaced quote (`"Unparseable"`): text after a closing quote (a quote inside an
 *   unquoted field is kept as text, as spreadsheets do);
 * - a row whose field count differs from the header's (`"FieldCount"`, at the first extra
 *   field, or at the end of a short row), including a blank line inside the file;
 * - an empty file or a blank header (`"Unparseable"`).
 *
 * Blank lines at the end of the file are not records (`readCsvDocument` keeps them as the
 * trailer).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { defaultCsvDialect } from "./CsvDialect.ts"
 * import { streamCsvRecords } from "./CsvReader.ts"
 * const source = { file: "a.csv", text: "id,name\n1,\"x\ny\"\n2,z\n", dialect: defaultCsvDialect }
 * Effect.runPromise(Stream.runCollect(streamCsvRecords(source)))
 * // [{ fields: ["id", "name"], raw: "id,name\n", line: 1 }, { fields: ["1", "x\ny"], …, line: 2 }, { …, line: 4 }]
 * ```
 * @category streaming
 */
export const streamCsvRecords = (source: CsvSource): Stream.Stream<CsvRecord, CsvError> =>
  Stream.fromAsyncIterable(
    { [Symbol.asyncIterator]: () => recordBatches(source) },
    (error) => (error instanceof CsvError ? error : parserError(source, error))
  ).pipe(Stream.flattenArray)

/**
 * Reads a whole file into a `CsvDocument`: decodes it, detects its dialect and collects its
 * records. Fails as `decodeCsvBytes` and `streamCsvRecords` do.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { readCsvDocument } from "./CsvReader.ts"
 * const bytes = new TextEncoder().encode("row_id,name\r\n502,Sam\r\n")
 * const document = await Effect.runPromise(readCsvDocument("clients.csv", bytes))
 * document.rows[0]?.raw // "502,Sam\r\n"
 * ```
 * @category reading
 */
export const readCsvDocument = (
  file: string,
  bytes: Uint8Array,
  options: CsvReadOptions = {}
): Effect.Effect<CsvDocument, CsvError> =>
  Effect.gen(function*() {
    const source = yield* decodeCsvSource(file, bytes, options)
    const records = yield* Stream.runCollect(streamCsvRecords(source))
    const [header, ...rows] = records
    if (header === undefined) return yield* Effect.fail(emptyFileError(file))
    let consumed = 0
    for (const record of records) consumed += record.raw.length
    return { file, dialect: source.dialect, header, rows, trailer: source.text.slice(consumed) }
  })

const batchSize = 1024
const chunkSize = 1 << 16

interface ParsedRecord {
  readonly record: Array<string>
  readonly info: { readonly bytes: number }
}

async function* recordBatches(source: CsvSource): AsyncGenerator<readonly [CsvRecord, ...Array<CsvRecord>]> {
  const { dialect, file, text } = source
  const bytes = new TextEncoder().encode(text)
  // Byte offsets are character offsets when every character is one byte.
  const isSingleByte = bytes.length === text.length
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
    skip_empty_lines: false
  })
  Readable.from(chunks(bytes)).pipe(parser)

  let width = -1
  let recordStart = 0
  let textStart = 0
  let nextLine = 1
  let blankLines: Array<CsvRecord> = []
  let batch: Array<CsvRecord> = []
  for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
    const recordEnd = parsed.info.bytes
    const textEnd = isSingleByte ? recordEnd : textStart + utf16Length(bytes, recordStart, recordEnd)
    const raw = text.slice(textStart, textEnd)
    recordStart = recordEnd
    textStart = textEnd
    const record: CsvRecord = { fields: parsed.record, raw, line: nextLine }
    if (raw.includes('"')) {
      const problem = findSyntaxProblem(raw, dialect.delimiter)
      if (problem !== undefined) throw recordSyntaxError(file, record, problem)
    }
    nextLine += countNewlines(raw)
    if (width === -1) {
      if (isBlankLine(record)) throw blankHeaderError(file)
      width = record.fields.length
      batch.push(record)
      continue
    }
    // A blank line is only known to be inside the file once a record follows it.
    if (isBlankLine(record)) {
      blankLines.push(record)
      continue
    }
    if (blankLines.length > 0) {
      if (width !== 1) throw blankLineError(file, blankLines[0]!, width)
      batch.push(...blankLines)
      blankLines = []
    }
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
