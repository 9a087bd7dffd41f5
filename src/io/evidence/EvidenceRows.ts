/**
 * One shape for every evidence file: rows of named cells, each cell with the line and column
 * where it was written, whether the file is CSV (read with the lossless CSV reader) or JSON
 * Lines (one object per line). Rows are visited one at a time, so an evidence file of millions
 * of rows never sits in memory as rows. The readers of migration logs, records and review
 * sheets interpret these rows; this module only knows the formats and how to point at a cell.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { EvidenceError } from "../../domain/EvidenceError.ts"
import type { CsvDelimiter } from "../csv/CsvDialect.ts"
import { fieldOffset, splitRawRecord } from "../csv/CsvRawFields.ts"
import { type CsvRecord, decodeCsvSource, streamCsvRecordBatches } from "../csv/CsvReader.ts"
import { positionIn, type TextPosition } from "../csv/internal/textPosition.ts"
import { type EvidenceFormat, evidenceFormatOf } from "./EvidenceFormat.ts"
import { fromCsvError } from "./internal/fromCsvError.ts"
import { visitJsonLines } from "./internal/jsonLinesRows.ts"

/**
 * A cell's text and where it starts (1-based).
 *
 * @category models
 */
export interface EvidenceCell {
  readonly text: string
  readonly line: number
  readonly column: number
}

/**
 * One row: the line it starts on and its cells by column name (a JSON Lines row has only the
 * names its object has).
 *
 * @category models
 */
export interface EvidenceRow {
  readonly line: number
  readonly cells: ReadonlyMap<string, EvidenceCell>
}

/**
 * What is known of an evidence file before its rows: its name, format, and CSV header
 * (undefined for JSON Lines, whose rows each name their own fields).
 *
 * @category models
 */
export interface EvidenceHeader {
  readonly file: string
  readonly format: EvidenceFormat
  readonly columns: ReadonlyArray<string> | undefined
}

/**
 * A whole evidence file, rows included (for small files such as a review sheet).
 *
 * @category models
 */
export interface EvidenceTable extends EvidenceHeader {
  readonly rows: ReadonlyArray<EvidenceRow>
}

/**
 * A row's cell by column name: the exact name first, else the same name in another case
 * (`Old_Key` for `old_key`), since exports capitalise headers freely.
 *
 * @category accessors
 */
export const cellNamed = (row: EvidenceRow, name: string): EvidenceCell | undefined => {
  const exact = row.cells.get(name)
  if (exact !== undefined) return exact
  const lower = name.toLowerCase()
  for (const [column, cell] of row.cells) if (column.toLowerCase() === lower) return cell
  return undefined
}

/**
 * Tells whether a CSV file has a column (in any case); a JSON Lines file has every column
 * its rows name, so it is checked row by row instead.
 *
 * @category accessors
 */
export const hasColumn = (header: EvidenceHeader, name: string): boolean =>
  header.columns === undefined || header.columns.some((column) => column.toLowerCase() === name.toLowerCase())

/**
 * What to do with a file's header and with each of its rows; either may stop the reading
 * with an error.
 *
 * @category models
 */
export interface EvidenceVisitor {
  readonly header: (header: EvidenceHeader) => EvidenceError | undefined
  readonly row: (header: EvidenceHeader, row: EvidenceRow) => EvidenceError | undefined
}

// A CSV cell's text, and where it starts, worked out only when a message asks: nearly every
// row is good, and finding positions was most of the cost of reading a large file.
class CsvCell implements EvidenceCell {
  readonly text: string
  private readonly record: CsvRecord
  private readonly index: number
  private readonly delimiter: CsvDelimiter
  private position: TextPosition | undefined
  constructor(text: string, record: CsvRecord, index: number, delimiter: CsvDelimiter) {
    this.text = text
    this.record = record
    this.index = index
    this.delimiter = delimiter
  }
  get line(): number {
    return this.at().line
  }
  get column(): number {
    return this.at().column
  }
  private at(): TextPosition {
    this.position ??= positionIn(this.record.raw, fieldOffset(splitRawRecord(this.record.raw, this.delimiter), this.index), this.record.line)
    return this.position
  }
}

// Cells by column name.
const csvRow = (columns: ReadonlyArray<string>, record: CsvRecord, delimiter: CsvDelimiter): EvidenceRow => {
  const cells = new Map<string, EvidenceCell>()
  for (let index = 0; index < columns.length; index++) {
    cells.set(columns[index]!, new CsvCell(record.fields[index] ?? "", record, index, delimiter))
  }
  return { line: record.line, cells }
}

const visitCsv = (file: string, bytes: Uint8Array, visitor: EvidenceVisitor): Effect.Effect<void, EvidenceError> =>
  Effect.gen(function*() {
    const source = yield* decodeCsvSource(file, bytes).pipe(Effect.mapError(fromCsvError))
    let header: EvidenceHeader | undefined
    yield* Stream.runForEach(streamCsvRecordBatches(source).pipe(Stream.mapError(fromCsvError)), (records) => {
      for (const record of records) {
        if (header === undefined) {
          header = { file, format: "csv", columns: record.fields.map((name) => name.trim()) }
          const refused = visitor.header(header)
          if (refused !== undefined) return Effect.fail(refused)
          continue
        }
        const refused = visitor.row(header, csvRow(header.columns!, record, source.dialect.delimiter))
        if (refused !== undefined) return Effect.fail(refused)
      }
      return Effect.void
    })
  })

/**
 * Reads an evidence file's rows one at a time, as CSV or JSON Lines (see `evidenceFormatOf`),
 * without holding them all: a file of millions of rows costs the memory of its text, not of
 * its rows. `file` names it in errors as given.
 *
 * @category reading
 */
const visitEvidenceRows = (file: string, bytes: Uint8Array, visitor: EvidenceVisitor): Effect.Effect<void, EvidenceError> => {
  const format = evidenceFormatOf(file, bytes)
  if (format instanceof EvidenceError) return Effect.fail(format)
  return format === "jsonl" ? visitJsonLines(file, bytes, visitor) : visitCsv(file, bytes, visitor)
}

/**
 * Reads a whole evidence file's rows (for small files such as a review sheet).
 *
 * @category reading
 */
export const readEvidenceRows = (file: string, bytes: Uint8Array): Effect.Effect<EvidenceTable, EvidenceError> =>
  Effect.suspend(() => {
    let header: EvidenceHeader = { file, format: "csv", columns: [] }
    const rows: Array<EvidenceRow> = []
    const visitor: EvidenceVisitor = {
      header: (read) => {
        header = read
        return undefined
      },
      row: (_, row) => {
        rows.push(row)
        return undefined
      }
    }
    return Effect.map(visitEvidenceRows(file, bytes, visitor), (): EvidenceTable => ({ ...header, rows }))
  })

/**
 * The name evidence details use for a file: its base name, so that details do not change with
 * the working directory.
 *
 * @category formatting
 */
export const evidenceFileLabel = (file: string): string => path.basename(file)

/**
 * Reads an evidence file into claims: checks its header, then turns each row into a claim as
 * it is read, failing at the first bad row (nothing half-read is ever used). Only the claims
 * `keep` accepts are kept (all by default); every row is checked either way.
 *
 * @category reading
 */
export const readClaims = <Columns, A>(
  file: string,
  bytes: Uint8Array,
  columns: Columns,
  checkHeader: (header: EvidenceHeader, columns: Columns) => EvidenceError | undefined,
  readRow: (header: EvidenceHeader, row: EvidenceRow, columns: Columns) => A | EvidenceError,
  keep: (claim: A) => boolean = () => true
): Effect.Effect<ReadonlyArray<A>, EvidenceError> =>
  Effect.suspend(() => {
    const claims: Array<A> = []
    return Effect.as(
      visitEvidenceRows(file, bytes, {
        header: (header) => checkHeader(header, columns),
        row: (header, row) => {
          const claim = readRow(header, row, columns)
          if (claim instanceof EvidenceError) return claim
          if (keep(claim)) claims.push(claim)
          return undefined
        }
      }),
      claims
    )
  })
