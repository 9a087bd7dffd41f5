/**
 * Issue 8's "done when", the full runs, on s3rver 3.7.1 with the issue's bucket (20,000
 * objects, 6,667 of them pool files): a full run through the real CLI reads each pool
 * object's metadata once, and a second full run over the unchanged bucket sends only
 * ListObjectsV2 requests. Requests are counted by a proxy in front of the server and compared
 * with what uuidmap reports. Node only: on Deno the metadata reads are proven by
 * `RunS3MetadataReadings.test.ts` and the issue's bucket by `RunS3IssueLayout.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { issueLayoutCounts } from "../support/s3/IssueLayout.ts"
import { type IssueLayoutBucket, startIssueLayoutBucket } from "../support/s3/IssueLayoutBucket.ts"

let bucket: IssueLayoutBucket
beforeAll(async () => {
  bucket = await startIssueLayoutBucket()
})
afterAll(() => bucket?.stop())

describe("issue 8's bucket through the CLI, full runs", () => {
  it("a full run reads each pool object's metadata once; a second one sends only listing requests", async () => {
    // More requests at once than the default 8, only to keep the suite fast.
    const first = await bucket.run("--concurrency", "32")
    expect(first.seen.head).toBe(issueLayoutCounts.poolFiles)
    expect(first.outcome.requests).toEqual(first.seen)
    expect(first.outcome.metrics.after.poolFiles).toBe(issueLayoutCounts.poolFiles)
    const second = await bucket.run()
    expect(second.seen.head).toBe(0)
    expect(second.outcome.requests).toEqual({ list: second.seen.list, head: 0 })
    expect(second.outcome.changes).toEqual({ cells: [], ledger: [] })
  }, 120_000)
})
