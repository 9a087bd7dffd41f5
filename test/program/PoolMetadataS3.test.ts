/**
 * Phase 2's metadata evidence end to end on s3rver: the real CLI reads the pool objects'
 * `x-amz-meta-*` through HeadObject and maps (or sends to review) by `row-id`, `client-id`
 * and `original-key`, and by names set with `--metadata-names`. The same files in a local
 * folder have no metadata, so there they stay unmapped.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv, writeLocalBucket } from "../support/s3/CliComparison.ts"
import { type SeedObject, seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const U = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`

const tree: ReadonlyArray<SeedObject> = [
  { key: "502/Sam/resume.pdf", body: "Sam's resume\n" },
  { key: `files/${U(1)}.pdf`, body: "by row id\n", metadata: { "row-id": "502" } },
  { key: `files/${U(2)}.pdf`, body: "by the client id\n", metadata: { "client-id": "503" } },
  { key: `files/${U(3)}.pdf`, body: "by original key\n", metadata: { "original-key": "504/Mei/scan.pdf" } },
  { key: `files/${U(4)}.pdf`, body: "two names\n", metadata: { "row-id": "502", "original-key": "503/Ann/x.pdf" } },
  { key: `files/${U(5)}.pdf`, body: "departed\n", metadata: { "row-id": "9000" } },
  { key: `files/${U(6)}.pdf`, body: "custom name\n", metadata: { "owner": "504" } }
].map((object, i) => ({ ...object, lastModified: new Date(Date.UTC(2024, 4, 1, 10, i, 0)) }))

const env = s3ChildEnv("uuidmap-test-secret")
let server: S3rverServer
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "meta-bucket", tree)
  ;({ dir, cleanup } = await tempDir("uuidmap-meta-"))
  const clients = "row_id,name\n502,Sam\n503,Ann\n504,Mei\n"
  await writeTree(dir, { "s3/clients.csv": clients, "local/clients.csv": clients })
  await writeLocalBucket(path.join(dir, "local", "bucket"), tree)
})
afterAll(async () => {
  await cleanup?.()
  await server?.stop()
})

const statusByUuid = async (side: string): Promise<Map<string, string>> => {
  const lines = (await fs.readFile(path.join(dir, side, "clients.ledger.csv"), "utf8")).trim().split("\n").slice(1)
  return new Map(lines.map((line) => {
    const [uuid, , rowId, status] = line.split(",")
    return [uuid!, `${status} ${rowId}`.trim()]
  }))
}

describe("metadata evidence on an S3 store", () => {
  it("maps by row-id, client-id and original-key, reviews conflicts, never maps an unknown row id (review, for a person)", async () => {
    const s3 = ["--clients", path.join(dir, "s3", "clients.csv"), "--bucket", "s3://meta-bucket", "--endpoint", server.endpoint, "--force-path-style", "--region", "us-east-1"]
    const result = await runCli(["run", ...s3, "--metadata-names", "client-id=owner"], { env })
    expect(result.code, result.stderr).toBe(0)
    const statuses = await statusByUuid("s3")
    expect([1, 2, 3, 4, 5, 6].map((n) => statuses.get(U(n)))).toEqual([
      "mapped 502",
      "unmapped",
      "mapped 504",
      "review 502",
      "review 9000",
      "mapped 504"
    ])
    const again = await runCli(["run", ...s3, "--metadata-names", "client-id=owner", "--diff"], { env })
    expect(again.stdout).toContain("No changes.")
  })

  it("reads client-id by its default name", async () => {
    const s3 = ["--clients", path.join(dir, "s3", "clients.csv"), "--bucket", "s3://meta-bucket", "--endpoint", server.endpoint, "--force-path-style", "--region", "us-east-1"]
    const result = await runCli(["run", ...s3], { env })
    expect(result.code, result.stderr).toBe(0)
    expect((await statusByUuid("s3")).get(U(2))).toBe("mapped 503")
  })

  it("finds no metadata in a local folder: the same files stay unmapped", async () => {
    const result = await runCli(["run", "--clients", path.join(dir, "local", "clients.csv"), "--bucket", `file://${path.join(dir, "local", "bucket")}`], { env })
    expect(result.code, result.stderr).toBe(0)
    const statuses = await statusByUuid("local")
    expect([1, 3, 6].map((n) => statuses.get(U(n)))).toEqual(["unmapped", "unmapped", "unmapped"])
  })
})
