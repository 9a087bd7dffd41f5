import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const run = () => runCli(["run", "--phase", "1", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`])

describe("a run interrupted between its two writes", () => {
  it("is completed by the next run: the CSV is re-derived from the ledger written first", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n503\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "b" })
    expect((await run()).code).toBe(0)
    const finished = await fs.readFile(path.join(dir, "clients.csv"), "utf8")
    // The state a crash after the ledger's rename and before the CSV's would leave behind.
    const backup = (await fs.readdir(dir)).find((name) => name.startsWith("clients.csv.") && name.endsWith(".bak"))!
    await fs.copyFile(path.join(dir, backup), path.join(dir, "clients.csv"))
    expect(await fs.readFile(path.join(dir, "clients.csv"), "utf8")).toBe("row_id\n502\n503\n")

    expect((await run()).code).toBe(0)
    expect(await fs.readFile(path.join(dir, "clients.csv"), "utf8")).toBe(finished)
  })
})
