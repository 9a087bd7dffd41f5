/**
 * The ledger's metadata readings on s3rver, through the real CLI: HeadObject is sent only
 * when phase 2 runs, only for pool objects that are new, rewritten (new ETag or
 * last-modified time) or read for other names, never with `--metadata-evidence off`; and a
 * run says what it sent (`--verbose`, `--json`), matching what a proxy saw.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { parse } from "csv-parse/sync"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv } from "../support/s3/CliComparison.ts"
import { type FaultProxy, startFaultProxy } from "../support/s3/FaultProxy.ts"
import { type SeedObject, seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const U = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`
const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute, 0))
const tree: ReadonlyArray<SeedObject> = [
  { key: "502/Sam/resume.pdf", body: "Sam's resume\n", lastModified: at(0) },
  { key: `files/${U(1)}.pdf`, body: "by row id\n", metadata: { "row-id": "502" }, lastModified: at(1) },
  { key: `files/${U(2)}.pdf`, body: "by owner\n", metadata: { owner: "503" }, lastModified: at(2) },
  { key: `files/${U(3)}.pdf`, body: "no metadata\n", lastModified: at(3) }
]

const env = s3ChildEnv("uuidmap-test-secret")
let server: S3rverServer
let proxy: FaultProxy
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "readings", tree)
  proxy = await startFaultProxy({ upstream: server.endpoint })
  ;({ dir, cleanup } = await tempDir("uuidmap-readings-"))
  await writeTree(dir, { "clients.csv": "row_id,name\n502,Sam\n503,Ann\n504,Mei\n" })
})
afterAll(async () => {
  await cleanup?.()
  await proxy?.stop()
  await server?.stop()
})

const run = async (args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}) => {
  const before = proxy.methodCounts()
  const result = await runCli([
    "run", "--clients", path.join(dir, "clients.csv"), "--bucket", "s3://readings", "--endpoint", proxy.endpoint,
    "--force-path-style", "--region", "us-east-1", ...args
  ], { env: { ...env, ...extraEnv } })
  expect(result.code, result.stderr).toBe(0)
  const after = proxy.methodCounts()
  return { ...result, heads: (after["HEAD"] ?? 0) - (before["HEAD"] ?? 0), lists: (after["GET"] ?? 0) - (before["GET"] ?? 0) }
}

const ledgerRow = async (n: number): Promise<Record<string, string>> => {
  const rows = parse(await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8"), { columns: true }) as Array<Record<string, string>>
  return rows.find((row) => row["key"] === `files/${U(n)}.pdf`)!
}

describe("metadata readings in the ledger", () => {
  it("a first full run reads every pool object once and records what it read, at which ETag and time", async () => {
    const first = await run(["--verbose"])
    expect(first.heads).toBe(3)
    expect(first.stderr).toContain(`Requests: ${first.lists} list (ListObjectsV2), 3 head (HeadObject); a retry counts once more`)
    const row = await ledgerRow(1)
    expect(row["status"]).toBe("mapped")
    expect(JSON.parse(row["metadata"]!)).toEqual({
      etag: row["etag"],
      last_modified: row["last_modified"],
      names: ["client-id", "original-key", "row-id"],
      values: { "row-id": "502" }
    })
    // Read for these names, "owner" was not kept: the ledger holds claims, not all metadata.
    expect(JSON.parse((await ledgerRow(2))["metadata"]!).values).toEqual({})
  })

  it("a second full run over the unchanged bucket sends no HeadObject and changes nothing", async () => {
    const again = await run(["--verbose"])
    expect(again.heads).toBe(0)
    expect(again.stdout).toContain("Nothing to change.")
    expect(again.stderr).toContain("0 head (HeadObject)")
  })

  it("phases 1 and 3 never send HeadObject, even for a pool object the ledger has no reading for", async () => {
    await seedS3rverFiles(server.directory, "readings", [{ key: `files/${U(4)}.pdf`, body: "new\n", lastModified: at(20) }])
    for (const phase of ["1", "3"]) expect((await run(["--phase", phase, "--diff"])).heads).toBe(0)
  })

  it("reads again only an object new or rewritten since, and its new metadata counts", async () => {
    await seedS3rverFiles(server.directory, "readings", [{ key: `files/${U(3)}.pdf`, body: "now with metadata\n", metadata: { "row-id": "504" }, lastModified: at(30) }])
    const rewritten = await run([])
    expect(rewritten.heads).toBe(2)
    const row = await ledgerRow(3)
    expect(row).toMatchObject({ status: "mapped", row_id: "504" })
    expect(JSON.parse(row["metadata"]!)).toMatchObject({ last_modified: "2024-05-01T10:30:00.000Z", values: { "row-id": "504" } })
  })

  it("reads everything again for a name it was not read for, and answers later runs from the new readings", async () => {
    const renamed = await run(["--metadata-names", "client-id=owner", "--json"])
    expect(renamed.heads).toBe(4)
    expect(JSON.parse(renamed.stdout).requests).toEqual({ list: renamed.lists, head: 4 })
    expect((await ledgerRow(2))).toMatchObject({ status: "mapped", row_id: "503" })
    expect((await run(["--metadata-names", "client-id=owner"])).heads).toBe(0)
  })

  it("--metadata-evidence off (or UUIDMAP_METADATA_EVIDENCE=off) sends no HeadObject, and metadata is not evidence", async () => {
    await seedS3rverFiles(server.directory, "readings", [{ key: `files/${U(5)}.pdf`, body: "new, tagged\n", metadata: { "row-id": "502" }, lastModified: at(40) }])
    for (const [args, extraEnv] of [[["--metadata-evidence", "off"], {}], [[], { UUIDMAP_METADATA_EVIDENCE: "off" }]] as const) {
      const off = await run([...args, "--metadata-names", "client-id=owner", "--diff", "--json"], extraEnv)
      expect(off.heads).toBe(0)
      const after = JSON.parse(off.stdout).changes.ledger.map((change: { after: { key: string; status: string; evidence: Array<{ source: string }> } }) => change.after)
      const fresh = after.find((row: { key: string }) => row.key === `files/${U(5)}.pdf`)
      expect(fresh).toMatchObject({ status: "unmapped", evidence: [] })
      expect(after.every((row: { evidence: Array<{ source: string }> }) => row.evidence.every((item) => item.source !== "metadata"))).toBe(true)
    }
    const on = await run(["--metadata-names", "client-id=owner", "--diff", "--json"])
    expect(on.heads).toBe(1)
  })
})
