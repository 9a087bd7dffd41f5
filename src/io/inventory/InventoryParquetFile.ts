/**
 * Reads one Parquet data file of an inventory with hyparquet (pure JavaScript, so the same on
 * Node and Deno), one row group at a time (`rowStart`/`rowEnd` of each group), so memory holds
 * one group's rows, never the file. Keys in Parquet are plain text (no form encoding). The
 * columns are found by name in the file's own schema.
 *
 * @module
 */
import { gunzipSync } from "node:zlib"
import { type AsyncBuffer, type Compressors, parquetMetadataAsync, parquetRead } from "hyparquet"
import { InventoryError } from "../../domain/InventoryError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import type { DataFileRead } from "./InventoryCsvFile.ts"
import { requiredColumns, snakeColumnName } from "./InventoryManifest.ts"
import { columnPositions, rowObject } from "./InventoryRow.ts"

// hyparquet reads SNAPPY and uncompressed pages itself; GZIP comes from node:zlib (Deno has it).
const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input))
}

const wantedColumns = [...requiredColumns, "is_multipart_uploaded", "is_latest", "is_delete_marker"]

const badFile = (name: string, message: string, line = 0, column = 0, reason: InventoryError["reason"] = "BadFile") =>
  new InventoryError({ reason, file: name, line, column, message })

const describe = (error: unknown): string => String((error as Error)?.message ?? error)

/**
 * The objects of one Parquet data file, one batch per row group. Throws an `InventoryError`
 * (naming the file, and the row, 1-based, for a bad row) or what `file.slice` fails with.
 *
 * @category reading
 */
export async function* parquetInventoryBatches(
  read: Omit<DataFileRead, "positions" | "md5">,
  file: AsyncBuffer
): AsyncGenerator<ReadonlyArray<StoredObject>> {
  const { name } = read
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>
  try {
    metadata = await parquetMetadataAsync(file)
  } catch (error) {
    throw passThrough(error) ?? badFile(name, `Data file is not a valid Parquet file (${describe(error)})`)
  }
  // The first schema element is the root; an inventory's columns are its flat children.
  const physical = metadata.schema.slice(1).map((element) => element.name)
  const columns = physical.map(snakeColumnName)
  const missing = requiredColumns.filter((column) => !columns.includes(column))
  if (missing.length > 0) {
    throw badFile(name, `Parquet data file has no ${missing.map((column) => `"${column}"`).join(", ")} column`)
  }
  const positions = columnPositions(columns)
  const wanted = physical.filter((_, index) => wantedColumns.includes(columns[index]!))
  const at = (row: Record<string, unknown>, position: number) => (position < 0 ? undefined : row[physical[position]!])
  let rowStart = 0
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows)
    let rows: Array<Record<string, unknown>> = []
    try {
      await parquetRead({
        file,
        metadata,
        columns: wanted,
        rowStart,
        rowEnd,
        rowFormat: "object",
        compressors,
        onComplete: (complete) => {
          rows = complete
        }
      })
    } catch (error) {
      throw passThrough(error) ?? badFile(name, unreadable(error))
    }
    const batch: Array<StoredObject> = []
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!
      const line = rowStart + index + 1
      const key = at(row, positions.key)
      if (typeof key !== "string") throw badFile(name, `Key ${JSON.stringify(String(key))} is not text`, line, positions.key + 1, "BadRow")
      const outcome = rowObject(positions, {
        bucket: at(row, positions.bucket),
        key,
        size: at(row, positions.size),
        lastModified: at(row, positions.lastModified),
        etag: at(row, positions.etag),
        multipart: at(row, positions.multipart),
        isLatest: at(row, positions.isLatest),
        deleteMarker: at(row, positions.deleteMarker)
      }, read.sourceBucket, read.storePrefix)
      if (outcome._tag === "Problem") throw badFile(name, outcome.message, line, outcome.column + 1, "BadRow")
      if (outcome._tag === "Object") batch.push(outcome.object)
    }
    rowStart = rowEnd
    if (batch.length > 0) yield batch
  }
}

/** Why a row group could not be read: a compression uuidmap has no decoder for, or damage. */
const unreadable = (error: unknown): string => {
  const codec = /unsupported compression codec: (\w+)/.exec(describe(error))
  return codec === null
    ? `Data file is not a valid Parquet file (${describe(error)})`
    : `Data file is compressed with ${codec[1]}, which uuidmap cannot read; SNAPPY, GZIP and uncompressed Parquet are read`
}

/** Errors that already say what failed (a store failure, an inventory error) go up as they are. */
const passThrough = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "_tag" in error ? error : undefined
