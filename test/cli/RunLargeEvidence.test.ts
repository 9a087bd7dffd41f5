/**
 * Evidence files of hundreds of thousands of rows: `run` reads a 200,000-row records file and
 * a 200,000-line JSON Lines migration log with a small heap (no stack overflow, no RangeError,
 * no stack trace), checks every row, and uses the claims about the pool. A bad row near the
 * end still refuses the whole run, naming its line, with nothing written.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

const rows = 200_000
const uuidOf = (n: number) => `6b8f0000-0000-4000-8000-${String(n).padStart(12, "0")}`
let dir: string
let cleanup: () => Promise<void>
const at = (name: string) => path.join(dir, name)
// A heap far smaller than the files' rows would take as objects.
const smallHeap = { NODE_OPTIONS: "--max-old-space-size=128" }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-large-evidence-"))
  const records = ["uuid,row_id"]
  const moves: Array<string> = []
  for (let n = 0; n < rows; n++) {
    records.push(`${uuidOf(n)},${n % 2 === 0 ? "502" : "503"}`)
    moves.push(JSON.stringify({ old_key: `50${n % 2 === 0 ? 2 : 3}/old/${n}.pdf`, uuid: uuidOf(n) }))
  }
  await writeTree(dir, {
    "clients.csv": "row_id\n502\n503\n",
    "records.csv": records.join("\n") + "\n",
    "moves.jsonl": moves.join("\n") + "\n",
    // Three pool files the evidence is about, one far down the files.
    [`bucket/files/${uuidOf(0)}.pdf`]: "a",
    [`bucket/files/${uuidOf(1)}.pdf`]: "b",
    [`bucket/files/${uuidOf(rows - 1)}.pdf`]: "c",
    "bucket/502/x.pdf": "x"
  })
})
afterAll(() => cleanup())

describe("run with evidence files of 200,000 rows", () => {
  it("reads them in a small heap and maps the pool files they name", async () => {
    const result = await runCli(
      ["run", "--clients", at("clients.csv"), "--bucket", `file://${at("bucket")}`, "--records", at("records.csv"), "--migration-log", at("moves.jsonl")],
      { env: smallHeap }
    )
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const ledger = await fs.readFile(at("clients.ledger.csv"), "utf8")
    const owner = (n: number) => ledger.split("\n").find((line) => line.startsWith(uuidOf(n)))?.split(",").slice(2, 4)
    expect([owner(0), owner(1), owner(rows - 1)]).toEqual([["502", "mapped"], ["503", "mapped"], ["503", "mapped"]])
    expect(ledger).toContain(`records.csv line ${rows + 1}`)
    expect(ledger).toContain(`moves.jsonl line ${rows}`)
  })

  it("refuses a bad row near the end, naming its line, and writes nothing", async () => {
    const text = await fs.readFile(at("records.csv"), "utf8")
    await fs.writeFile(at("records.csv"), text.replace(`${uuidOf(rows - 2)},502`, "not-a-uuid,502"))
    const before = await snapshotTree(dir)
    const result = await runCli(
      ["run", "--clients", at("clients.csv"), "--bucket", `file://${at("bucket")}`, "--records", at("records.csv")],
      { env: smallHeap }
    )
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(`uuidmap: ${at("records.csv")}:${rows}:1: UUID "not-a-uuid" is not a UUID`)
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
