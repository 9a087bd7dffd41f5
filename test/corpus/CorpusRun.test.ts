/**
 * Runs every case of the bad-input corpus (`manifest.ts`) through the CLI in a fresh sandbox,
 * and checks what a user must see: the expected exit code, exactly one line on stderr that
 * starts with "uuidmap: ", holds the case's message (file, line and column where they apply)
 * and reads as a sentence, no stack trace, nothing on stdout, and no file written or changed
 * anywhere in the sandbox (no CSV, ledger, backup, lock or temp file).
 *
 * Most cases run the CLI's program in this process (`runCliInProcess`: a new process for each
 * would cost a minute of the suite). A sample of every kind of input runs in a real process
 * too, in its own sandbox, and must give the very same exit code, stdout and stderr, so the
 * exit status and the output streams are proven end to end and the in-process runner is
 * proven faithful.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { runCliInProcess } from "../support/InProcessCli.ts"
import { type CorpusCase, corpusCases, pooledUuid } from "./manifest.ts"

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

// One case of each kind: clients CSV syntax, encoding and row ids, ledger, evidence, plan,
// review sheet, a flag the CLI library rejects, a flag uuidmap rejects, a URL, a variable, a
// missing file.
const realProcessSample: ReadonlyArray<string> = [
  "unbalanced-quote.csv",
  "utf16-export.csv",
  "duplicate-row-id.csv",
  "ledger-unknown-status.csv",
  "records-pretty-printed.jsonl",
  "plan-wrong-format-version.json",
  "review-unknown-decision.csv",
  "concurrency-not-a-number",
  "unknown-command",
  "zero-concurrency",
  "s3-url-without-bucket",
  "bad-concurrency-variable",
  "clients-csv-that-does-not-exist"
]

// Runs one case in a new sandbox and checks it; gives what the CLI printed, for comparison.
const runCase = async (corpusCase: CorpusCase, cli: typeof runCli): Promise<CliResult> => {
  const dir = await sandbox()
  if (corpusCase.input !== undefined) await fs.copyFile(path.join(inputs, corpusCase.input.file), path.join(dir, corpusCase.input.as))
  const before = await snapshotTree(dir)
  const result = await cli(corpusCase.args, { cwd: dir, ...(corpusCase.env === undefined ? {} : { env: corpusCase.env }) })
  expectOneClearLine(result, corpusCase.code, corpusCase.message)
  expect(await snapshotTree(dir)).toEqual(before)
  return result
}

describe("the bad-input corpus", () => {
  it("holds at least 50 cases, each with its own name and every input file used", async () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(50)
    expect(new Set(corpusCases.map((c) => c.name)).size).toBe(corpusCases.length)
    const used = new Set(corpusCases.flatMap((c) => (c.input === undefined ? [] : [c.input.file])))
    expect((await fs.readdir(inputs)).filter((file) => !used.has(file))).toEqual([])
  })

  it("runs a sample of every kind of input in a real process, each sample case a case of the corpus", () => {
    const names = new Set(corpusCases.map((c) => c.name))
    expect(realProcessSample.filter((name) => !names.has(name))).toEqual([])
  })

  describe.concurrent("each case exits with its code, one clear line, and nothing written", () => {
    for (const corpusCase of corpusCases) {
      const inRealProcess = realProcessSample.includes(corpusCase.name)
      it(inRealProcess ? `${corpusCase.name} (also in a real process, with the same result)` : corpusCase.name, async () => {
        const inProcess = await runCase(corpusCase, runCliInProcess)
        if (inRealProcess) expect(await runCase(corpusCase, runCli)).toEqual(inProcess)
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
