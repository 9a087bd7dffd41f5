import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const valid = "11111111-1111-4111-8111-111111111111"

// Each bad clients CSV, and where its error must point (line:column).
const badClients: ReadonlyArray<readonly [string, string, string]> = [
  ["unbalanced quotes", "name,row_id\n\"Sam,502\nAnn,503\n", "clients.csv:2:1"],
  ["a row with too many fields", "name,row_id\nSam,502\nAnn,503,extra\n", "clients.csv:3:9"],
  ["a missing id column", "name,id\nSam,502\n", "clients.csv:1:"],
  ["an empty row id", "name,row_id\nSam,502\nAnn,\n", "clients.csv:3:5"],
  ["a duplicate row id", "name,row_id\nSam,502\nAnn,502\n", "clients.csv:3:5"],
  ["an invalid UUID in the tracking cell", "row_id,file_uuids,file_count\n502,not-a-uuid,1\n", "clients.csv:2:5"],
  ["a count that disagrees with the UUIDs", `row_id,file_uuids,file_count\n502,${valid},2\n`, "clients.csv:2:"]
]

describe("run on bad input", () => {
  for (const [name, csv, location] of badClients) {
    it(`exits 2 naming file, line and column, and writes nothing, for ${name}`, async () => {
      await writeTree(dir, { "clients.csv": csv, "bucket/502/a.pdf": "a" })
      const before = await snapshotTree(dir)
      const result = await runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(location)
      expect(result.stderr).not.toContain("    at ")
      expect(await snapshotTree(dir)).toEqual(before)
    })
  }

  it("exits 2 naming the ledger's line for a malformed ledger row", async () => {
    await writeTree(dir, {
      "clients.csv": "row_id\n502\n",
      "clients.ledger.csv": "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified,why\nnot-a-uuid,502/a.pdf,502,mapped,[],1,,,,\n",
      "bucket/502/a.pdf": "a"
    })
    const before = await snapshotTree(dir)
    const result = await runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("clients.ledger.csv:2:1")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("exits 2 for a clients CSV that does not exist", async () => {
    const result = await runCli(["run", "--clients", path.join(dir, "none.csv"), "--bucket", `file://${dir}`])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("none.csv: File does not exist")
  })
})
