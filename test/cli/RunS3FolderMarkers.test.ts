/**
 * S3 "folder" markers (what the S3 console's "Create folder" makes: a key ending in `/`, no
 * content) are not files: a run on s3rver gives them no UUID, does not count them as client
 * files, and lists them with `--verbose`.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv } from "../support/s3/CliComparison.ts"
import { seedThroughSdk } from "../support/s3/S3Seeding.ts"
import { startS3rver, type S3rverServer } from "../support/s3/S3rverServer.ts"

let server: S3rverServer
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  server = await startS3rver()
  await seedThroughSdk(server.endpoint, "markers", [
    { key: "502/", body: "" },
    { key: "502/Sam_Torode/", body: "" },
    { key: "502/Sam_Torode/resume.pdf", body: "resume" },
    { key: "files/", body: "" }
  ])
  ;({ dir, cleanup } = await tempDir("uuidmap-markers-"))
  await writeTree(dir, { "clients.csv": "row_id\n502\n" })
})
afterAll(async () => {
  await server?.stop()
  await cleanup?.()
})

describe("S3 folder markers", () => {
  it("are skipped: no UUID, not counted, reported with --verbose", async () => {
    const result = await runCli([
      "run",
      "--clients",
      path.join(dir, "clients.csv"),
      "--bucket",
      "s3://markers",
      "--endpoint",
      server.endpoint,
      "--force-path-style",
      "--region",
      "us-east-1",
      "--verbose"
    ], { env: s3ChildEnv("secret") })
    expect(result.code).toBe(0)
    const ledger = (await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8")).trimEnd().split("\n")
    expect(ledger).toHaveLength(2)
    expect(ledger[1]).toContain(",502/Sam_Torode/resume.pdf,502,mapped,")
    expect(await fs.readFile(path.join(dir, "clients.csv"), "utf8")).toMatch(/^row_id,file_uuids,file_count\n502,[0-9a-f-]{36},1\n$/)
    expect(result.stdout).toContain("Client-folder files mapped  0/1 (0%)")
    for (const key of ["502/", "502/Sam_Torode/", "files/"]) {
      expect(result.stderr).toContain(`folder-marker: ${key} (an S3 folder marker, not a file: skipped)`)
    }
  })
})
