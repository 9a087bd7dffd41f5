/**
 * The ledger read straight from its bytes, for the ledger as uuidmap writes it. The general
 * reader keeps what a lossless edit needs (the decoded text, every record's exact text,
 * csv-parse's records), which at a million rows was 13 s and over a gigabyte held at once;
 * uuidmap rewrites the ledger whole, so none of it is needed. This path cuts the bytes a few
 * MiB at a time with the byte cutter and turns each record into a `Mapping` at once.
 *
 * It vouches only for bytes whose every record the general reader would read the same way,
 * and returns undefined for anything else: a byte that is not UTF-8, a `\r` anywhere, a blank
 * line before the trailing ones, a syntax problem, a record with the wrong field count or near
 * the size limit, any problem with a header or a cell. The general reader then reads the
 * file and names the problem with its line and column (or reads it, if a `\r` was only in a
 * key), so every answer, and every error, is the one it would give. A property test holds the
 * two readers to the same results.
 *
 * @internal
 * @module
 */
import { Buffer, isUtf8 } from "node:buffer"
import { CsvError } from "../../../domain/CsvError.ts"
import type { Mapping } from "../../../domain/Mapping.ts"
import { makeCsvCutter } from "../CsvByteCutter.ts"
import type { CsvRecord } from "../CsvReader.ts"
import { clientsDigestColumn, ledgerColumnIndexes } from "./ledgerColumns.ts"
import { maxRecordBytes } from "./csvParsing.ts"
import { makeLedgerRowReader } from "./ledgerRows.ts"
import { binaryFileError } from "./textContent.ts"

/** A ledger's rows, and its non-empty `clients_sha256` cells with their lines, in file order. */
export interface FastLedger {
  readonly mappings: ReadonlyArray<Mapping>
  readonly digests: ReadonlyArray<{ readonly value: string; readonly line: number }>
}

// Big enough that the cutter's per-call work is nothing, small enough that a chunk's records
// die young.
const chunkBytes = 4 * 1024 * 1024
const lineFeed = 0x0a
const carriageReturn = 0x0d

/**
 * The ledger in `bytes`, or undefined when the general reader must read it (see the module).
 */
export const readLedgerFast = (file: string, bytes: Uint8Array): FastLedger | undefined => {
  if (binaryFileError(file, bytes) !== undefined) return undefined
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  if (body.length === 0 || body[0] === lineFeed || body.indexOf(carriageReturn) !== -1 || !onlyTrailingBlankLines(body)) {
    return undefined
  }
  if (!isUtf8(body)) return undefined

  // A record past the general reader's limit (a quote never closed) hands over at once.
  const cutter = makeCsvCutter({ maxRecordBytes })
  let fieldCount = -1
  let digestColumn = -1
  let reader: ReturnType<typeof makeLedgerRowReader> | undefined
  const digests: Array<{ readonly value: string; readonly line: number }> = []
  // The error paths need a record's exact text to place a column; they are never taken here
  // (any problem hands the file to the general reader), so the text is left empty.
  const readRecords = (records: Array<Array<string>>, lines: Array<number>): boolean => {
    for (let index = 0; index < records.length; index++) {
      const record: CsvRecord = { fields: records[index]!, raw: "", line: lines[index]! }
      if (reader === undefined) {
        const columns = ledgerColumnIndexes(file, record)
        if (columns instanceof CsvError) return false
        fieldCount = record.fields.length
        digestColumn = record.fields.indexOf(clientsDigestColumn)
        reader = makeLedgerRowReader(file, columns, "fast", lineCount(body))
        continue
      }
      if (record.fields.length !== fieldCount || !surelyUnderSizeLimit(record.fields)) return false
      if (reader.add(record) !== undefined) return false
      if (digestColumn !== -1) {
        const digest = record.fields[digestColumn]!
        if (digest !== "") digests.push({ value: digest, line: record.line })
      }
    }
    return true
  }

  try {
    for (let start = 0; start < body.length; start += chunkBytes) {
      const { lines, records } = cutter.push(body.subarray(start, start + chunkBytes))
      if (!readRecords(records, lines)) return undefined
    }
    const { lines, records } = cutter.end()
    if (!readRecords(records, lines)) return undefined
  } catch {
    // A syntax problem: the general reader names it.
    return undefined
  }
  return reader === undefined ? undefined : { mappings: reader.mappings, digests }
}

// At least the number of rows (quoted line breaks count too): sizes the uniqueness tables.
const lineCount = (body: Uint8Array): number => {
  let lines = 0
  for (let at = body.indexOf(lineFeed); at !== -1; at = body.indexOf(lineFeed, at + 1)) lines++
  return lines
}

// A blank line inside the file is a record to the general reader (and refused); only blank
// lines at the end are a trailer. A `\n\n` inside a quoted key also lands here, and is left to it.
const onlyTrailingBlankLines = (body: Uint8Array): boolean => {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const blank = text.indexOf("\n\n")
  if (blank === -1) return true
  for (let index = blank; index < body.length; index++) if (body[index] !== lineFeed) return false
  return true
}

// A record's bytes are at most 3 per UTF-16 unit of its fields, plus two quotes and a
// delimiter per field and a line break; under the limit by that bound, the general reader
// cannot find it too large.
const surelyUnderSizeLimit = (fields: ReadonlyArray<string>): boolean => {
  let units = 0
  for (let index = 0; index < fields.length; index++) units += fields[index]!.length
  return 3 * units + 3 * fields.length + 1 <= maxRecordBytes
}
