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
 * @example
 * ```ts
 * import type { CsvDelimiter } from "./CsvDialect.ts"
 * const delimiter: CsvDelimiter = ";"
 * ```
 * @category models
 */
export type CsvDelimiter = "," | ";" | "\t"

/**
 * The record terminators uuidmap recognises. A lone `\r` (classic Mac OS) outside quotes is
 * refused, since some readers end a line there and others do not.
 *
 * @example
 * ```ts
 * import type { CsvLineEnding } from "./CsvDialect.ts"
 * const lineEnding: CsvLineEnding = "\r\n"
 * ```
 * @category models
 */
export type CsvLineEnding = "\r\n" | "\n"

/**
 * How a CSV file is written. `lineEnding` is the header's terminator: rows keep their own,
 * and it is what new files or terminator-less files are written with.
 *
 * @example
 * ```ts
 * import type { CsvDialect } from "./CsvDialect.ts"
 * const excelGerman: CsvDialect = { delimiter: ";", bom: true, lineEnding: "\r\n", encoding: "utf-8" }
 * ```
 * @category models
 */
export interface CsvDialect {
  readonly delimiter: CsvDelimiter
  readonly bom: boolean
  readonly lineEnding: CsvLineEnding
  readonly encoding: CsvEncoding
}

/**
 * The dialect uuidmap writes its own files in: comma, LF, UTF-8 without BOM.
 *
 * @example
 * ```ts
 * import { defaultCsvDialect } from "./CsvDialect.ts"
 * defaultCsvDialect.delimiter // ","
 * ```
 * @category constructors
 */
export const defaultCsvDialect: CsvDialect = { delimiter: ",", bom: false, lineEnding: "\n", encoding: "utf-8" }

// Ties go to the comma, then the semicolon: a header with no delimiter at all (one column)
// is read as comma-separated.
const candidates: ReadonlyArray<CsvDelimiter> = [",", ";", "\t"]

/**
 * Detects the delimiter from the header line: the candidate (`,` `;` tab) that occurs most
 * often outside quotes before the first line break; `,` when none occurs or on a tie.
 *
 * @example
 * ```ts
 * import { detectDelimiter } from "./CsvDialect.ts"
 * detectDelimiter("row_id;\"name, full\";email\n502;Sam;s@x\n") // ";"
 * ```
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
 * @example
 * ```ts
 * import { detectLineEnding } from "./CsvDialect.ts"
 * detectLineEnding("row_id,name\r\n502,Sam\r\n") // "\r\n"
 * ```
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
