import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const preload = path.resolve(import.meta.dirname, "..", "support", "NoEntropy.mjs")

describe("a defect (a bug, not bad input)", () => {
  it("exits 70 with the error and its stack on stderr, nothing on stdout, and writes nothing", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n", "bucket/502/a.pdf": "a" })
    const before = await snapshotTree(dir)
    const result = await runCli(["run", "--diff", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`], {
      env: { NODE_OPTIONS: `--import=${preload}` }
    })
    expect(result.code).toBe(70)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("uuidmap: internal error (a bug in uuidmap): Error: the random source is unavailable\n    at ")
    expect(result.stderr).toContain("Please report this message.")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("leaves expected failures as they were: one line, their own code", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n502\n", "bucket/502/a.pdf": "a" })
    const result = await runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`], {
      env: { NODE_OPTIONS: `--import=${preload}` }
    })
    expect(result.code).toBe(2)
    expect(result.stderr).not.toContain("internal error")
  })
})
