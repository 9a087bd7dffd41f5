/**
 * `uuidmap run` end to end on s3rver: the real CLI in a child process reads a bucket through
 * `--bucket s3://… --endpoint … --force-path-style` and writes the same ledger and CSV (modulo
 * the random UUIDs) as a run on the same files in a local folder; a second run changes
 * nothing; a wrong bucket or a dead endpoint exits 4 with one line and writes nothing; no
 * credential ever reaches the output.
 *
 * s3rver runs in this test process; the child only speaks HTTP to it, so it needs no
 * OpenSSL flag (and the tree fits on one page, so no continuation token is ever made).
 */
import { createHash } from "node:crypto"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import * as path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { CliResult } from "../support/Cli.ts"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { cliClientsCsv, cliTree, readRunModuloUuids, s3ChildEnv, withoutMetadataReadings, writeLocalBucket } from "../support/s3/CliComparison.ts"
import { seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { startS3rver } from "../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../support/s3/S3rverServer.ts"

// s3rver checks only the access key, so any secret works; this one must never be printed.
const secret = "uuidmap-test-secret-4b1d-do-not-print"
const env = s3ChildEnv(secret)

let server: S3rverServer
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "clients-bucket", cliTree)
})
afterAll(async () => {
  await server?.stop()
})
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-run-s3-"))
  await writeTree(dir, { "s3/clients.csv": cliClientsCsv, "local/clients.csv": cliClientsCsv })
  await writeLocalBucket(path.join(dir, "local", "bucket"), cliTree)
})
afterEach(() => cleanup())

const runS3 = (bucket: string, endpoint: string, ...extra: Array<string>) =>
  runCli([
    "run",
    "--clients",
    path.join(dir, "s3", "clients.csv"),
    "--bucket",
    bucket,
    "--endpoint",
    endpoint,
    "--force-path-style",
    "--region",
    "us-east-1",
    "--uuid-version",
    "4",
    ...extra
  ], { env })

const runLocal = () =>
  runCli([
    "run",
    "--clients",
    path.join(dir, "local", "clients.csv"),
    "--bucket",
    `file://${path.join(dir, "local", "bucket")}`,
    "--uuid-version",
    "4"
  ], { env })

const expectNoSecret = (result: CliResult) => {
  expect(result.stdout).not.toContain(secret)
  expect(result.stderr).not.toContain(secret)
}

// A port nothing listens on: bound, then released.
const closedPort = async (): Promise<number> => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

const runOutputs = (side: "s3" | "local") =>
  readRunModuloUuids(path.join(dir, side, "clients.csv"), path.join(dir, side, "clients.ledger.csv"))

describe("uuidmap run on s3rver", () => {
  it("writes the same ledger and CSV as a run on the same files in a local folder, modulo UUIDs", async () => {
    const [s3, local] = await Promise.all([runS3("s3://clients-bucket", server.endpoint), runLocal()])
    expect(s3.code, s3.stderr).toBe(0)
    expect(local.code, local.stderr).toBe(0)
    expectNoSecret(s3)
    const [fromS3, fromLocal] = await Promise.all([runOutputs("s3"), runOutputs("local")])
    // Keys, owners, statuses, sizes, ETags and times, row for row.
    expect(withoutMetadataReadings(fromS3)).toEqual(withoutMetadataReadings(fromLocal))
    // Only the S3 run read metadata: a reading (with no values) for each UUID-named pool file.
    const readings = fromS3.ledger.filter((row) => row["metadata"] !== "").map((row) => row["key"])
    expect(readings.sort()).toEqual(["files/3f2a9c4e-1111-4222-8333-444455556666.pdf", "files/7c9e6679-7425-40de-944b-e07fc1f90ae7.pdf"])
    expect(fromLocal.ledger.every((row) => row["metadata"] === "")).toBe(true)
    // …and they are the right ones: every file in a client folder (folders of folders
    // included) and the tracked pool file, each with its owner.
    const owners = new Map(fromS3.ledger.map((row) => [row["key"], row["row_id"]]))
    expect(Object.fromEntries([...owners].filter(([key]) => !key?.startsWith("files/7c9e")))).toEqual({
      "502/Sam_Torode/2024/invoice.pdf": "502",
      "502/Sam_Torode/id-scan.jpg": "502",
      "502/Sam_Torode/resume.pdf": "502",
      "503/Ann_Lee/contract.docx": "503",
      "503/Ann_Lee/old files/nda.pdf": "503",
      "files/3f2a9c4e-1111-4222-8333-444455556666.pdf": "503"
    })
    expect(fromS3.ledger.find((row) => row["key"] === "502/Sam_Torode/resume.pdf")).toMatchObject({
      row_id: "502",
      status: "mapped",
      size: "13",
      etag: `"${createHash("md5").update("Sam's resume\n").digest("hex")}"`,
      last_modified: "2024-05-01T10:00:00.000Z"
    })
    expect(fromS3.clients.map((row) => row["file_uuids"])).toEqual([
      "<502/Sam_Torode/2024/invoice.pdf>;<502/Sam_Torode/id-scan.jpg>;<502/Sam_Torode/resume.pdf>",
      "<503/Ann_Lee/contract.docx>;<503/Ann_Lee/old files/nda.pdf>;<files/3f2a9c4e-1111-4222-8333-444455556666.pdf>",
      ""
    ])
  })

  it("changes no byte and makes no backup on a second run", async () => {
    expect((await runS3("s3://clients-bucket", server.endpoint)).code).toBe(0)
    const before = await snapshotTree(dir)
    const second = await runS3("s3://clients-bucket", server.endpoint)
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain("Nothing to change.")
    expectNoSecret(second)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("exits 4 with one line naming the bucket when it does not exist, and writes nothing", async () => {
    const before = await snapshotTree(dir)
    const result = await runS3("s3://no-such-bucket", server.endpoint, "--verbose")
    expect(result.code).toBe(4)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("no-such-bucket")
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expectNoSecret(result)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("exits 4 with one line, quickly, when the endpoint does not answer, and writes nothing", async () => {
    const before = await snapshotTree(dir)
    const started = Date.now()
    const result = await runS3("s3://clients-bucket", `http://127.0.0.1:${await closedPort()}`, "--max-attempts", "1")
    expect(result.code).toBe(4)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("127.0.0.1")
    expectNoSecret(result)
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
