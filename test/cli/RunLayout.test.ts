import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeTree(dir, { "clients.csv": "row_id\n502\n503\nfiles\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "b" })
})
afterEach(() => cleanup())

const flags = (prefix: string) => ["--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`, "--pool-prefix", prefix]

describe("a pool prefix that overlaps a client folder", () => {
  it.each([
    ["run", "503/", "503", 3],
    ["run", "503/scans", "503", 3],
    ["run", "files/", "files", 4],
    ["plan", "502/", "502", 2],
    ["verify", "502/", "502", 2]
  ])("%s --pool-prefix %j is refused with exit 2, naming client %j and its line, and writes nothing", async (command, prefix, client, line) => {
    const before = await snapshotTree(dir)
    const extra = command === "plan" ? ["--out", path.join(dir, "plan.json")] : []
    const result = await runCli([command, ...flags(prefix), ...extra])
    expect(result.code).toBe(2)
    const shown = prefix.endsWith("/") ? prefix : `${prefix}/`
    expect(result.stderr.trim()).toBe(
      `uuidmap: --pool-prefix "${shown}" overlaps the folder of client "${client}" (${path.join(dir, "clients.csv")}:${line}): its files would be taken for pool files; choose a pool prefix outside every client folder`
    )
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("a pool prefix outside every client folder runs", async () => {
    expect((await runCli(["run", ...flags("pool/")])).code).toBe(0)
  })
})
