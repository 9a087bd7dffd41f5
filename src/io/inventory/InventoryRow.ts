/**
 * One inventory row turned into the object a listing would have given: the columns found by
 * name (any order), the ETag quoted as ListObjectsV2 quotes it, the time in ISO 8601 UTC with
 * milliseconds. Rows of noncurrent versions and delete markers are skipped: a listing of the
 * bucket does not show them. Shared by the CSV and Parquet readers, which differ only in how
 * a cell arrives (text, or a typed Parquet value).
 *
 * @module
 */
import { unsafeObjectKey } from "../../domain/ObjectKey.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"

/**
 * Where each needed column sits in a row (`-1` when the report does not include it).
 *
 * @category models
 */
export interface ColumnPositions {
  readonly bucket: number
  readonly key: number
  readonly size: number
  readonly lastModified: number
  readonly etag: number
  readonly multipart: number
  readonly isLatest: number
  readonly deleteMarker: number
  readonly count: number
}

/**
 * Finds the columns by their snake-case names.
 *
 * @category constructors
 */
export const columnPositions = (columns: ReadonlyArray<string>): ColumnPositions => ({
  bucket: columns.indexOf("bucket"),
  key: columns.indexOf("key"),
  size: columns.indexOf("size"),
  lastModified: columns.indexOf("last_modified_date"),
  etag: columns.indexOf("e_tag"),
  multipart: columns.indexOf("is_multipart_uploaded"),
  isLatest: columns.indexOf("is_latest"),
  deleteMarker: columns.indexOf("is_delete_marker"),
  count: columns.length
})

/**
 * What became of a row: an object, a row a listing would not show, or a problem in one
 * column (0-based) with the message to give.
 *
 * @category models
 */
type RowOutcome =
  | { readonly _tag: "Object"; readonly object: StoredObject }
  | { readonly _tag: "Skip" }
  | { readonly _tag: "Problem"; readonly column: number; readonly message: string }

const skip: RowOutcome = { _tag: "Skip" }
const problem = (column: number, message: string): RowOutcome => ({ _tag: "Problem", column, message })

/**
 * A row's cells after format-specific conversion: the key already decoded, the rest as the
 * file gave them (text from CSV; numbers, bigints, booleans or Dates from Parquet).
 *
 * @category models
 */
interface RowCells {
  readonly bucket: unknown
  readonly key: string
  readonly size: unknown
  readonly lastModified: unknown
  readonly etag: unknown
  readonly multipart: unknown
  readonly isLatest: unknown
  readonly deleteMarker: unknown
}

const isoMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const flag = (value: unknown): boolean | undefined => {
  if (value === undefined || value === null || value === "") return undefined
  if (value === true || value === "true" || value === "TRUE" || value === "True") return true
  if (value === false || value === "false" || value === "FALSE" || value === "False") return false
  return undefined
}

const isFlagCell = (value: unknown): boolean => value === undefined || value === null || value === "" || flag(value) !== undefined

const sizeOf = (value: unknown): number | undefined => {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  if (typeof value === "bigint") return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined
  if (typeof value === "string" && /^\d{1,16}$/.test(value)) {
    const size = Number(value)
    return Number.isSafeInteger(size) ? size : undefined
  }
  return undefined
}

const timeOf = (value: unknown): string | undefined => {
  if (typeof value === "string") {
    if (isoMillis.test(value)) return value
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined
  }
  const date = value instanceof Date
    ? value
    : typeof value === "bigint"
    ? new Date(Number(value))
    : typeof value === "number" || typeof value === "string"
    ? new Date(value)
    : undefined
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

// The ETag in quotes, as S3 gives it, in one flat string: a concatenation would keep three
// pieces per object for the run (about 80 bytes more each), and every later read of it pays
// for walking them. JSON gives the same text when nothing needs escaping, as in every ETag S3
// writes.
const quoted = (etag: string): string => {
  const json = JSON.stringify(etag)
  return json.length === etag.length + 2 ? json : `"${etag}"`
}

const show = (value: unknown): string => (typeof value === "string" ? value : String(value))

/**
 * Turns a row's cells into the listed object, or says why it cannot. `sourceBucket` (from the
 * manifest) is checked when known; `storePrefix` keeps only keys under the `--bucket` prefix and
 * makes them relative to it, as a listing does.
 *
 * @category conversion
 */
export const rowObject = (
  positions: ColumnPositions,
  cells: RowCells,
  sourceBucket: string | undefined,
  storePrefix: string
): RowOutcome => {
  if (!isFlagCell(cells.isLatest)) return problem(positions.isLatest, `IsLatest "${show(cells.isLatest)}" is not true or false`)
  if (!isFlagCell(cells.deleteMarker)) return problem(positions.deleteMarker, `IsDeleteMarker "${show(cells.deleteMarker)}" is not true or false`)
  if (!isFlagCell(cells.multipart)) return problem(positions.multipart, `IsMultipartUploaded "${show(cells.multipart)}" is not true or false`)
  if (flag(cells.isLatest) === false || flag(cells.deleteMarker) === true) return skip
  if (sourceBucket !== undefined && cells.bucket !== sourceBucket) {
    return problem(positions.bucket, `Bucket "${show(cells.bucket)}" is not the manifest's source bucket "${sourceBucket}"`)
  }
  if (cells.key === "") return problem(positions.key, "Key is empty")
  if (storePrefix !== "" && !cells.key.startsWith(storePrefix)) return skip
  const size = sizeOf(cells.size)
  if (size === undefined) return problem(positions.size, `Size "${show(cells.size)}" is not a whole number of bytes`)
  const lastModified = timeOf(cells.lastModified)
  if (lastModified === undefined) return problem(positions.lastModified, `LastModifiedDate "${show(cells.lastModified)}" is not a date and time`)
  if (typeof cells.etag !== "string" || cells.etag === "") return problem(positions.etag, `ETag "${show(cells.etag)}" is empty or not text`)
  const etag = cells.etag.charCodeAt(0) === 34 ? cells.etag : quoted(cells.etag)
  const key = storePrefix === "" ? cells.key : cells.key.slice(storePrefix.length)
  if (key === "") return skip
  return { _tag: "Object", object: { key: unsafeObjectKey(key), size, etag, lastModified } }
}
