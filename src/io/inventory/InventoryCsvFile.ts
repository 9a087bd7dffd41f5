/**
 * Reads one gzipped CSV data file of an inventory: MD5-checked bytes, gunzipped with the web
 * `DecompressionStream` (Node and Deno both have it), cut into records by the inventory CSV
 * cutter (no header; every field quoted), each row turned into a listed object. Keys are
 * form-decoded first. Objects come in batches so the stream above pays its per-element cost
 * once per batch.
 *
 * @module
 */
import { InventoryError } from "../../domain/InventoryError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { md5Checked } from "./CheckedBytes.ts"
import { CsvSyntaxError, type CsvRecords, makeCsvCutter } from "../csv/CsvByteCutter.ts"
import { decodeFormKey } from "./FormDecoding.ts"
import { type ColumnPositions, rowObject } from "./InventoryRow.ts"

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

// Far above any real row; a corrupt file with a quote never closed is refused within it.
const maxInventoryRecordBytes = 1024 * 1024

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
  const { name } = read
  const text = bytes.pipeThrough(md5Checked(name, read.md5)).pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>)
  // A row holds a key of at most 1,024 bytes, form-encoded, and a few short fields.
  const cutter = makeCsvCutter({ maxRecordBytes: maxInventoryRecordBytes })
  let batch: Array<StoredObject> = []
  // Rows to objects; the full batches to hand on.
  const take = ({ records, lines }: CsvRecords): Array<ReadonlyArray<StoredObject>> => {
    const full: Array<ReadonlyArray<StoredObject>> = []
    for (let i = 0; i < records.length; i++) {
      const object = recordObject(read, records[i]!, lines[i]!)
      if (object === undefined) continue
      batch.push(object)
      if (batch.length === batchSize) {
        full.push(batch)
        batch = []
      }
    }
    return full
  }
  const reader = text.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const full = done ? take(cutter.end()) : take(cutter.push(value))
      yield* full
      if (done) break
    }
  } catch (error) {
    throw contentError(name, error)
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  if (batch.length > 0) yield batch
}

// One record as a listed object; undefined for a row the listing skips.
const recordObject = (read: DataFileRead, record: ReadonlyArray<string>, line: number): StoredObject | undefined => {
  const { positions, name } = read
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
  return outcome._tag === "Object" ? outcome.object : undefined
}

/**
 * The error to report for a failure while reading: an `InventoryError` or a source failure
 * as it is; bytes that are not CSV with their line and field; anything else is a file that
 * is not gzip.
 */
const contentError = (name: string, error: unknown): unknown => {
  if (error instanceof InventoryError) return error
  if (typeof error === "object" && error !== null && "_tag" in error) return error
  if (error instanceof CsvSyntaxError) {
    return new InventoryError({
      reason: "BadFile",
      file: name,
      line: error.line,
      column: error.column,
      message: `Data file is not valid CSV: ${error.message}`
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
