/**
 * A UUID whose tracking cell and client folder disagree goes to review, and the cells are left
 * alone until a person decides (README, "Conflicts"): the cell keeps it, the other client does
 * not get it, a second run changes nothing and verify passes. The person's decision then moves it.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeTree(dir, { "clients.csv": "row_id,name\n502,Sam\n503,Ann\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "bb" })
})
afterEach(() => cleanup())

const flags = () => ["--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`]
const csv = () => fs.readFile(path.join(dir, "clients.csv"), "utf8")

describe("a tracking cell that disagrees with a client folder", () => {
  it("goes to review and the cells are left alone until a person decides", async () => {
    expect((await runCli(["run", ...flags()])).code).toBe(0)
    const [, first, second] = (await csv()).trimEnd().split("\n")
    const ua = first!.split(",")[2]!
    const ub = second!.split(",")[2]!
    // A person moves 502's file into 503's cell.
    const moved = `row_id,name,file_uuids,file_count\n502,Sam,,0\n503,Ann,${[ua, ub].sort().join(";")},2\n`
    await fs.writeFile(path.join(dir, "clients.csv"), moved)

    const run = await runCli(["run", ...flags()])
    expect(run.code).toBe(0)
    expect(await csv()).toBe(moved)
    const ledger = await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8")
    expect(ledger).toMatch(new RegExp(`^${ua},502/a\\.pdf,502,review,.*conflicting evidence: client 502 \\(client folder\\) vs client 503 \\(tracking cell\\)`, "m"))
    expect((await runCli(["run", ...flags()])).stdout).toContain("Nothing to change.")
    expect((await runCli(["verify", ...flags()])).code).toBe(0)

    // The person decides: the file is 503's after all; the cells follow.
    const sheet = path.join(dir, "review.csv")
    expect((await runCli(["review", "export", sheet, ...flags()])).code).toBe(0)
    const rows = (await fs.readFile(sheet, "utf8")).trimEnd().split("\n")
    expect(rows).toHaveLength(2)
    await fs.writeFile(sheet, `${rows[0]}\n${rows[1]!.replace(/,,$/, ",503,moved by Ann")}\n`)
    expect((await runCli(["review", "accept", sheet, ...flags()])).code).toBe(0)
    expect(await csv()).toBe(moved)
    expect(await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8")).toMatch(new RegExp(`^${ua},502/a\\.pdf,503,mapped,`, "m"))
    expect((await runCli(["verify", ...flags()])).code).toBe(0)
  })
})
