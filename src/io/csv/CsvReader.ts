/**
 * The lossless CSV reader. csv-parse does the parsing (quotes, escapes, embedded newlines);
 * uuidmap keeps, next to each record's fields, the record's exact text, cut from the decoded
 * input where csv-parse's fields say the record ends (internal/recordCutter.ts explains how,
 * and a property test holds it to csv-parse's own byte offsets). csv-parse's `raw` option is
 * not used: it drops the `\n` of CRLF and the byte-order mark. Line numbers are counted from
 * those texts too, because csv-parse's `lines` drifts on quoted line breaks.
 *
 * `readCsvDocument` reads a whole file in one synchronous pass (the document is held whole
 * anyway); `streamCsvRecords` streams the records, in batches, so that a million-row file
 * costs one Effect step per thousand rows and memory stays bounded by a batch. Both refuse a
 * file at its first problem in file order, with the same error.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { CsvError } from "../../domain/CsvError.ts"
import { type CsvDelimiter, type CsvDialect, detectDelimiter, detectLineEnding } from "./CsvDialect.ts"
import { type CsvEncoding, decodeCsvBytes } from "./CsvEncoding.ts"
import { documentRecords } from "./internal/documentRecords.ts"
import { parserError } from "./internal/readerErrors.ts"
import { recordBatches } from "./internal/recordBatches.ts"
import { binaryFileError, forbiddenCharacterError } from "./internal/textContent.ts"

/**
 * One record: its parsed fields, its exact text including its terminator (none on a last line
 * without one), and the 1-based line it starts on.
 *
 * @example A record keeps its exact text
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvRecord, readClientsTable } from "uuidmap"
 *
 * const table = await Effect.runPromise(readClientsTable("clients.csv", new TextEncoder().encode("row_id,name\r\n502,\"Torode, Sam\"\r\n")))
 * const record: CsvRecord = table.document.rows[0]!
 * assert.deepStrictEqual(record, { fields: ["502", "Torode, Sam"], raw: "502,\"Torode, Sam\"\r\n", line: 2 })
 * ```
 * @category models
 */
export interface CsvRecord {
  /** The fields, unquoted. */
  readonly fields: ReadonlyArray<string>
  /** The record's exact text, terminator included. */
  readonly raw: string
  /** The 1-based line the record starts on. */
  readonly line: number
}

/**
 * A decoded CSV file ready to stream: its name (for messages), its text without the
 * byte-order mark, and its dialect.
 *
 * @category models
 */
export interface CsvSource {
  readonly file: string
  readonly text: string
  readonly dialect: CsvDialect
  /** The UTF-8 bytes of `text` when already at hand (saves encoding a large file again). */
  readonly utf8?: Uint8Array | undefined
}

/**
 * A whole CSV file: the header, the data rows, and the trailer (blank lines after the last
 * record, usually `""`). Concatenating the BOM (per `dialect.bom`), `header.raw`, every
 * `rows[i].raw` and `trailer` gives the file's text back exactly.
 *
 * @example Header, rows and trailer
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvDocument, readClientsTable } from "uuidmap"
 *
 * const table = await Effect.runPromise(readClientsTable("clients.csv", new TextEncoder().encode("row_id\n502\n\n")))
 * const document: CsvDocument = table.document
 * assert.deepStrictEqual(document.header, { fields: ["row_id"], raw: "row_id\n", line: 1 })
 * assert.equal(document.rows.length, 1)
 * assert.equal(document.trailer, "\n")
 * ```
 * @category models
 */
export interface CsvDocument {
  /** The file's name, for messages. */
  readonly file: string
  /** How the file is written. */
  readonly dialect: CsvDialect
  /** The first record. */
  readonly header: CsvRecord
  /** Every data record, in file order. */
  readonly rows: ReadonlyArray<CsvRecord>
  /** The blank lines after the last record. */
  readonly trailer: string
}

/**
 * How to read a file: `delimiter` overrides detection, `encoding` defaults to UTF-8.
 *
 * @example A delimiter that detection would not pick
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvReadOptions, readClientsTable } from "uuidmap"
 *
 * const options: CsvReadOptions = { delimiter: "\t" }
 * const table = await Effect.runPromise(readClientsTable("clients.tsv", new TextEncoder().encode("row_id\tname, first\n502\tSam\n"), options))
 * assert.deepStrictEqual(table.document.header.fields, ["row_id", "name, first"])
 * ```
 * @category models
 */
export interface CsvReadOptions {
  /** The delimiter, instead of detecting it. */
  readonly delimiter?: CsvDelimiter | undefined
  /** The file's encoding (default UTF-8). */
  readonly encoding?: CsvEncoding | undefined
  /**
   * Accept a NUL or a byte-order mark inside the text. Only for the ledger, whose cells hold
   * object keys, which may contain any character; every file people write is refused instead.
   */
  readonly anyCharacter?: boolean | undefined
}

/**
 * Decodes a file's bytes and detects its dialect. Fails with reason `"NotText"` for a file
 * that is not CSV text (a workbook, a PDF, an archive, UTF-16, a NUL byte, a byte-order mark
 * after the start), and as `decodeCsvBytes` does.
 *
 * @category decoding
 */
export const decodeCsvSource = (
  file: string,
  bytes: Uint8Array,
  options: CsvReadOptions = {}
): Effect.Effect<CsvSource, CsvError> => {
  const encoding = options.encoding ?? "utf-8"
  const binary = binaryFileError(file, bytes)
  if (binary !== undefined) return Effect.fail(binary)
  return Effect.flatMap(decodeCsvBytes(file, bytes, encoding), ({ bom, text }) => {
    const forbidden = options.anyCharacter === true ? undefined : forbiddenCharacterError(file, text)
    if (forbidden !== undefined) return Effect.fail(forbidden)
    const source: CsvSource = {
      file,
      text,
      dialect: { delimiter: options.delimiter ?? detectDelimiter(text), bom, lineEnding: detectLineEnding(text), encoding },
      // Strictly decoded UTF-8 encodes back to the same bytes.
      utf8: encoding === "utf-8" ? (bom ? bytes.subarray(3) : bytes) : undefined
    }
    return Effect.succeed(source)
  })
}

/**
 * Streams a source's records, the header first. Fails with a `CsvError` naming the file,
 * line and column of:
 * - a quote that never closes (`"UnbalancedQuote"`, at the opening quote);
 * - a misplaced quote (`"Unparseable"`): text after a closing quote (a quote inside an
 *   unquoted field is kept as text, as spreadsheets do);
 * - a lone CR outside quotes, or a line whose ending (LF or CRLF) differs from the header's
 *   (`"LineEnding"`);
 * - a row larger than 8 MiB (`"RecordTooLarge"`), which also bounds the parser's memory;
 * - a row whose field count differs from the header's (`"FieldCount"`, at the first extra
 *   field, or at the end of a short row), including a blank line inside the file;
 * - an empty file or a blank header (`"Unparseable"`).
 *
 * Blank lines at the end of the file are not records (`readCsvDocument` keeps them as the
 * trailer).
 *
 * @category streaming
 */
export const streamCsvRecords = (source: CsvSource): Stream.Stream<CsvRecord, CsvError> =>
  Stream.flattenArray(streamCsvRecordBatches(source))

/**
 * The records of `streamCsvRecords` in batches of about a thousand, for callers that handle
 * millions of rows: one Effect step per batch rather than per record.
 *
 * @category streaming
 */
export const streamCsvRecordBatches = (source: CsvSource): Stream.Stream<readonly [CsvRecord, ...Array<CsvRecord>], CsvError> =>
  Stream.fromAsyncIterable(
    { [Symbol.asyncIterator]: () => recordBatches(source) },
    (error) => (error instanceof CsvError ? error : parserError(source, error))
  )

/**
 * Reads a whole file into a `CsvDocument`: decodes it, detects its dialect and collects its
 * records. Fails as `decodeCsvBytes` and `streamCsvRecords` do.
 *
 * @category reading
 */
export const readCsvDocument = (
  file: string,
  bytes: Uint8Array,
  options: CsvReadOptions = {}
): Effect.Effect<CsvDocument, CsvError> =>
  Effect.gen(function*() {
    const source = yield* decodeCsvSource(file, bytes, options)
    const records = yield* Effect.try({
      try: () => documentRecords(source),
      catch: (error) => (error instanceof CsvError ? error : parserError(source, error))
    })
    let consumed = 0
    for (let index = 0; index < records.length; index++) consumed += records[index]!.raw.length
    return { file, dialect: source.dialect, header: records[0]!, rows: records.slice(1), trailer: source.text.slice(consumed) }
  })
