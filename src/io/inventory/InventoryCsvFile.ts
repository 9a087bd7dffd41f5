/**
 * Reads one gzipped CSV data file of an inventory: MD5-checked bytes, gunzipped with the web
 * `DecompressionStream` (Node and Deno both have it), parsed by csv-parse (no header; every
 * field quoted), each row turned into a listed object. Keys are form-decoded first. Objects
 * come in batches so the stream above pays its per-element cost once per batch.
 *
 * @module
 */
import { Readable } from "node:stream"
import { parse } from "csv-parse"
import { InventoryError } from "../../domain/InventoryError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { md5Checked } from "./CheckedBytes.ts"
import { decodeFormKey } from "./FormDecoding.ts"
import { type ColumnPositions, rowObject } from "./InventoryRow.ts"
import { errorCode } from "../files/ErrorCode.ts"

/**
 * What reading one data file needs.
 *
 * @category models
 */
export interface DataFileRead {
  /** The file's name in messages (a path or an `s3://` URL). */
  readonly name: string
  readonly md5: string
  readonly positions: ColumnPositions
  readonly sourceBucket: string | undefined
  readonly storePrefix: string
}

const batchSize = 2048

const rowError = (name: string, line: number, column: number, message: string) =>
  new InventoryError({ reason: "BadRow", file: name, line, column, message })

/**
 * The objects of one CSV data file, in batches. Throws an `InventoryError` for bad content
 * (naming the file, line and column), and whatever the byte source errors with for a failed read.
 *
 * @category reading
 */
export async function* csvInventoryBatches(
  read: DataFileRead,
  bytes: ReadableStream<Uint8Array>
): AsyncGenerator<ReadonlyArray<StoredObject>> {
  const { positions, name } = read
  const text = bytes.pipeThrough(md5Checked(name, read.md5)).pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>)
  const parser = parse({ relax_column_count: true, skip_empty_lines: true })
  const source = Readable.fromWeb(text as import("node:stream/web").ReadableStream<Uint8Array>)
  source.on("error", (error) => parser.destroy(error))
  source.pipe(parser)
  let line = 0
  let batch: Array<StoredObject> = []
  try {
    for await (const record of parser as AsyncIterable<Array<string>>) {
      line += 1
      if (record.length !== positions.count) {
        throw rowError(name, line, 0, `Row has ${record.length} fields but the manifest's fileSchema has ${positions.count}`)
      }
      const encodedKey = record[positions.key]!
      const key = decodeFormKey(encodedKey)
      if (key === undefined) throw rowError(name, line, positions.key + 1, `Key "${encodedKey}" is not valid form-URL encoding`)
      const outcome = rowObject(positions, {
        bucket: record[positions.bucket],
        key,
        size: record[positions.size],
        lastModified: record[positions.lastModified],
        etag: record[positions.etag],
        multipart: positions.multipart < 0 ? undefined : record[positions.multipart],
        isLatest: positions.isLatest < 0 ? undefined : record[positions.isLatest],
        deleteMarker: positions.deleteMarker < 0 ? undefined : record[positions.deleteMarker]
      }, read.sourceBucket, read.storePrefix)
      if (outcome._tag === "Problem") throw rowError(name, line, outcome.column + 1, outcome.message)
      if (outcome._tag === "Object") {
        batch.push(outcome.object)
        if (batch.length === batchSize) {
          yield batch
          batch = []
        }
      }
    }
  } catch (error) {
    throw contentError(name, line, error)
  } finally {
    source.destroy()
  }
  if (batch.length > 0) yield batch
}

/**
 * The error to report for a failure while reading: an `InventoryError` or a source failure
 * as it is; a csv-parse error with its line; anything else is a file that is not gzip.
 */
const contentError = (name: string, line: number, error: unknown): unknown => {
  if (error instanceof InventoryError) return error
  if (typeof error === "object" && error !== null && "_tag" in error) return error
  const code = errorCode(error)
  if (code !== undefined && code.startsWith("CSV_")) {
    const lines = (error as { lines?: unknown }).lines
    return new InventoryError({
      reason: "BadFile",
      file: name,
      line: typeof lines === "number" ? lines : line + 1,
      column: 0,
      message: `Data file is not valid CSV: ${String((error as Error).message)}`
    })
  }
  return new InventoryError({
    reason: "BadFile",
    file: name,
    line: 0,
    column: 0,
    message: `Data file is not a valid gzip file (${String((error as Error)?.message ?? error)})`
  })
}
