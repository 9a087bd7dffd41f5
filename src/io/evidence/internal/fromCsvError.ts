/**
 * A CSV reader's error as an evidence file's error: the same file, position and message.
 *
 * @internal
 * @module
 */
import type { CsvError } from "../../../domain/CsvError.ts"
import { EvidenceError } from "../../../domain/EvidenceError.ts"

/** The evidence error for a CSV error (`NotText` becomes `UnknownFormat`). */
export const fromCsvError = (error: CsvError): EvidenceError =>
  new EvidenceError({
    reason: error.reason === "Unreadable" ? "Unreadable" : error.reason === "NotText" ? "UnknownFormat" : "Unparseable",
    file: error.file,
    line: error.line,
    column: error.column,
    message: error.message
  })
