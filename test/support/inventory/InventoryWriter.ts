/**
 * Writes S3 Inventory reports the way S3 lays them out in the destination bucket, for tests and
 * benchmarks: `<prefix>/<source>/<config>/<date>/manifest.json` (+ `manifest.checksum`) and the
 * data files in `<prefix>/<source>/<config>/data/`, gzipped CSV (no header, every field quoted,
 * keys form-URL-encoded) or Parquet (snake-case columns, plain keys). `root` is the folder that
 * stands for the destination bucket.
 */
import { createHash } from "node:crypto"
import { createWriteStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { createGzip, gzipSync } from "node:zlib"
import { parquetWriteFile } from "hyparquet-writer"

/** One object the inventory lists; `etag` without quotes, as inventories give it. */
export interface InventoryObject {
  readonly key: string
  readonly size: number
  readonly etag: string
  readonly lastModified: string
  readonly multipart?: boolean
  readonly isLatest?: boolean
  readonly deleteMarker?: boolean
}

export interface InventoryLayout {
  readonly root: string
  readonly prefix?: string
  readonly sourceBucket: string
  readonly configId?: string
  readonly date?: string
  readonly format: "CSV" | "Parquet"
  /** CSV column names in file order (PascalCase); default Bucket, Key, Size, LastModifiedDate, ETag, IsMultipartUploaded. */
  readonly columns?: ReadonlyArray<string>
  readonly rowsPerFile?: number
  readonly rowGroupSize?: number
  readonly checksum?: boolean
  /** Parquet page compression (default SNAPPY); ZSTD is written uncompressed but labelled ZSTD. */
  readonly codec?: "SNAPPY" | "GZIP" | "UNCOMPRESSED" | "ZSTD"
}

export interface WrittenInventory {
  readonly manifestPath: string
  readonly configFolder: string
  readonly dataFiles: ReadonlyArray<string>
}

export const defaultColumns = ["Bucket", "Key", "Size", "LastModifiedDate", "ETag", "IsMultipartUploaded"]

/** Form-URL encoding as S3 writes CSV keys: spaces become `+`, everything else unsafe is `%XX`. */
export const formEncode = (key: string): string =>
  encodeURIComponent(key).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll("%20", "+")

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase()

const cell = (column: string, bucket: string, object: InventoryObject): string => {
  switch (column) {
    case "Bucket": return bucket
    case "Key": return formEncode(object.key)
    case "Size": return object.deleteMarker === true ? "" : String(object.size)
    case "LastModifiedDate": return object.lastModified
    case "ETag": return object.deleteMarker === true ? "" : object.etag
    case "IsMultipartUploaded": return String(object.multipart ?? /-\d+$/.test(object.etag))
    case "IsLatest": return String(object.isLatest ?? true)
    case "IsDeleteMarker": return String(object.deleteMarker ?? false)
    case "VersionId": return "v1"
    case "StorageClass": return "STANDARD"
    default: return ""
  }
}

const md5OfFile = async (file: string) => createHash("md5").update(await fs.readFile(file)).digest("hex")

const writeCsvGz = async (file: string, rows: Iterable<string>) => {
  const gzip = createGzip()
  const out = createWriteStream(file)
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve)
    out.on("error", reject)
    gzip.on("error", reject)
  })
  gzip.pipe(out)
  let buffer = ""
  for (const row of rows) {
    buffer += row
    if (buffer.length > 1 << 20) {
      if (!gzip.write(buffer)) await new Promise<void>((resolve) => gzip.once("drain", () => resolve()))
      buffer = ""
    }
  }
  gzip.end(buffer)
  await done
}

function* chunked<A>(items: Iterable<A>, size: number): Generator<Array<A>> {
  let chunk: Array<A> = []
  for (const item of items) {
    chunk.push(item)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}

const parquetSchemaText = (columns: ReadonlyArray<string>) =>
  `message s3.inventory { ${columns.map((name) => {
    const column = snake(name)
    const type = column === "size" || column === "last_modified_date" ? "int64" : column.startsWith("is_") ? "boolean" : "binary"
    return `${column === "bucket" || column === "key" ? "required" : "optional"} ${type} ${column}${type === "binary" ? " (STRING)" : column === "last_modified_date" ? " (TIMESTAMP(MILLIS,true))" : ""};`
  }).join(" ")} }`

const writeParquet = (
  file: string,
  columns: ReadonlyArray<string>,
  bucket: string,
  objects: ReadonlyArray<InventoryObject>,
  rowGroupSize: number,
  codec: NonNullable<InventoryLayout["codec"]>
) => {
  const columnData = columns.map((name) => {
    const column = snake(name)
    if (column === "size") return { name: column, type: "INT64" as const, data: objects.map((o) => (o.deleteMarker === true ? null : BigInt(o.size))) }
    if (column === "last_modified_date") return { name: column, type: "TIMESTAMP" as const, data: objects.map((o) => new Date(o.lastModified)) }
    if (column.startsWith("is_")) return { name: column, type: "BOOLEAN" as const, data: objects.map((o) => cell(name, bucket, o) === "true") }
    if (column === "key") return { name: column, type: "STRING" as const, data: objects.map((o) => o.key) }
    return { name: column, type: "STRING" as const, data: objects.map((o) => cell(name, bucket, o)) }
  })
  const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)), ZSTD: (input: Uint8Array) => input }
  parquetWriteFile({ filename: file, columnData, rowGroupSize, codec, compressors })
}

/** Writes a whole report and returns where its manifest and data files are. */
export const writeInventory = async (layout: InventoryLayout, objects: Iterable<InventoryObject>): Promise<WrittenInventory> => {
  const prefix = layout.prefix ?? "inventory"
  const configId = layout.configId ?? "daily"
  const date = layout.date ?? "2024-05-01T01-00Z"
  const columns = layout.columns ?? defaultColumns
  const configKey = [prefix, layout.sourceBucket, configId].filter((part) => part !== "").join("/")
  const configFolder = path.join(layout.root, ...configKey.split("/"))
  await fs.mkdir(path.join(configFolder, "data"), { recursive: true })
  await fs.mkdir(path.join(configFolder, date), { recursive: true })
  const files: Array<{ key: string; size: number; MD5checksum: string }> = []
  const dataFiles: Array<string> = []
  let index = 0
  for (const chunk of chunked(objects, layout.rowsPerFile ?? 100_000)) {
    const name = `${date}-${String(index++).padStart(4, "0")}.${layout.format === "CSV" ? "csv.gz" : "parquet"}`
    const key = `${configKey}/data/${name}`
    const file = path.join(configFolder, "data", name)
    if (layout.format === "CSV") {
      await writeCsvGz(file, (function*() {
        for (const object of chunk) yield columns.map((column) => `"${cell(column, layout.sourceBucket, object).replaceAll("\"", "\"\"")}"`).join(",") + "\n"
      })())
    } else {
      writeParquet(file, columns, layout.sourceBucket, chunk, layout.rowGroupSize ?? 10_000, layout.codec ?? "SNAPPY")
    }
    files.push({ key, size: (await fs.stat(file)).size, MD5checksum: await md5OfFile(file) })
    dataFiles.push(file)
  }
  const manifest = {
    sourceBucket: layout.sourceBucket,
    destinationBucket: "arn:aws:s3:::inventory-destination",
    version: "2016-11-30",
    creationTimestamp: String(Date.parse(date.replace(/T(\d\d)-(\d\d)Z$/, "T$1:$2:00Z"))),
    fileFormat: layout.format,
    fileSchema: layout.format === "CSV" ? columns.join(", ") : parquetSchemaText(columns),
    files
  }
  const manifestPath = path.join(configFolder, date, "manifest.json")
  const text = JSON.stringify(manifest, null, 2)
  await fs.writeFile(manifestPath, text)
  if (layout.checksum !== false) {
    await fs.writeFile(path.join(configFolder, date, "manifest.checksum"), createHash("md5").update(text).digest("hex"))
  }
  return { manifestPath, configFolder, dataFiles }
}
