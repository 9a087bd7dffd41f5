/**
 * A server that lists keys out of S3's order (s3rver with mixed names) makes the tiled
 * listing fall back to flat pages and still yield exactly the flat listing, with a warning.
 * (Issue 8's 20,000-object bucket is listed in `test/cli/RunS3IssueLayout.test.ts`.)
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions, withWarnings } from "../../../support/s3/S3TestStore.ts"

// s3rver walks its directory tree: "m/" comes before "m-1.txt" (the directory "m" sorts
// before the file "m-1.txt._S3rver_object"), where S3 puts "m-1.txt" first ("-" < "/").
const mixed: Array<SeedObject> = [
  ...Array.from({ length: 30 }, (_, i) => ({ key: `d${String(i).padStart(2, "0")}/f.txt`, body: `d${i}` })),
  { key: "m/x.txt", body: "m folder" },
  { key: "m-1.txt", body: "m dash" },
  ...Array.from({ length: 30 }, (_, i) => ({ key: `n${String(i).padStart(2, "0")}/f.txt`, body: `n${i}` }))
]

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "mixed", mixed)
})

afterAll(async () => {
  await server?.stop()
})

describe("a server whose order is not S3's", () => {
  it.live("s3rver's mixed names make tiles fall back to flat pages, with a warning, and the flat listing's keys", () =>
    Effect.gen(function*() {
      const options = { concurrency: 4, tuning: { pageSize: 20, tileTargetKeys: 1 } }
      const flat = yield* listSorted(localStoreOptions(server.endpoint, "s3://mixed", { tuning: { pageSize: 20 } }), "flat")
      assert.strictEqual(flat.length, mixed.length)
      const [auto, warnings] = yield* withWarnings(listSorted(localStoreOptions(server.endpoint, "s3://mixed", options), "auto"))
      assert.deepStrictEqual(auto, flat)
      assert.strictEqual(warnings.length, 1)
      assert.match(warnings[0] ?? "", /^s3:\/\/mixed does not list keys in S3's order \(it listed .*\); listing the rest without ranges$/)
    }))
})
