/**
 * Runs every case of the bad-input corpus (`manifest.ts`) through the real CLI in a fresh
 * sandbox, and checks what a user must see: the expected exit code, exactly one line on stderr
 * that starts with "uuidmap: ", holds the case's message (file, line and column where they
 * apply) and reads as a sentence, no stack trace, nothing on stdout, and no file written or
 * changed anywhere in the sandbox (no CSV, ledger, backup, lock or temp file).
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { corpusCases, pooledUuid } from "./manifest.ts"

const inputs = path.join(import.meta.dirname, "inputs")
const world = {
  "clients.csv": "row_id,name\n502,Sam\n503,Ann\n",
  "bucket/502/a.pdf": "a",
  [`bucket/files/${pooledUuid}.pdf`]: "p",
  "bucket/misc/readme.txt": "r"
}

let root: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir: root, cleanup } = await tempDir("uuidmap-corpus-"))
})
afterAll(() => cleanup())

let sandboxes = 0
const sandbox = async (): Promise<string> => {
  const dir = path.join(root, `case-${sandboxes++}`)
  await writeTree(dir, world)
  return dir
}

// The one line a user sees, and what it must be.
const expectOneClearLine = (result: CliResult, code: number, message: string) => {
  expect(result.stdout).toBe("")
  expect(result.code).toBe(code)
  expect(result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr.endsWith("\n")).toBe(true)
  const lines = result.stderr.trimEnd().split("\n")
  expect(lines).toHaveLength(1)
  const line = lines[0]!
  expect(line.startsWith("uuidmap: ")).toBe(true)
  expect(line).toContain(message)
  // After "file:line:column: " (or "file: "), the message is a sentence, or starts with the flag or variable it is about.
  const text = line.slice("uuidmap: ".length).replace(/^[^ ]*?:(\d+:\d+:)? (?=\S)/, "")
  expect(text).toMatch(/^(?:[A-Z]|--|UUIDMAP_)/)
}

describe("the bad-input corpus", () => {
  it("holds at least 50 cases, each with its own name and every input file used", async () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(50)
    expect(new Set(corpusCases.map((c) => c.name)).size).toBe(corpusCases.length)
    const used = new Set(corpusCases.flatMap((c) => (c.input === undefined ? [] : [c.input.file])))
    expect((await fs.readdir(inputs)).filter((file) => !used.has(file))).toEqual([])
  })

  describe.concurrent("each case exits with its code, one clear line, and nothing written", () => {
    for (const corpusCase of corpusCases) {
      it(corpusCase.name, async () => {
        const dir = await sandbox()
        if (corpusCase.input !== undefined) await fs.copyFile(path.join(inputs, corpusCase.input.file), path.join(dir, corpusCase.input.as))
        const before = await snapshotTree(dir)
        const result = await runCli(corpusCase.args, { cwd: dir, ...(corpusCase.env === undefined ? {} : { env: corpusCase.env }) })
        expectOneClearLine(result, corpusCase.code, corpusCase.message)
        expect(await snapshotTree(dir)).toEqual(before)
      })
    }
  })

  it("refuses a 100 MB single field in bounded memory, at its line, writing nothing", async () => {
    const dir = await sandbox()
    const field = Buffer.alloc(100 * 1024 * 1024, "x")
    await fs.writeFile(path.join(dir, "clients.csv"), Buffer.concat([Buffer.from('row_id,notes\n502,ok\n503,"'), field, Buffer.from('"\n504,ok\n')]))
    const before = await snapshotTree(dir)
    // The file is held once as bytes and once as text; the parser stops at 8 MiB of the row.
    const result = await runCli(["run", "--clients", "clients.csv", "--bucket", "file://bucket"], { cwd: dir, env: { NODE_OPTIONS: "--max-old-space-size=192" } })
    expectOneClearLine(result, 2, "clients.csv:3:1: Row is larger than 8 MiB, the limit for one row")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("calls a plan stale (exit 3) when the clients CSV no longer parses, before parsing anything", async () => {
    const dir = await sandbox()
    const planned = await runCli(["plan", "--out", "plan.json", "--clients", "clients.csv", "--bucket", "file://bucket"], { cwd: dir })
    expect(planned.code).toBe(0)
    await fs.appendFile(path.join(dir, "clients.csv"), '"')
    const before = await snapshotTree(dir)
    const result = await runCli(["apply", "plan.json", "--clients", "clients.csv", "--bucket", "file://bucket"], { cwd: dir })
    expectOneClearLine(result, 3, "Plan plan.json is stale, nothing was written: clients CSV clients.csv changed since the plan was made")
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
