/**
 * Issue 8's "done when", on s3rver 3.7.1 with the issue's bucket (20,000 objects: 500 folders
 * of folders, 6,667 pool files), seeded once for the file. The store's auto listing yields
 * all 20,000 keys, though after the first page s3rver's `Delimiter` answer names only
 * `files/` (the old range listing lost 12,000 keys there). Through the real CLI,
 * `run --phase 1 --diff` maps 13,333 of 13,333 client-folder files with no HeadObject, where
 * it used to map 1,012 and send 6,667. Requests are counted by a proxy in front of the server
 * and compared with what uuidmap reports. (The full runs, which read the pool's metadata, are
 * in `RunS3IssueLayoutMetadata.test.ts`: this file also runs on Deno, and they need not.)
 */
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { issueLayoutCounts } from "../support/s3/IssueLayout.ts"
import { type IssueLayoutBucket, startIssueLayoutBucket } from "../support/s3/IssueLayoutBucket.ts"
import { byKey, expectedObject } from "../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions } from "../support/s3/S3TestStore.ts"

let bucket: IssueLayoutBucket
beforeAll(async () => {
  bucket = await startIssueLayoutBucket()
})
afterAll(() => bucket?.stop())

const listingQueries = (urls: ReadonlyArray<string>) =>
  urls.map((url) => new URL(url, "http://proxy").searchParams).filter((query) => query.get("list-type") === "2")

// Lists the bucket with the store's auto listing through the proxy: the objects, and the
// listing requests it sent.
const listThroughProxy = async (tileTargetKeys: number | undefined) => {
  const before = bucket.proxy.requestUrls().length
  const tuning = tileTargetKeys === undefined ? {} : { tileTargetKeys }
  const listed = await Effect.runPromise(listSorted(localStoreOptions(bucket.proxy.endpoint, "s3://issue8", { concurrency: 8, tuning }), "auto"))
  const urls = bucket.proxy.requestUrls().slice(before)
  const queries = listingQueries(urls)
  // Every request is a listing.
  expect(queries.length).toBe(urls.length)
  return { listed, queries, tiles: queries.filter((query) => query.get("delimiter") === null).slice(1) }
}

describe("issue 8's bucket in the store", () => {
  const want = () => byKey(bucket.layout.map((object) => expectedObject(object)))

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
    const { outcome, seen } = await bucket.run("--phase", "1", "--diff")
    expect(outcome.metrics.after.clientFolderFiles).toBe(issueLayoutCounts.clientFiles)
    expect(outcome.metrics.after.clientFolderMapped).toBe(issueLayoutCounts.clientFiles)
    expect(outcome.changes.ledger).toHaveLength(issueLayoutCounts.clientFiles)
    expect(seen.head).toBe(0)
    expect(outcome.requests).toEqual(seen)
    // At least a page per 1,000 objects, and not many more.
    expect(seen.list).toBeGreaterThanOrEqual(issueLayoutCounts.objects / 1000)
    expect(seen.list).toBeLessThanOrEqual(issueLayoutCounts.objects / 1000 + 3)
  })
})
