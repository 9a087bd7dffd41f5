/**
 * The reading loop behind `streamCsvRecords`: streams the input through csv-parse, and the
 * cutter turns its records into `CsvRecord`s, yielded in batches so that memory stays bounded
 * by a batch, not by the file.
 *
 * @internal
 * @module
 */
import { parse } from "csv-parse"
import { Readable } from "node:stream"
import type { CsvRecord, CsvSource } from "../CsvReader.ts"
import { parseFailure, parserInput, parserOptions } from "./csvParsing.ts"
import { makeRecordCutter } from "./recordCutter.ts"

const batchSize = 1024
const chunkSize = 1 << 16

/** Yields the records of a source in batches, the header first; throws a `CsvError`. */
export async function* recordBatches(source: CsvSource): AsyncGenerator<readonly [CsvRecord, ...Array<CsvRecord>]> {
  const input = parserInput(source)
  const cutter = makeRecordCutter(source)
  const parser = parse(parserOptions(source.dialect.delimiter))
  Readable.from(chunks(input)).pipe(parser)
  const records = (parser as AsyncIterable<Array<string>>)[Symbol.asyncIterator]()
  let pending = 0
  for (;;) {
    const next = await records.next().catch((error: unknown) => {
      throw parseFailure(source, input, cutter, error)
    })
    if (next.done === true) break
    cutter.add(next.value)
    if (++pending >= batchSize) {
      pending = 0
      const batch = cutter.take()
      if (batch.length > 0) yield batch as [CsvRecord, ...Array<CsvRecord>]
    }
  }
  cutter.finish()
  const batch = cutter.take()
  if (batch.length > 0) yield batch as [CsvRecord, ...Array<CsvRecord>]
}

function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize)
}
