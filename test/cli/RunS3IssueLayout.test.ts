/**
 * Issue 8's "done when", on s3rver 3.7.1 with the issue's bucket (20,000 objects: 500 folders
 * of folders, 6,667 pool files), seeded once for all of it. The store's auto listing yields
 * all 20,000 keys, though after the first page s3rver's `Delimiter` answer names only
 * `files/` (the old range listing lost 12,000 keys there). Through the real CLI,
 * `run --phase 1 --diff` maps 13,333 of 13,333 client-folder files with no HeadObject, where
 * it used to map 1,012 and send 6,667; a full run reads each pool object's metadata once; a
 * second full run over the unchanged bucket sends only ListObjectsV2 requests. Requests are
 * counted by a proxy in front of the server and compared with what uuidmap reports.
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv } from "../support/s3/CliComparison.ts"
import { type FaultProxy, startFaultProxy } from "../support/s3/FaultProxy.ts"
import { issueLayout, issueLayoutClientsCsv, issueLayoutCounts } from "../support/s3/IssueLayout.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions } from "../support/s3/S3TestStore.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const layout = [...issueLayout()]
const env = s3ChildEnv("uuidmap-test-secret")
let server: S3rverServer
let proxy: FaultProxy
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver({ inMemory: true })
  await seedS3rverFiles(server.directory, "issue8", layout)
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

const listingQueries = (urls: ReadonlyArray<string>) =>
  urls.map((url) => new URL(url, "http://proxy").searchParams).filter((query) => query.get("list-type") === "2")

// Lists the bucket with the store's auto listing through the proxy: the objects, and the
// listing requests it sent.
const listThroughProxy = async (tileTargetKeys: number | undefined) => {
  const before = proxy.requestUrls().length
  const tuning = tileTargetKeys === undefined ? {} : { tileTargetKeys }
  const listed = await Effect.runPromise(listSorted(localStoreOptions(proxy.endpoint, "s3://issue8", { concurrency: 8, tuning }), "auto"))
  const urls = proxy.requestUrls().slice(before)
  const queries = listingQueries(urls)
  // Every request is a listing.
  expect(queries.length).toBe(urls.length)
  return { listed, queries, tiles: queries.filter((query) => query.get("delimiter") === null).slice(1) }
}

describe("issue 8's bucket in the store", () => {
  const want = () => byKey(layout.map((object) => expectedObject(object)))

  it("the auto listing yields all 20,000 keys once, though discovery reports only files/", async () => {
    const { listed, queries, tiles } = await listThroughProxy(undefined)
    expect(listed.length).toBe(issueLayoutCounts.objects)
    expect(listed).toEqual(want())
    // One prefix falls far short of a tile of about 2,000 keys (the first page's folders
    // hold 27 keys), so tile 0 runs from the first page's last key to the end.
    expect([...new Set(tiles.map((query) => query.get("start-after")))]).toEqual([queries[1]?.get("start-after") ?? ""])
    expect(queries.length).toBe(20 + 1)
  })

  it("cut at files/, the one prefix s3rver reports, the two tiles still yield all 20,000 keys once", async () => {
    const { listed, queries, tiles } = await listThroughProxy(1)
    expect(listed).toEqual(want())
    const starts = new Set(tiles.map((query) => query.get("start-after")))
    expect(starts.size).toBe(2)
    expect(starts.has("files/")).toBe(true)
    // Each tile passes its end by at most a page.
    expect(queries.length).toBeLessThanOrEqual(20 + 1 + 2)
  })
})

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
    // More requests at once than the default 8, only to keep the suite fast.
    const first = await run("--concurrency", "32")
    expect(first.seen.head).toBe(issueLayoutCounts.poolFiles)
    expect(first.outcome.requests).toEqual(first.seen)
    expect(first.outcome.metrics.after.poolFiles).toBe(issueLayoutCounts.poolFiles)
    const second = await run()
    expect(second.seen.head).toBe(0)
    expect(second.outcome.requests).toEqual({ list: second.seen.list, head: 0 })
    expect(second.outcome.changes).toEqual({ cells: [], ledger: [] })
  })
})
