/**
 * The reading behind `readCsvDocument`: csv-parse reads the whole file in one synchronous
 * call (no stream, no promise per record), and the cutter turns its records into
 * `CsvRecord`s. The document is held whole anyway, so nothing is gained by streaming it.
 *
 * @internal
 * @module
 */
import { parse } from "csv-parse/sync"
import type { CsvRecord, CsvSource } from "../CsvReader.ts"
import { parseFailure, parserInput, parserOptions } from "./csvParsing.ts"
import { makeRecordCutter } from "./recordCutter.ts"

/** Every record of a source, the header first; throws a `CsvError`. */
export const documentRecords = (source: CsvSource): Array<CsvRecord> => {
  const input = parserInput(source)
  const cutter = makeRecordCutter(source)
  let parsed: Array<Array<string>>
  try {
    parsed = parse(input, parserOptions(source.dialect.delimiter))
  } catch (error) {
    throw parseFailure(source, input, cutter, error)
  }
  for (let index = 0; index < parsed.length; index++) cutter.add(parsed[index]!)
  cutter.finish()
  return cutter.take()
}
