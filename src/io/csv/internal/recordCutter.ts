/**
 * Turns the records csv-parse parses, in order, into `CsvRecord`s: finds each record's exact
 * text in the decoded source, numbers its lines, and refuses what the file must not hold
 * (quoting errors, lone CRs, line endings that change, rows of the wrong width, blank lines
 * inside). Both reading paths (the whole document and the stream of batches) feed it.
 *
 * A record's text is found without asking csv-parse for byte offsets (its `info` and
 * `on_record` options copy a dozen-field object per record, a third of its time at a million
 * rows). For a record without a quote, the text is its fields joined by the delimiter, so
 * its length is known from the fields alone; that guess is proven right when the text there
 * holds no quote and a line ending (or the end) follows it: csv-parse, reading from the
 * same start, could only have ended the record at that line ending, since no quote could
 * have opened a quoted field before it. A record with a quote is walked field by field the
 * same way, each quoted field to its closing quote; where that walk does not fit (a lone CR,
 * text after a closing quote), the quoting rules (`scanRecord`) find the end or the problem,
 * refusing what csv-parse would let through. A property test holds the texts found to
 * csv-parse's own byte offsets.
 *
 * @internal
 * @module
 */
import { CsvError } from "../../../domain/CsvError.ts"
import { rawFieldCount, rawTerminator } from "../CsvRawFields.ts"
import type { CsvRecord, CsvSource } from "../CsvReader.ts"
import { blankHeaderError, blankLineError, emptyFileError, fieldCountError, lineEndingError, recordSyntaxError } from "./readerErrors.ts"
import { findSyntaxProblem, scanRecord } from "./syntaxProblem.ts"
import { countNewlines } from "./textPosition.ts"

/** Where the next record starts: an index into the source text, and its 1-based line. */
export interface CutPosition {
  readonly index: number
  readonly line: number
}

/** The cutter of one source's records. Every method throws a `CsvError` for a bad record. */
export interface RecordCutter {
  /** Takes csv-parse's next record. */
  readonly add: (fields: Array<string>) => void
  /** The records known so far (the header first), which are handed over and forgotten. */
  readonly take: () => Array<CsvRecord>
  /** How many records `add` took. */
  readonly added: () => number
  /** Where the next record starts. */
  readonly position: () => CutPosition
  /** Ends the file: refuses an empty one. Blank lines at the end are left out (the trailer). */
  readonly finish: () => void
}

const quoteCode = 34
const carriageReturn = 13
const lineFeed = 10

/** A cutter for `source`, starting at its first record. */
export const makeRecordCutter = (source: CsvSource): RecordCutter => {
  const { dialect: { delimiter }, file, text } = source
  let cursor = 0
  let line = 1
  let added = 0
  // The first quote and CR at or after the cursor (-1: none left), found once, not per record.
  let nextQuote = text.indexOf('"')
  let nextCarriageReturn = text.indexOf("\r")
  let width = -1
  let headerEnding = ""
  let blankLines: Array<CsvRecord> = []
  let out: Array<CsvRecord> = []

  const unquotedEnd = (fields: ReadonlyArray<string>): number => {
    let contentEnd = cursor + fields.length - 1
    for (let index = 0; index < fields.length; index++) contentEnd += fields[index]!.length
    if (nextQuote !== -1 && nextQuote < cursor) nextQuote = text.indexOf('"', cursor)
    if (nextQuote !== -1 && nextQuote < contentEnd) return -1
    if (contentEnd === text.length) return contentEnd
    const code = text.charCodeAt(contentEnd)
    if (code === lineFeed) return contentEnd + 1
    if (code === carriageReturn && text.charCodeAt(contentEnd + 1) === lineFeed) return contentEnd + 2
    return -1
  }

  // A record with quotes, walked field by field: an unquoted field is as long as its value
  // (csv-parse reads it verbatim up to the delimiter), a quoted one runs to its closing quote,
  // its value shorter by the quotes and escapes. -1 at anything else (a lone CR, text after a
  // closing quote, a length that differs): the quoting rules then find the end or the problem.
  const guidedEnd = (fields: ReadonlyArray<string>): number => {
    let start = cursor
    for (let index = 0; index < fields.length; index++) {
      const value = fields[index]!
      let end: number
      if (text.charCodeAt(start) === quoteCode) {
        let from = start + 1
        let escapes = 0
        for (;;) {
          const quote = text.indexOf('"', from)
          if (quote === -1) return -1
          if (text.charCodeAt(quote + 1) === quoteCode) {
            from = quote + 2
            escapes++
            continue
          }
          if (quote - start - 1 - escapes !== value.length) return -1
          end = quote + 1
          break
        }
      } else {
        end = start + value.length
        if (nextCarriageReturn !== -1 && nextCarriageReturn < start) nextCarriageReturn = text.indexOf("\r", start)
        if (nextCarriageReturn !== -1 && nextCarriageReturn < end) return -1
      }
      if (index < fields.length - 1) {
        if (text[end] !== delimiter) return -1
        start = end + 1
        continue
      }
      if (end === text.length) return end
      const code = text.charCodeAt(end)
      if (code === lineFeed) return end + 1
      if (code === carriageReturn && text.charCodeAt(end + 1) === lineFeed) return end + 2
    }
    return -1
  }

  const cut = (fields: Array<string>): CsvRecord => {
    const unquoted = unquotedEnd(fields)
    if (unquoted !== -1) {
      if (nextCarriageReturn !== -1 && nextCarriageReturn < cursor) nextCarriageReturn = text.indexOf("\r", cursor)
      // A CR before the terminator is a lone one (a CRLF there would have ended the record).
      if (nextCarriageReturn !== -1 && nextCarriageReturn < unquoted && text.charCodeAt(nextCarriageReturn + 1) !== lineFeed) {
        const record = { fields, raw: text.slice(cursor, unquoted), line }
        throw recordSyntaxError(file, record, findSyntaxProblem(record.raw, delimiter)!)
      }
      return advance(fields, unquoted, unquoted > cursor && text.charCodeAt(unquoted - 1) === lineFeed ? 1 : 0)
    }
    const guided = guidedEnd(fields)
    if (guided !== -1) return advance(fields, guided, -1)
    const scanned = scanRecord(text, cursor, delimiter)
    if (typeof scanned !== "number") {
      const record = { fields, raw: text.slice(cursor, scanned.index + 1), line }
      throw recordSyntaxError(file, record, { ...scanned, index: scanned.index - cursor })
    }
    if (rawFieldCount(text.slice(cursor, scanned), delimiter) !== fields.length) throw misreadError(file, line)
    return advance(fields, scanned, -1)
  }

  // The record that ends at `end`, with its line breaks counted (-1: not known yet).
  const advance = (fields: Array<string>, end: number, newlines: number): CsvRecord => {
    const raw = text.slice(cursor, end)
    const record: CsvRecord = { fields, raw, line }
    cursor = end
    line += newlines === -1 ? countNewlines(raw) : newlines
    return record
  }

  const add = (fields: Array<string>): void => {
    added++
    const record = cut(fields)
    if (width === -1) {
      if (isBlankLine(record)) throw blankHeaderError(file)
      width = fields.length
      headerEnding = rawTerminator(record.raw)
      out.push(record)
      return
    }
    // A blank line is only known to be inside the file once a record follows it; blank lines
    // at the end are the trailer, kept as they are.
    if (isBlankLine(record)) {
      blankLines.push(record)
      return
    }
    if (blankLines.length > 0) {
      if (width !== 1) throw blankLineError(file, blankLines[0]!, width)
      for (const blank of blankLines) {
        checkEnding(file, blank, headerEnding)
        out.push(blank)
      }
      blankLines = []
    }
    checkEnding(file, record, headerEnding)
    if (fields.length !== width) throw fieldCountError(file, record, width, delimiter)
    out.push(record)
  }

  return {
    add,
    take: () => {
      const taken = out
      out = []
      return taken
    },
    added: () => added,
    position: () => ({ index: cursor, line }),
    finish: () => {
      if (width === -1) throw emptyFileError(file)
    }
  }
}

const checkEnding = (file: string, record: CsvRecord, headerEnding: string): void => {
  const terminator = rawTerminator(record.raw)
  if (terminator !== "" && headerEnding !== "" && terminator !== headerEnding) throw lineEndingError(file, record, headerEnding)
}

const isBlankLine = (record: CsvRecord): boolean =>
  record.fields.length === 1 && (record.raw === "\n" || record.raw === "\r\n")

// The quoting rules and csv-parse disagree on a record: never seen, but never passed over either.
const misreadError = (file: string, line: number): CsvError =>
  new CsvError({
    reason: "Unparseable",
    file,
    line,
    column: 1,
    message: "Row cannot be split into the fields the CSV parser read; check its quotes"
  })
