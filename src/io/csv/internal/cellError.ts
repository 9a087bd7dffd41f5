/**
 * Builds a `CsvError` that points at one cell of a record.
 *
 * @internal
 * @module
 */
import { CsvError, type CsvErrorReason } from "../../../domain/CsvError.ts"
import type { CsvDelimiter } from "../CsvDialect.ts"
import { cellPosition } from "../CsvRawFields.ts"
import type { CsvRecord } from "../CsvReader.ts"

/** An error at the start of field `column` of `record` (1-based line and column). */
export const cellError = (
  file: string,
  record: CsvRecord,
  column: number,
  delimiter: CsvDelimiter,
  reason: CsvErrorReason,
  message: string
): CsvError => new CsvError({ reason, file, ...cellPosition(record, column, delimiter), message })
