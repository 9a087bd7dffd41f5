/**
 * `uuidmap run` end to end on moto, a second S3 implementation: the real CLI reads a bucket
 * seeded through PutObject and writes the same ledger and CSV (modulo the random UUIDs) as a
 * run on the same files in a local folder. moto stamps each object's LastModified itself, so
 * the local files get moto's times before the runs, and `last_modified` is compared too.
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3"
import * as path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { cliClientsCsv, cliTree, readRunModuloUuids, s3ChildEnv, withoutMetadataReadings, writeLocalBucket } from "../support/s3/CliComparison.ts"
import { startMoto } from "../support/s3/MotoServer.ts"
import type { MotoServer } from "../support/s3/MotoServer.ts"
import { seedThroughSdk, testS3Client } from "../support/s3/S3Seeding.ts"

const secret = "uuidmap-moto-secret-9e2f-do-not-print"

let moto: MotoServer
let motoTimes: ReadonlyMap<string, Date>
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  moto = await startMoto()
  await seedThroughSdk(moto.endpoint, "clients-bucket", cliTree)
  const client = testS3Client(moto.endpoint)
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "clients-bucket" }))
    motoTimes = new Map((listed.Contents ?? []).map((entry) => [entry.Key!, entry.LastModified!]))
  } finally {
    client.destroy()
  }
})
afterAll(async () => {
  await moto?.stop()
})
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-run-moto-"))
  await writeTree(dir, { "s3/clients.csv": cliClientsCsv, "local/clients.csv": cliClientsCsv })
  await writeLocalBucket(
    path.join(dir, "local", "bucket"),
    cliTree.map((object) => ({ ...object, lastModified: motoTimes.get(object.key)! }))
  )
})
afterEach(() => cleanup())

describe("uuidmap run on moto", () => {
  it("writes the same ledger and CSV as a run on the same files in a local folder, modulo UUIDs", async () => {
    expect([...motoTimes.keys()].sort()).toEqual(cliTree.map((object) => object.key).sort())
    const env = s3ChildEnv(secret)
    const s3Args = [
      "run",
      "--clients",
      path.join(dir, "s3", "clients.csv"),
      "--bucket",
      "s3://clients-bucket",
      "--endpoint",
      moto.endpoint,
      "--force-path-style",
      "--region",
      "us-east-1",
      "--uuid-version",
      "4"
    ]
    const localArgs = [
      "run",
      "--clients",
      path.join(dir, "local", "clients.csv"),
      "--bucket",
      `file://${path.join(dir, "local", "bucket")}`,
      "--uuid-version",
      "4"
    ]
    const [s3, local] = await Promise.all([runCli(s3Args, { env }), runCli(localArgs, { env })])
    expect(s3.code, s3.stderr).toBe(0)
    expect(local.code, local.stderr).toBe(0)
    expect(s3.stdout + s3.stderr).not.toContain(secret)
    const [fromS3, fromLocal] = await Promise.all(
      ["s3", "local"].map((side) =>
        readRunModuloUuids(path.join(dir, side, "clients.csv"), path.join(dir, side, "clients.ledger.csv"))
      )
    )
    expect(withoutMetadataReadings(fromS3)).toEqual(withoutMetadataReadings(fromLocal))
    // Only the S3 run read metadata: a reading (with no values) for each UUID-named pool file.
    const readings = fromS3.ledger.filter((row) => row["metadata"] !== "").map((row) => row["key"])
    expect(readings.sort()).toEqual(["files/3f2a9c4e-1111-4222-8333-444455556666.pdf", "files/7c9e6679-7425-40de-944b-e07fc1f90ae7.pdf"])
    expect(fromLocal.ledger.every((row) => row["metadata"] === "")).toBe(true)
    expect(fromS3?.ledger.filter((row) => row["status"] === "mapped").map((row) => row["key"])).toEqual([
      "502/Sam_Torode/2024/invoice.pdf",
      "502/Sam_Torode/id-scan.jpg",
      "502/Sam_Torode/resume.pdf",
      "503/Ann_Lee/contract.docx",
      "503/Ann_Lee/old files/nda.pdf",
      "files/3f2a9c4e-1111-4222-8333-444455556666.pdf"
    ])
    const resume = fromS3?.ledger.find((row) => row["key"] === "502/Sam_Torode/resume.pdf")
    expect(resume?.["last_modified"]).toBe(motoTimes.get("502/Sam_Torode/resume.pdf")?.toISOString())
  })
})
