/**
 * Finds where a CSV text breaks the quoting rules. csv-parse says *that* a quote is wrong but
 * not reliably *where* (its line counter drifts on embedded newlines), so on the error path
 * uuidmap rescans the text with the same rules: RFC 4180 with `"` as quote and `""` as escape,
 * `\r\n` or `\n` ending a record, a quote inside an unquoted field taken as text. It runs on
 * the whole text after csv-parse failed, and on a record whose text the cutter could not find
 * field by field, because csv-parse (with `relax_quotes`) accepts text after a closing quote
 * and a lone CR outside quotes, which uuidmap refuses: a lone CR ends a line in old Mac files
 * and in some spreadsheets, so reading it as data would silently merge records.
 *
 * @internal
 * @module
 */
import type { CsvErrorReason } from "../../../domain/CsvError.ts"
import { quoteValue } from "./textPosition.ts"

/** The first quoting problem of a text: where it is, and what to tell the user. */
export interface SyntaxProblem {
  readonly index: number
  readonly reason: CsvErrorReason
  readonly message: string
}

const isRecordEnd = (text: string, index: number): boolean =>
  text[index] === "\n" || (text[index] === "\r" && text[index + 1] === "\n")

const isLoneCarriageReturn = (text: string, index: number): boolean =>
  text[index] === "\r" && text[index + 1] !== "\n"

const loneCarriageReturn = (index: number): SyntaxProblem => ({
  index,
  reason: "LineEnding",
  message: "Lone carriage return (CR) outside quotes; uuidmap reads lines that end with LF or CRLF " +
    "(files from classic Mac OS end lines with CR alone): convert the line endings, or quote the field"
})

/** Scans `text` and returns its first quoting problem, or undefined when it has none. */
export const findSyntaxProblem = (text: string, delimiter: string): SyntaxProblem | undefined => {
  let index = 0
  while (index < text.length) {
    const scanned = scanRecord(text, index, delimiter)
    if (typeof scanned !== "number") return scanned
    index = scanned
  }
  return undefined
}

/**
 * Scans the record that starts at `start` by the rules above and returns the index just past
 * its terminator (or the text's length), or its first quoting problem.
 */
export const scanRecord = (text: string, start: number, delimiter: string): number | SyntaxProblem => {
  const length = text.length
  let index = start
  let atFieldStart = true
  while (index < length) {
    const char = text[index]
    if (atFieldStart && char === '"') {
      const opening = index
      let cursor = index + 1
      for (;;) {
        const quote = text.indexOf('"', cursor)
        if (quote === -1) {
          return {
            index: opening,
            reason: "UnbalancedQuote",
            message: "Quoted field is never closed; add the missing closing quote"
          }
        }
        if (text[quote + 1] === '"') {
          cursor = quote + 2
          continue
        }
        const after = quote + 1
        if (isLoneCarriageReturn(text, after)) return loneCarriageReturn(after)
        if (after < length && text[after] !== delimiter && !isRecordEnd(text, after)) {
          return {
            index: after,
            reason: "Unparseable",
            message: `Unexpected ${quoteValue(text[after] ?? "")} after the closing quote of a quoted field; ` +
              "a quote inside a quoted field must be doubled"
          }
        }
        index = after
        break
      }
      atFieldStart = false
      continue
    }
    if (char === delimiter) {
      atFieldStart = true
      index++
    } else if (char === "\n") {
      return index + 1
    } else if (char === "\r" && text[index + 1] === "\n") {
      return index + 2
    } else if (char === "\r") {
      return loneCarriageReturn(index)
    } else {
      // A quote inside an unquoted field is text (`5" disk`), as spreadsheets read it.
      atFieldStart = false
      index++
    }
  }
  return length
}
