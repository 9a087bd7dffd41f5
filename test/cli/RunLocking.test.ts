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

  it("recognises a reused pid (a live process that is not the lock's owner) by its start time, and recovers the lock", async () => {
    const boot = (await fs.readFile("/proc/sys/kernel/random/boot_id", "utf8")).trim()
    await fs.writeFile(path.join(dir, "clients.csv.lock"), JSON.stringify({ pid: process.pid, host: os.hostname(), start: "1", boot, since: "2026-01-01T00:00:00.000Z" }))
    const result = await run()
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`Took over the lock of uuidmap process ${process.pid} on ${os.hostname()} since 2026-01-01T00:00:00.000Z, which is no longer running`)
    expect(await fs.readdir(dir)).not.toContain("clients.csv.lock")
  })

  it("refuses an empty lock file (as a full disk left it with earlier versions) with a message that says what to do", async () => {
    await fs.writeFile(path.join(dir, "clients.csv.lock"), "")
    const before = await snapshotTree(dir)
    const result = await run()
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(
      `uuidmap: Lock file "${path.join(dir, "clients.csv.lock")}" is not a uuidmap lock (it is empty); if no uuidmap is running on "${path.join(dir, "clients.csv")}", delete it and run again`
    )
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("a clients CSV in a folder that does not exist is named, with its folder, not the lock", async () => {
    const missing = path.join(dir, "nope", "clients.csv")
    const result = await runCli(["run", "--clients", missing, "--bucket", `file://${path.join(dir, "bucket")}`])
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(`uuidmap: Clients CSV "${missing}" cannot be used: its folder "${path.join(dir, "nope")}" does not exist`)
  })

  it("releases its lock after a run", async () => {
    expect((await run()).code).toBe(0)
    expect(await fs.readdir(dir)).not.toContain("clients.csv.lock")
  })
})
