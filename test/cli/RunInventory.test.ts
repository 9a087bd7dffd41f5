/**
 * `uuidmap run --inventory` end to end: the real CLI reads a CSV or Parquet S3 Inventory of a
 * local folder and writes the same ledger and CSV (modulo the random UUIDs) as a run that lists
 * the folder; with no `--bucket` it needs no bucket at all; a bad report exits 2 naming the file
 * and writes nothing.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { generateScenario } from "../../bench/scenario/GenerateScenario.ts"
import { inventoryOfFolder } from "../support/inventory/FolderInventory.ts"
import { cliClientsCsv, cliTree, readRunModuloUuids, writeLocalBucket } from "../support/s3/CliComparison.ts"

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-run-inventory-"))
  await writeTree(dir, { "listed/clients.csv": cliClientsCsv, "inv/clients.csv": cliClientsCsv })
  await writeLocalBucket(path.join(dir, "bucket"), cliTree)
})
afterEach(() => cleanup())

const runListed = () =>
  runCli(["run", "--clients", path.join(dir, "listed", "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`])

const runInventory = (inventory: string, ...extra: Array<string>) =>
  runCli(["run", "--clients", path.join(dir, "inv", "clients.csv"), "--inventory", inventory, ...extra])

describe.each(["CSV", "Parquet"] as const)("uuidmap run --inventory (%s)", (format) => {
  it("writes the same ledger and CSV as a run on a listing of the same bucket, with no --bucket", async () => {
    const written = await inventoryOfFolder(path.join(dir, "bucket"), { root: path.join(dir, "mirror"), sourceBucket: "clients-bucket", format, rowsPerFile: 4, rowGroupSize: 3 })
    expect(written.dataFiles.length).toBeGreaterThan(1)
    expect((await runListed()).code).toBe(0)
    const result = await runInventory(`file://${written.configFolder}/`)
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const listed = await readRunModuloUuids(path.join(dir, "listed", "clients.csv"), path.join(dir, "listed", "clients.ledger.csv"))
    const inventoried = await readRunModuloUuids(path.join(dir, "inv", "clients.csv"), path.join(dir, "inv", "clients.ledger.csv"))
    expect(inventoried.ledger.length).toBe(7)
    expect(inventoried).toEqual(listed)
  })

  it("changes nothing on a second run over the same inventory", async () => {
    const written = await inventoryOfFolder(path.join(dir, "bucket"), { root: path.join(dir, "mirror"), sourceBucket: "clients-bucket", format })
    expect((await runInventory(`file://${written.manifestPath}`)).code).toBe(0)
    const before = await snapshotTree(path.join(dir, "inv"))
    const second = await runInventory(`file://${written.manifestPath}`)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("Nothing to change.")
    expect(await snapshotTree(path.join(dir, "inv"))).toEqual(before)
  })

  it("exits 2 naming the data file and writes nothing when a data file does not match its MD5", async () => {
    const written = await inventoryOfFolder(path.join(dir, "bucket"), { root: path.join(dir, "mirror"), sourceBucket: "clients-bucket", format })
    const bytes = await fs.readFile(written.dataFiles[0]!)
    bytes[bytes.length - 9] = bytes[bytes.length - 9]! ^ 0xff
    await fs.writeFile(written.dataFiles[0]!, bytes)
    const before = await snapshotTree(path.join(dir, "inv"))
    const result = await runInventory(`file://${written.manifestPath}`)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(path.basename(written.dataFiles[0]!))
    expect(result.stderr).toContain("MD5")
    expect(await snapshotTree(path.join(dir, "inv"))).toEqual(before)
  })
})

describe("uuidmap run --inventory on a generated scenario with evidence", () => {
  it("gives the ledger a listing of the same folder gives, for both report formats", async () => {
    const scenario = await generateScenario({ objects: 300, clients: 30, seed: 7, out: path.join(dir, "scenario"), withBodies: true, folder: true, rowsPerFile: 120, rowGroupSize: 50 })
    const evidence = ["--migration-log", scenario.migrationLog, "--records", scenario.records]
    const runOn = async (name: string, ...source: Array<string>) => {
      const clients = path.join(dir, name, "clients.csv")
      await fs.mkdir(path.dirname(clients), { recursive: true })
      await fs.copyFile(scenario.clientsFile, clients)
      const result = await runCli(["run", "--clients", clients, ...source, ...evidence])
      expect(result.code, result.stderr).toBe(0)
      return readRunModuloUuids(clients, path.join(dir, name, "clients.ledger.csv"))
    }
    const listed = await runOn("listed-scenario", "--bucket", `file://${scenario.bucketDir}`)
    // The scenario decides pool files by every kind of evidence, so the comparison covers them.
    const statuses = new Set(listed.ledger.map((row) => `${row["status"]}:${JSON.parse(row["evidence"]!).map((e: { source: string }) => e.source).join("+")}`))
    expect([...statuses].some((status) => status.includes("migration-log"))).toBe(true)
    expect([...statuses].some((status) => status.includes("records"))).toBe(true)
    expect([...statuses].some((status) => status.includes("content"))).toBe(true)
    expect([...statuses].some((status) => status.includes("tracking-cell"))).toBe(true)
    for (const format of ["CSV", "Parquet"] as const) {
      expect(await runOn(`inventory-${format}`, "--inventory", `file://${scenario.inventories[format]!.configFolder}`)).toEqual(listed)
    }
  })
})

describe("uuidmap run --inventory, refusals", () => {
  it("refuses an ORC inventory with exit 2 and what to do instead", async () => {
    const written = await inventoryOfFolder(path.join(dir, "bucket"), { root: path.join(dir, "mirror"), sourceBucket: "clients-bucket", format: "CSV", checksum: false })
    const manifest = JSON.parse(await fs.readFile(written.manifestPath, "utf8")) as Record<string, unknown>
    await fs.writeFile(written.manifestPath, JSON.stringify({ ...manifest, fileFormat: "ORC" }))
    const result = await runInventory(`file://${written.manifestPath}`)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("not supported: configure the inventory as CSV or Parquet")
    expect(result.stderr).toContain(written.manifestPath)
  })

  it("refuses an inventory of another bucket than --bucket names", async () => {
    const written = await inventoryOfFolder(path.join(dir, "bucket"), { root: path.join(dir, "mirror"), sourceBucket: "other-bucket", format: "CSV" })
    const result = await runInventory(`file://${written.manifestPath}`, "--bucket", "s3://clients-bucket", "--endpoint", "http://127.0.0.1:9", "--region", "us-east-1")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Inventory is of bucket "other-bucket", not of --bucket "clients-bucket"`)
  })

  it("refuses an --inventory that is neither s3:// nor file://", async () => {
    const result = await runInventory("/tmp/manifest.json")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`--inventory "/tmp/manifest.json" must start with s3:// or file://`)
  })
})
