/**
 * `uuidmap run --inventory s3://…` end to end on s3rver: the report lives in a destination
 * bucket and is read with GetObject (CSV streamed, Parquet by ranges); metadata evidence still
 * reads the live bucket with HeadObject when `--bucket` names it, and a run gives the same
 * ledger as a live listing. Without `--bucket` nothing reads the source bucket. A missing
 * manifest exits 2; a dead endpoint exits 4.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { writeInventory } from "../support/inventory/InventoryWriter.ts"
import { cliClientsCsv, cliTree, readRunModuloUuids, s3ChildEnv } from "../support/s3/CliComparison.ts"
import { type SeedObject, seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const env = s3ChildEnv("uuidmap-inventory-secret")
const metadataUuid = "9b2f4c1e-2222-4333-8444-555566667777"
const tree: ReadonlyArray<SeedObject> = [
  ...cliTree,
  { key: `files/${metadataUuid}.pdf`, body: "owned by metadata", metadata: { "row-id": "502" }, lastModified: new Date(Date.UTC(2024, 5, 1, 9, 0, 0)) }
]

let server: S3rverServer
let dir: string
let cleanup: () => Promise<void>

/** Writes both reports of `tree` locally, then copies them into the destination bucket. */
const seedInventories = async () => {
  const local = await tempDir("uuidmap-inventory-seed-")
  try {
    const objects = tree.map((object) => ({
      key: object.key,
      size: Buffer.byteLength(object.body),
      etag: createHash("md5").update(object.body).digest("hex"),
      lastModified: (object.lastModified ?? new Date("2024-05-01T10:00:00.000Z")).toISOString()
    }))
    await writeInventory({ root: local.dir, prefix: "csv", sourceBucket: "clients-bucket", format: "CSV", rowsPerFile: 5 }, objects)
    await writeInventory({ root: local.dir, prefix: "parquet", sourceBucket: "clients-bucket", format: "Parquet", rowsPerFile: 5, rowGroupSize: 2 }, objects)
    const files: Array<SeedObject> = []
    for (const entry of await fs.readdir(local.dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const file = path.join(entry.parentPath, entry.name)
      files.push({ key: path.relative(local.dir, file).split(path.sep).join("/"), body: await fs.readFile(file) })
    }
    await seedS3rverFiles(server.directory, "inventory-dest", files)
  } finally {
    await local.cleanup()
  }
}

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "clients-bucket", tree)
  await seedInventories()
})
afterAll(async () => {
  await server?.stop()
})
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-run-inventory-s3-"))
  await writeTree(dir, { "live/clients.csv": cliClientsCsv, "inv/clients.csv": cliClientsCsv })
})
afterEach(() => cleanup())

const run = (side: string, endpoint: string, ...extra: Array<string>) =>
  runCli(["run", "--clients", path.join(dir, side, "clients.csv"), "--endpoint", endpoint, "--force-path-style", "--region", "us-east-1", ...extra], { env })

const outputs = (side: string) => readRunModuloUuids(path.join(dir, side, "clients.csv"), path.join(dir, side, "clients.ledger.csv"))

describe.each(["csv", "parquet"])("uuidmap run --inventory s3:// (%s) on s3rver", (format) => {
  const inventory = `s3://inventory-dest/${format}/clients-bucket/daily/`

  it("gives the same ledger as a live listing, metadata evidence read from the live bucket", async () => {
    const live = await run("live", server.endpoint, "--bucket", "s3://clients-bucket")
    expect(live.code, live.stderr).toBe(0)
    const fromInventory = await run("inv", server.endpoint, "--bucket", "s3://clients-bucket", "--inventory", inventory)
    expect(fromInventory.code, fromInventory.stderr).toBe(0)
    const [a, b] = await Promise.all([outputs("live"), outputs("inv")])
    expect(b).toEqual(a)
    // The metadata claim was read (HeadObject on the live bucket): the file is mapped to 502.
    expect(b.ledger.find((row) => row["key"] === `files/${metadataUuid}.pdf`)).toMatchObject({ row_id: "502", status: "mapped" })
  })

  it("runs with no --bucket, reading no metadata", async () => {
    const result = await run("inv", server.endpoint, "--inventory", inventory)
    expect(result.code, result.stderr).toBe(0)
    const { ledger } = await outputs("inv")
    expect(ledger.find((row) => row["key"] === `files/${metadataUuid}.pdf`)).toMatchObject({ status: "unmapped" })
    expect(ledger.find((row) => row["key"] === "502/Sam_Torode/resume.pdf")).toMatchObject({ row_id: "502", status: "mapped" })
  })
})

describe("uuidmap run --inventory s3://, failures", () => {
  it("exits 2 naming the manifest when it does not exist, and writes nothing", async () => {
    const before = await snapshotTree(dir)
    const result = await run("inv", server.endpoint, "--inventory", "s3://inventory-dest/csv/clients-bucket/daily/2030-01-01T00-00Z/manifest.json")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("s3://inventory-dest/csv/clients-bucket/daily/2030-01-01T00-00Z/manifest.json: Inventory manifest does not exist")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("exits 2 when a config folder on S3 has no dated manifest", async () => {
    const result = await run("inv", server.endpoint, "--inventory", "s3://inventory-dest/csv/clients-bucket/nothing-here/")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("no dated folder")
  })

  it("exits 4 with one line when the endpoint does not answer", async () => {
    const before = await snapshotTree(dir)
    const result = await run("inv", "http://127.0.0.1:9", "--inventory", "s3://inventory-dest/csv/clients-bucket/daily/", "--max-attempts", "1")
    expect(result.code).toBe(4)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("127.0.0.1")
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
