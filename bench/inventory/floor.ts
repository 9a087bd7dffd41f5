/**
 * The floor of an inventory run: only reading the report's data files, nothing else. CSV:
 * the bytes through the web DecompressionStream and csv-parse, every record counted. Parquet:
 * hyparquet reading every row group of the same columns. Run as its own process by the
 * benches (`node bench/inventory/floor.ts MANIFEST`), so it pays the same start-up as uuidmap.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Readable } from "node:stream"
import { parse } from "csv-parse"
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from "hyparquet"

const manifestPath = process.argv[2]!
const manifest = JSON.parse(await fs.readFile(manifestPath, "utf8")) as { fileFormat: string; files: Array<{ key: string }> }
// The mirror root is four levels above the manifest: <root>/<prefix>/<source>/<config>/<date>/.
const root = path.resolve(path.dirname(manifestPath), "../../../..")
let rows = 0
for (const file of manifest.files) {
  const name = path.join(root, file.key)
  if (manifest.fileFormat === "CSV") {
    const handle = await fs.open(name)
    const text = (handle.readableWebStream() as unknown as ReadableStream<Uint8Array>).pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>)
    const parser = Readable.fromWeb(text as import("node:stream/web").ReadableStream<Uint8Array>).pipe(parse({ relax_column_count: true }))
    for await (const _record of parser) rows += 1
    await handle.close()
  } else {
    const buffer = await asyncBufferFromFile(name)
    const metadata = await parquetMetadataAsync(buffer)
    let rowStart = 0
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows)
      await parquetRead({ file: buffer, metadata, rowStart, rowEnd, rowFormat: "object", columns: ["bucket", "key", "size", "last_modified_date", "e_tag", "is_multipart_uploaded"], onComplete: (read) => (rows += read.length) })
      rowStart = rowEnd
    }
  }
}
console.log(rows)
