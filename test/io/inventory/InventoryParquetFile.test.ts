/**
 * The Parquet reader takes one row group at a time: each batch is one group's rows, read by
 * its own ranged reads of the file.
 */
import { createHash } from "node:crypto"
import { asyncBufferFromFile } from "hyparquet"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { parquetInventoryBatches } from "../../../src/io/inventory/InventoryParquetFile.ts"
import { tempDir } from "../../support/Cli.ts"
import { writeInventory } from "../../support/inventory/InventoryWriter.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-parquet-"))
})
afterEach(() => cleanup())

describe("parquetInventoryBatches", () => {
  it("yields one batch per row group, each read by ranged reads", async () => {
    const objects = Array.from({ length: 1000 }, (_, i) => ({
      key: `files/${String(i).padStart(5, "0")}.pdf`,
      size: i,
      etag: createHash("md5").update(String(i)).digest("hex"),
      lastModified: "2024-05-01T10:00:00.000Z"
    }))
    const written = await writeInventory({ root: dir, sourceBucket: "src", format: "Parquet", rowsPerFile: 1000, rowGroupSize: 128 }, objects)
    const file = await asyncBufferFromFile(written.dataFiles[0]!)
    const slices: Array<number> = []
    const spied = { byteLength: file.byteLength, slice: (start: number, end?: number) => {
      slices.push((end ?? file.byteLength) - start)
      return file.slice(start, end)
    } }
    const sizes: Array<number> = []
    const keys: Array<string> = []
    for await (const batch of parquetInventoryBatches({ name: "a.parquet", sourceBucket: "src", storePrefix: "" }, spied)) {
      sizes.push(batch.length)
      keys.push(...batch.map((object) => object.key))
    }
    expect(sizes).toEqual([128, 128, 128, 128, 128, 128, 128, 104])
    expect(keys).toEqual(objects.map((object) => object.key))
    // Past the footer, every group's columns are fetched by their own slices.
    expect(slices.length).toBeGreaterThan(sizes.length)
  })
})
