/**
 * Cuts CSV bytes into records, for the two files uuidmap reads by the million rows: S3
 * inventory data files (no header, every field in double quotes, `\n` after each row, keys
 * form-encoded so they are ASCII) and the ledger, which uuidmap writes itself. A general parser's
 * byte-by-byte work was most of reading either; this cutter finds quotes and delimiters with
 * the typed array's native `indexOf` and decodes each field once.
 *
 * It reads any RFC 4180 CSV: unquoted fields, `""` inside quotes, quoted line breaks,
 * `\r\n`, empty lines (skipped) and a last row with no line break. A lone `\r` is text. What is
 * not CSV (a quote inside an unquoted field, text after a closing quote, a quote never closed)
 * is a `CsvSyntaxError` naming the line and the field.
 *
 * @module
 */
import { Buffer } from "node:buffer"
import { maxRecordBytes as csvParseRecordLimit } from "./internal/csvParsing.ts"

const quote = 0x22
const comma = 0x2c
const lineFeed = 0x0a
const carriageReturn = 0x0d

/**
 * Bytes that are not CSV, at a line (1-based, counting every line break) and a field (1-based).
 *
 * @category errors
 */
export class CsvSyntaxError extends Error {
  readonly line: number
  readonly column: number
  constructor(line: number, column: number, message: string) {
    super(message)
    this.line = line
    this.column = column
  }
}

/**
 * The records a chunk completed: their fields, and the line each record starts on.
 *
 * @category models
 */
export interface CsvRecords {
  readonly records: Array<Array<string>>
  readonly lines: Array<number>
}

/**
 * A cutter for one file: `push` each chunk of bytes as it arrives, then `end` once.
 *
 * @category models
 */
export interface CsvCutter {
  readonly push: (chunk: Uint8Array) => CsvRecords
  readonly end: () => CsvRecords
}

// Thrown inside a pass when the bytes so far end in the middle of a record.
const incomplete = Symbol("incomplete")

/**
 * A cutter for one file. A record still unfinished after `maxRecordBytes` (default csv-parse's limit, 8 MiB) is
 * refused as a quote that is never closed: each chunk cuts the unfinished record again from
 * its start, so one that grew without bound would make the work grow with the square of the
 * file.
 *
 * @example Quoted fields, an escaped quote, a quoted line break and a row split across chunks
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeCsvCutter } from "./CsvByteCutter.ts"
 *
 * const cutter = makeCsvCutter()
 * const bytes = new TextEncoder().encode('"b","say ""hi""","3"\n"b","two\nlines",')
 * assert.deepStrictEqual(cutter.push(bytes.subarray(0, 10)).records, [])
 * assert.deepStrictEqual(cutter.push(bytes.subarray(10)), { records: [["b", 'say "hi"', "3"]], lines: [1] })
 * assert.deepStrictEqual(cutter.end(), { records: [["b", "two\nlines", ""]], lines: [2] })
 * ```
 * @category constructors
 */
export const makeCsvCutter = (options: { readonly maxRecordBytes?: number } = {}): CsvCutter => {
  const maxRecordBytes = options.maxRecordBytes ?? csvParseRecordLimit
  let left: Uint8Array = new Uint8Array(0)
  let line = 1

  const cut = (bytes: Uint8Array, final: boolean): CsvRecords => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const end = bytes.length
    const records: Array<Array<string>> = []
    const lines: Array<number> = []
    let start = 0
    // The line the cutter has reached inside the record being cut (quoted line breaks move it).
    let at = line
    const decode = (from: number, to: number): string => text.toString("utf8", from, to)

    // The first line feed from where the last search began (`end`: none). Searches only go
    // forward, so one answers every quoted field up to it: a record's fields ask once, not
    // each a search to the record's end.
    let lineFeedAt = -1
    const lineFeedFrom = (from: number): number => {
      if (lineFeedAt < from) {
        const found = bytes.indexOf(lineFeed, from)
        lineFeedAt = found === -1 ? end : found
      }
      return lineFeedAt
    }

    // The fields of the record being cut.
    let fields: Array<string> = []

    // One record from `start` into `fields`; returns where the next one starts.
    const record = (): number => {
      fields = []
      let p = start
      for (;;) {
        if (p < end && bytes[p] === quote) {
          let pieces: Array<string> | undefined
          let from = p + 1
          let q = from
          for (;;) {
            q = bytes.indexOf(quote, q)
            if (q === -1 || (q + 1 === end && !final)) {
              if (final && q === -1) throw new CsvSyntaxError(at, fields.length + 1, "a quoted field is never closed")
              throw incomplete
            }
            if (bytes[q + 1] !== quote) break
            ;(pieces ??= []).push(decode(from, q + 1))
            q += 2
            from = q
          }
          for (let n = lineFeedFrom(p); n < q; n = lineFeedFrom(n + 1)) at++
          const last = decode(from, q)
          fields.push(pieces === undefined ? last : pieces.join("") + last)
          p = q + 1
          if (p === end) {
            if (!final) throw incomplete
            return p
          }
          const next = bytes[p]
          if (next === comma) {
            p++
            continue
          }
          if (next === lineFeed) return p + 1
          if (next === carriageReturn) {
            if (p + 1 === end) {
              if (!final) throw incomplete
              return p + 1
            }
            if (bytes[p + 1] === lineFeed) return p + 2
          }
          throw new CsvSyntaxError(at, fields.length, "text after the closing quote of a field")
        }
        let q = p
        while (q < end) {
          const byte = bytes[q]
          if (byte === comma || byte === lineFeed) break
          if (byte === quote) throw new CsvSyntaxError(at, fields.length + 1, "a quote inside a field that does not start with one")
          q++
        }
        if (q === end && !final) throw incomplete
        const crlf = q < end && bytes[q] === lineFeed && q > p && bytes[q - 1] === carriageReturn
        fields.push(decode(p, crlf ? q - 1 : q))
        if (q === end) return q
        if (bytes[q] === lineFeed) return q + 1
        p = q + 1
      }
    }

    try {
      while (start < end) {
        const first = bytes[start]
        // An empty line holds no record.
        if (first === lineFeed || (first === carriageReturn && bytes[start + 1] === lineFeed)) {
          start += first === lineFeed ? 1 : 2
          line++
          at = line
          continue
        }
        // A `\r` ending the file ends the last line.
        if (first === carriageReturn && start + 1 === end) {
          if (!final) break
          start++
          continue
        }
        at = line
        const fieldsEnd = record()
        records.push(fields)
        lines.push(line)
        start = fieldsEnd
        line = at + (bytes[start - 1] === lineFeed ? 1 : 0)
        at = line
      }
    } catch (error) {
      if (error !== incomplete) throw error
    }
    left = bytes.subarray(start)
    if (left.length > maxRecordBytes) {
      throw new CsvSyntaxError(line, 1, `a record longer than ${maxRecordBytes} bytes: a quote is probably never closed`)
    }
    return { records, lines }
  }

  return {
    push: (chunk) => {
      if (left.length === 0) return cut(chunk, false)
      const joined = new Uint8Array(left.length + chunk.length)
      joined.set(left)
      joined.set(chunk, left.length)
      return cut(joined, false)
    },
    end: () => cut(left, true)
  }
}
