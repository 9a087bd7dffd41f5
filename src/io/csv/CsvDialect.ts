/**
 * The dialect of a CSV file: what separates fields, how lines end, whether it starts with a
 * byte-order mark, and its encoding. uuidmap detects it on read and keeps it on write, so a
 * file saved by a German Excel (`;`, CRLF, BOM, Windows-1252) comes back the way it went in.
 *
 * @module
 */
import type { CsvEncoding } from "./CsvEncoding.ts"

/**
 * The field delimiters uuidmap recognises.
 *
 * @example A semicolon-separated export
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvDelimiter, readClientsTable } from "uuidmap"
 *
 * const table = await Effect.runPromise(readClientsTable("clients.csv", new TextEncoder().encode("row_id;name\n502;Sam\n")))
 * const delimiter: CsvDelimiter = table.document.dialect.delimiter
 * assert.equal(delimiter, ";")
 * ```
 * @category models
 */
export type CsvDelimiter = "," | ";" | "\t"

/**
 * The record terminators uuidmap recognises. A lone `\r` (classic Mac OS) outside quotes is
 * refused, since some readers end a line there and others do not.
 *
 * @example Windows line endings
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvLineEnding, readClientsTable } from "uuidmap"
 *
 * const table = await Effect.runPromise(readClientsTable("clients.csv", new TextEncoder().encode("row_id,name\r\n502,Sam\r\n")))
 * const lineEnding: CsvLineEnding = table.document.dialect.lineEnding
 * assert.equal(lineEnding, "\r\n")
 * ```
 * @category models
 */
export type CsvLineEnding = "\r\n" | "\n"

/**
 * How a CSV file is written. `lineEnding` is the header's terminator: rows keep their own,
 * and it is what new files or terminator-less files are written with.
 *
 * @example The dialect of a German Excel export
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvDialect, readClientsTable } from "uuidmap"
 *
 * const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("row_id;name\r\n502;Sam\r\n")])
 * const table = await Effect.runPromise(readClientsTable("clients.csv", bytes))
 * const dialect: CsvDialect = table.document.dialect
 * assert.deepStrictEqual(dialect, { delimiter: ";", bom: true, lineEnding: "\r\n", encoding: "utf-8" })
 * ```
 * @category models
 */
export interface CsvDialect {
  /** What separates fields. */
  readonly delimiter: CsvDelimiter
  /** Whether the file starts with a UTF-8 byte-order mark. */
  readonly bom: boolean
  /** The header's terminator. */
  readonly lineEnding: CsvLineEnding
  /** The file's encoding. */
  readonly encoding: CsvEncoding
}

// Ties go to the comma, then the semicolon: a header with no delimiter at all (one column)
// is read as comma-separated.
const candidates: ReadonlyArray<CsvDelimiter> = [",", ";", "\t"]

/**
 * Detects the delimiter from the header line: the candidate (`,` `;` tab) that occurs most
 * often outside quotes before the first line break; `,` when none occurs or on a tie.
 *
 * @category detection
 */
export const detectDelimiter = (text: string): CsvDelimiter => {
  const counts = [0, 0, 0]
  scanFirstRecord(text, (char) => {
    const candidate = candidates.indexOf(char as CsvDelimiter)
    if (candidate !== -1) counts[candidate]!++
  })
  let best = 0
  for (let candidate = 1; candidate < candidates.length; candidate++) {
    if (counts[candidate]! > counts[best]!) best = candidate
  }
  return candidates[best]!
}

/**
 * Detects the line ending from the first record's terminator (outside quotes, so a quoted
 * header name with a line break does not count); `\n` when the file has a single line.
 *
 * @category detection
 */
export const detectLineEnding = (text: string): CsvLineEnding => {
  const end = scanFirstRecord(text, () => undefined)
  return end > 0 && text[end - 1] === "\r" ? "\r\n" : "\n"
}

/**
 * Calls `onChar` for every character of the first record that is outside quotes and returns
 * the index of the `\n` that ends it (or the text's length).
 */
const scanFirstRecord = (text: string, onChar: (char: string) => void): number => {
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (char === '"') {
      quoted = !quoted
    } else if (!quoted) {
      if (char === "\n") return index
      onChar(char)
    }
  }
  return text.length
}
