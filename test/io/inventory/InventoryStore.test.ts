/**
 * The inventory-backed store on local reports: finding the mirror by walking up, the newest
 * manifest of a config folder, columns in any order, version rows, form-decoded CSV keys and
 * plain Parquet keys, the --bucket prefix, and every kind of bad report named precisely.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { gzipSync } from "node:zlib"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { InventoryError } from "../../../src/domain/InventoryError.ts"
import type { StoreError } from "../../../src/domain/StoreError.ts"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { type InventoryStoreOptions, makeInventoryStore } from "../../../src/io/inventory/InventoryStore.ts"
import { isUnreadable } from "../../../src/io/store/ObjectStore.ts"
import { tempDir } from "../../support/Cli.ts"
import { type InventoryObject, writeInventory } from "../../support/inventory/InventoryWriter.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-inventory-store-"))
})
afterEach(() => cleanup())

const etag = (text: string) => createHash("md5").update(text).digest("hex")
const object = (key: string, extra: Partial<InventoryObject> = {}): InventoryObject => ({
  key,
  size: key.length,
  etag: etag(key),
  lastModified: "2024-05-01T10:00:00.000Z",
  ...extra
})

const list = (options: InventoryStoreOptions, prefix = "") =>
  Effect.runPromise(Effect.scoped(Effect.flatMap(makeInventoryStore(options), (store) => Stream.runCollect(store.list(prefix)))))
    .then((entries) => entries.filter((entry): entry is StoredObject => !isUnreadable(entry)))

const failure = (options: InventoryStoreOptions): Promise<InventoryError | StoreError> =>
  Effect.runPromise(Effect.flip(Effect.scoped(Effect.flatMap(makeInventoryStore(options), (store) => Stream.runDrain(store.list(""))))))

/** Writes a CSV report whose one data file holds exactly `lines` (gzipped unless `raw`). */
const rawCsvReport = async (lines: string, options: { fileSchema?: string; raw?: boolean } = {}) => {
  const bytes = options.raw === true ? new TextEncoder().encode(lines) : gzipSync(lines)
  const key = "inventory/src/daily/data/a.csv.gz"
  await fs.mkdir(path.join(dir, "inventory/src/daily/data"), { recursive: true })
  await fs.mkdir(path.join(dir, "inventory/src/daily/2024-05-01T01-00Z"), { recursive: true })
  await fs.writeFile(path.join(dir, key), bytes)
  const manifest = {
    sourceBucket: "src",
    fileFormat: "CSV",
    fileSchema: options.fileSchema ?? "Bucket, Key, Size, LastModifiedDate, ETag",
    files: [{ key, size: bytes.length, MD5checksum: createHash("md5").update(bytes).digest("hex") }]
  }
  const manifestPath = path.join(dir, "inventory/src/daily/2024-05-01T01-00Z/manifest.json")
  await fs.writeFile(manifestPath, JSON.stringify(manifest))
  return { manifestPath, dataFile: path.join(dir, key) }
}

describe("inventory store: finding the report", () => {
  it("finds the mirror of the destination bucket by walking up from the manifest's folder", async () => {
    const written = await writeInventory({ root: path.join(dir, "mirror"), prefix: "reports/daily-inventories", sourceBucket: "src", format: "CSV" }, [object("502/a.pdf")])
    expect(written.manifestPath).toBe(path.join(dir, "mirror/reports/daily-inventories/src/daily/2024-05-01T01-00Z/manifest.json"))
    const objects = await list({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(objects).toEqual([{ key: "502/a.pdf", size: 9, etag: `"${etag("502/a.pdf")}"`, lastModified: "2024-05-01T10:00:00.000Z" }])
  })

  it("fails naming the data file when no folder above the manifest holds it", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "CSV" }, [object("502/a.pdf")])
    await fs.rm(path.join(written.configFolder, "data"), { recursive: true })
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("MissingFile")
    expect(error.message).toContain("inventory/src/daily/data/2024-05-01T01-00Z-0000.csv.gz")
  })

  it("fails naming a later data file that the mirror lacks", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "CSV", rowsPerFile: 1 }, [object("a"), object("b")])
    await fs.rm(written.dataFiles[1]!)
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("MissingFile")
    expect((error as InventoryError).file).toBe(written.dataFiles[1])
  })

  it("reads the newest dated manifest of a config folder, skipping a dated folder without one", async () => {
    await writeInventory({ root: dir, sourceBucket: "src", format: "CSV", date: "2024-05-01T01-00Z" }, [object("old.pdf")])
    const newest = await writeInventory({ root: dir, sourceBucket: "src", format: "CSV", date: "2024-05-02T01-00Z" }, [object("new.pdf")])
    await fs.mkdir(path.join(newest.configFolder, "2024-05-03T01-00Z"))
    await fs.mkdir(path.join(newest.configFolder, "hive"))
    const objects = await list({ url: `file://${newest.configFolder}`, storePrefix: "" })
    expect(objects.map((o) => o.key)).toEqual(["new.pdf"])
  })

  it("refuses a config folder with no dated manifest", async () => {
    await fs.mkdir(path.join(dir, "empty-config", "data"), { recursive: true })
    const error = await failure({ url: `file://${dir}/empty-config/`, storePrefix: "" })
    expect(error.reason).toBe("NoManifest")
    expect(error.message).toContain("no dated folder")
  })

  it("refuses a manifest that does not match its manifest.checksum", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "CSV" }, [object("a")])
    await fs.writeFile(path.join(path.dirname(written.manifestPath), "manifest.checksum"), "00000000000000000000000000000000\n")
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("ChecksumMismatch")
    expect((error as InventoryError).file).toBe(written.manifestPath)
  })
})

describe.each(["CSV", "Parquet"] as const)("inventory store: %s rows", (format) => {
  it("reads columns in any order and skips noncurrent versions and delete markers", async () => {
    const columns = ["ETag", "IsDeleteMarker", "Key", "LastModifiedDate", "VersionId", "IsLatest", "Size", "Bucket", "StorageClass"]
    const written = await writeInventory({ root: dir, sourceBucket: "src", format, columns }, [
      object("current.pdf"),
      object("old-version.pdf", { isLatest: false }),
      object("deleted.pdf", { deleteMarker: true })
    ])
    const objects = await list({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(objects.map((o) => o.key)).toEqual(["current.pdf"])
    expect(objects[0]!.etag).toBe(`"${etag("current.pdf")}"`)
  })

  it("gives keys with spaces, pluses, percent signs and unicode exactly", async () => {
    const keys = ["502/Sam Torode/a+b.pdf", "files/100% sure.txt", "日本/résumé 😀.pdf", "a%2Bb"]
    const written = await writeInventory({ root: dir, sourceBucket: "src", format }, keys.map((key) => object(key)))
    expect((await list({ url: `file://${written.manifestPath}`, storePrefix: "" })).map((o) => o.key)).toEqual(keys)
  })

  it("lists only keys under the --bucket prefix, relative to it, and filters by the list prefix", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format }, [object("tenant-a/502/x.pdf"), object("tenant-a/files/y"), object("tenant-b/502/z.pdf")])
    const options = { url: `file://${written.manifestPath}`, storePrefix: "tenant-a/" }
    expect((await list(options)).map((o) => o.key)).toEqual(["502/x.pdf", "files/y"])
    expect((await list(options, "files/")).map((o) => o.key)).toEqual(["files/y"])
  })

  it("reads every row of a report of many files and row groups", async () => {
    const objects = Array.from({ length: 250 }, (_, i) => object(`files/${String(i).padStart(4, "0")}`))
    const written = await writeInventory({ root: dir, sourceBucket: "src", format, rowsPerFile: 100, rowGroupSize: 30 }, objects)
    expect(written.dataFiles).toHaveLength(3)
    const listed = await list({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(listed.map((o) => o.key)).toEqual(objects.map((o) => o.key))
  })

  it("refuses a data file whose MD5 is not the manifest's", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format }, [object("a")])
    const manifest = JSON.parse(await fs.readFile(written.manifestPath, "utf8")) as { files: Array<{ MD5checksum: string }> }
    manifest.files[0]!.MD5checksum = "0123456789abcdef0123456789abcdef"
    await fs.writeFile(written.manifestPath, JSON.stringify(manifest))
    await fs.rm(path.join(path.dirname(written.manifestPath), "manifest.checksum"))
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("ChecksumMismatch")
    expect((error as InventoryError).file).toBe(written.dataFiles[0])
    expect(error.message).toContain("0123456789abcdef0123456789abcdef")
  })

  it("refuses a row of another bucket than the manifest's source bucket", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format }, [object("a")])
    const manifest = JSON.parse(await fs.readFile(written.manifestPath, "utf8")) as Record<string, unknown>
    await fs.writeFile(written.manifestPath, JSON.stringify({ ...manifest, sourceBucket: "other" }))
    await fs.rm(path.join(path.dirname(written.manifestPath), "manifest.checksum"))
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("BadRow")
    expect(error.message).toBe(`Bucket "src" is not the manifest's source bucket "other"`)
    expect((error as InventoryError).line).toBe(1)
    expect((error as InventoryError).column).toBe(1)
  })
})

describe("inventory store: Parquet compression", () => {
  it("reads GZIP and uncompressed pages as well as SNAPPY", async () => {
    for (const codec of ["GZIP", "UNCOMPRESSED"] as const) {
      const written = await writeInventory({ root: path.join(dir, codec), sourceBucket: "src", format: "Parquet", codec }, [object("files/a"), object("502/b")])
      expect((await list({ url: `file://${written.manifestPath}`, storePrefix: "" })).map((o) => o.key)).toEqual(["files/a", "502/b"])
    }
  })

  it("refuses a compression it has no decoder for, naming it", async () => {
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "Parquet", codec: "ZSTD" }, [object("files/a")])
    const error = await failure({ url: `file://${written.manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("BadFile")
    expect(error.message).toContain("compressed with ZSTD, which uuidmap cannot read")
  })
})

describe("inventory store: bad CSV data files", () => {
  const good = (key: string) => `"src","${key}","3","2024-05-01T10:00:00.000Z","${etag(key)}"\n`

  it("names file, line and column of a size that is not a number", async () => {
    const { manifestPath, dataFile } = await rawCsvReport(good("a") + good("b") + `"src","c","x","2024-05-01T10:00:00.000Z","${etag("c")}"\n`)
    const error = (await failure({ url: `file://${manifestPath}`, storePrefix: "" })) as InventoryError
    expect({ reason: error.reason, file: error.file, line: error.line, column: error.column }).toEqual({ reason: "BadRow", file: dataFile, line: 3, column: 3 })
    expect(error.message).toBe(`Size "x" is not a whole number of bytes`)
  })

  it("names the line of a row with too few fields, a bad date and a bad key encoding", async () => {
    const short = await rawCsvReport(good("a") + `"src","b"\n`)
    expect(await failure({ url: `file://${short.manifestPath}`, storePrefix: "" })).toMatchObject({ reason: "BadRow", line: 2, message: "Row has 2 fields but the manifest's fileSchema has 5" })
    const date = await rawCsvReport(`"src","a","3","yesterday","${etag("a")}"\n`)
    expect(await failure({ url: `file://${date.manifestPath}`, storePrefix: "" })).toMatchObject({ reason: "BadRow", line: 1, column: 4 })
    const key = await rawCsvReport(`"src","a%zz","3","2024-05-01T10:00:00.000Z","${etag("a")}"\n`)
    expect(await failure({ url: `file://${key.manifestPath}`, storePrefix: "" })).toMatchObject({ reason: "BadRow", line: 1, column: 2, message: `Key "a%zz" is not valid form-URL encoding` })
  })

  it("names the line and field of CSV that does not parse", async () => {
    const { manifestPath } = await rawCsvReport(good("a") + `"src","b"x,"3"\n`)
    expect(await failure({ url: `file://${manifestPath}`, storePrefix: "" })).toMatchObject({
      reason: "BadFile",
      line: 2,
      column: 2,
      message: "Data file is not valid CSV: text after the closing quote of a field"
    })
    const unquoted = await rawCsvReport(good("a") + good("b") + `"src",c"d,"3"\n`)
    expect(await failure({ url: `file://${unquoted.manifestPath}`, storePrefix: "" })).toMatchObject({
      reason: "BadFile",
      line: 3,
      column: 2,
      message: "Data file is not valid CSV: a quote inside a field that does not start with one"
    })
    // Lines count every line break, those inside a quoted key too.
    const unclosed = await rawCsvReport(`"src","two\nlines","3","2024-05-01T10:00:00.000Z","${etag("a")}"\n"src","never closed,3\n`)
    expect(await failure({ url: `file://${unclosed.manifestPath}`, storePrefix: "" })).toMatchObject({
      reason: "BadFile",
      line: 3,
      column: 2,
      message: "Data file is not valid CSV: a quoted field is never closed"
    })
  })

  it("refuses a quote never closed within a megabyte, at its line, instead of holding the rest of the file for it", async () => {
    // Rows with no quote at all, so nothing closes the open one.
    const rows = Array.from({ length: 40_000 }, (_, i) => `src,files/k${i},3,2024-05-01T10:00:00.000Z,${etag(String(i)).replaceAll("\"", "")}`)
    const { manifestPath } = await rawCsvReport(good("a") + `"src","never closed,3\n` + rows.join("\n") + "\n")
    expect(await failure({ url: `file://${manifestPath}`, storePrefix: "" })).toMatchObject({
      reason: "BadFile",
      line: 2,
      column: 1,
      message: "Data file is not valid CSV: a record longer than 1048576 bytes: a quote is probably never closed"
    })
  })

  it("reads rows cut at any byte by the decompressor's chunks, and a last row without a line break", async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `files/${String(i).padStart(5, "0")} "quoted", key ${i}`)
    // Form encoding leaves the quotes and the comma: the CSV doubles the quotes.
    const field = (key: string) => `"${key.replaceAll(" ", "+").replaceAll("\"", "\"\"")}"`
    const text = keys.map((key, i) => `"src",${field(key)},"${i}","2024-05-01T10:00:00.000Z","${etag(key)}"`).join("\n")
    const { manifestPath } = await rawCsvReport(text)
    const objects = await list({ url: `file://${manifestPath}`, storePrefix: "" })
    expect(objects.map((o) => o.key)).toEqual(keys)
    expect(objects.map((o) => o.size)).toEqual(keys.map((_, i) => i))
  })

  it("refuses a data file that is not gzip", async () => {
    const { manifestPath } = await rawCsvReport(good("a"), { raw: true })
    const error = await failure({ url: `file://${manifestPath}`, storePrefix: "" })
    expect(error.reason).toBe("BadFile")
    expect(error.message).toContain("not a valid gzip file")
  })

  it("normalises a time without milliseconds to the listing's form", async () => {
    const { manifestPath } = await rawCsvReport(`"src","a","3","2024-05-01T10:00:00Z","${etag("a")}"\n`)
    expect((await list({ url: `file://${manifestPath}`, storePrefix: "" }))[0]!.lastModified).toBe("2024-05-01T10:00:00.000Z")
  })
})

describe("layerInventory", () => {
  it("provides the store to a program, as the library exports it", async () => {
    const { layerInventory, ObjectStore } = await import("../../../src/mod.ts")
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "CSV" }, [object("502/a.pdf"), object("files/b")])
    const count = await Effect.runPromise(Effect.gen(function*() {
      const store = yield* ObjectStore
      return yield* Stream.runCount(store.list(""))
    }).pipe(Effect.provide(layerInventory({ url: `file://${written.manifestPath}`, storePrefix: "" }))))
    expect(count).toBe(2)
  })
})
