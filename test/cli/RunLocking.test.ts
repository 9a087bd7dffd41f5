import { spawnSync } from "node:child_process"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeTree(dir, { "clients.csv": "row_id\n502\n", "bucket/502/a.pdf": "a" })
})
afterEach(() => cleanup())

const run = () => runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`])
const lock = (pid: number) =>
  fs.writeFile(path.join(dir, "clients.csv.lock"), JSON.stringify({ pid, host: os.hostname(), since: "2026-01-01T00:00:00.000Z" }))

describe("run locking", () => {
  it("refuses with exit 2 while a live process holds the lock, and writes nothing", async () => {
    await lock(process.pid)
    const before = await snapshotTree(dir)
    const result = await run()
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`in use by uuidmap process ${process.pid}`)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("recovers a lock left by a dead process", async () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!
    await lock(dead)
    const result = await run()
    expect(result.code).toBe(0)
    expect(await fs.readdir(dir)).not.toContain("clients.csv.lock")
  })

  it("releases its lock after a run", async () => {
    expect((await run()).code).toBe(0)
    expect(await fs.readdir(dir)).not.toContain("clients.csv.lock")
  })
})
