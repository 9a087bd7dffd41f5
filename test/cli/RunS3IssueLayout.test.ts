/**
 * Issue 8's "done when", end to end: the real CLI on s3rver 3.7.1 with the issue's bucket
 * (20,000 objects: 500 folders of folders, 6,667 pool files). `run --phase 1 --diff` maps
 * 13,333 of 13,333 client-folder files with no HeadObject, where it used to map 1,012 and
 * send 6,667; a full run reads each pool object's metadata once; a second full run over the
 * unchanged bucket sends only ListObjectsV2 requests. Requests are counted by a proxy in
 * front of the server and compared with what uuidmap reports.
 */
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv } from "../support/s3/CliComparison.ts"
import { type FaultProxy, startFaultProxy } from "../support/s3/FaultProxy.ts"
import { issueLayout, issueLayoutClientsCsv, issueLayoutCounts } from "../support/s3/IssueLayout.ts"
import { seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const env = s3ChildEnv("uuidmap-test-secret")
let server: S3rverServer
let proxy: FaultProxy
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver({ inMemory: true })
  await seedS3rverFiles(server.directory, "issue8", issueLayout())
  proxy = await startFaultProxy({ upstream: server.endpoint })
  ;({ dir, cleanup } = await tempDir("uuidmap-issue8-"))
  await writeTree(dir, { "clients.csv": issueLayoutClientsCsv() })
})
afterAll(async () => {
  await cleanup?.()
  await proxy?.stop()
  await server?.stop()
})

// Runs uuidmap and returns its JSON outcome with the requests the proxy saw meanwhile.
const run = async (...extra: Array<string>) => {
  const before = proxy.methodCounts()
  const result = await runCli([
    "run", "--clients", path.join(dir, "clients.csv"), "--bucket", "s3://issue8", "--endpoint", proxy.endpoint,
    "--force-path-style", "--region", "us-east-1", "--json", ...extra
  ], { env })
  expect(result.code, result.stderr).toBe(0)
  const after = proxy.methodCounts()
  const sent = (method: string) => (after[method] ?? 0) - (before[method] ?? 0)
  return { outcome: JSON.parse(result.stdout), seen: { list: sent("GET"), head: sent("HEAD") } }
}

describe("issue 8's bucket through the CLI", () => {
  it("--phase 1 --diff maps 13,333 of 13,333 client-folder files with 0 HeadObject requests", async () => {
    const { outcome, seen } = await run("--phase", "1", "--diff")
    expect(outcome.metrics.after.clientFolderFiles).toBe(issueLayoutCounts.clientFiles)
    expect(outcome.metrics.after.clientFolderMapped).toBe(issueLayoutCounts.clientFiles)
    expect(outcome.changes.ledger).toHaveLength(issueLayoutCounts.clientFiles)
    expect(seen.head).toBe(0)
    expect(outcome.requests).toEqual(seen)
    // At least a page per 1,000 objects, and not many more.
    expect(seen.list).toBeGreaterThanOrEqual(issueLayoutCounts.objects / 1000)
    expect(seen.list).toBeLessThanOrEqual(issueLayoutCounts.objects / 1000 + 3)
  })

  it("a full run reads each pool object's metadata once; a second one sends only listing requests", async () => {
    const first = await run()
    expect(first.seen.head).toBe(issueLayoutCounts.poolFiles)
    expect(first.outcome.requests).toEqual(first.seen)
    expect(first.outcome.metrics.after.poolFiles).toBe(issueLayoutCounts.poolFiles)
    const second = await run()
    expect(second.seen.head).toBe(0)
    expect(second.outcome.requests).toEqual({ list: second.seen.list, head: 0 })
    expect(second.outcome.changes).toEqual({ cells: [], ledger: [] })
  })
})
