import { createHash } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Exit from "effect/Exit"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { ReconcileOutcome } from "../../src/program/Reconcile.ts"
import { tempDir } from "../support/Cli.ts"
import { faultyDisk } from "../support/FaultyDisk.ts"
import { folderSettings, runInProcess, writeSmallScenario } from "../support/InProcessRun.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeSmallScenario(dir)
  expect(Exit.isSuccess(await runInProcess(folderSettings(dir)))).toBe(true)
  await fs.writeFile(path.join(dir, "bucket", "502", "c.pdf"), "ccc")
})
afterEach(() => cleanup())

const clientsFile = () => path.join(dir, "clients.csv")
const ledgerFile = () => path.join(dir, "clients.ledger.csv")
const recordFile = () => path.join(dir, "clients.csv.commit")
const sha256 = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex")
const leftovers = async () => (await fs.readdir(dir)).filter((name) => name.endsWith(".tmp") || name.endsWith(".commit") || name.endsWith(".lock"))

const succeeded = (exit: Exit.Exit<ReconcileOutcome, unknown>): ReconcileOutcome => {
  if (Exit.isFailure(exit)) throw new Error(`the run failed: ${String(exit.cause)}`)
  return exit.value
}

// A run killed just before the n-th rename of the commit: nothing after that instant runs.
const killBeforeRename = async (nth: number) => {
  const disk = faultyDisk([{ operation: "rename", path: (p) => p === ledgerFile() || p === clientsFile(), nth, die: true }])
  expect(Exit.isFailure(await runInProcess(folderSettings(dir), disk.layer))).toBe(true)
  const record = JSON.parse(await fs.readFile(recordFile(), "utf8")) as { files: Array<{ target: string; after: { sha256: string } }> }
  return new Map(record.files.map((file) => [file.target, file.after.sha256]))
}

describe("the next run finishes or undoes a commit a killed run left", () => {
  it("killed between the ledger's rename and the CSV's: the next run writes the CSV it meant to, and says so", async () => {
    const csvBefore = await fs.readFile(clientsFile(), "utf8")
    const intended = await killBeforeRename(2)
    expect(await sha256(ledgerFile())).toBe(intended.get(ledgerFile()))
    expect(await fs.readFile(clientsFile(), "utf8")).toBe(csvBefore)

    const outcome = succeeded(await runInProcess(folderSettings(dir)))
    expect(outcome.notes).toEqual([
      `Finished the commit of an interrupted run: wrote "${clientsFile()}" ("${ledgerFile()}" had been written)`
    ])
    expect(outcome.written).toEqual([])
    expect(await sha256(clientsFile())).toBe(intended.get(clientsFile()))
    expect(await sha256(ledgerFile())).toBe(intended.get(ledgerFile()))
    expect(await leftovers()).toEqual([])
  })

  it("killed after the commit record, before any rename: both files are written by the next run", async () => {
    const intended = await killBeforeRename(1)
    const outcome = succeeded(await runInProcess(folderSettings(dir)))
    expect(outcome.notes).toEqual([`Finished the commit of an interrupted run: wrote "${ledgerFile()}" and "${clientsFile()}"`])
    expect(await sha256(clientsFile())).toBe(intended.get(clientsFile()))
    expect(await sha256(ledgerFile())).toBe(intended.get(ledgerFile()))
    expect(await leftovers()).toEqual([])
  })

  it("a person's edit made after the kill is kept: the commit is undone and the run starts from the edited CSV", async () => {
    const ledgerBefore = await fs.readFile(ledgerFile())
    await killBeforeRename(2)
    const edited = (await fs.readFile(clientsFile(), "utf8")).replace("502,Sam,", "502,Samuel,")
    await fs.writeFile(clientsFile(), edited)

    const outcome = succeeded(await runInProcess(folderSettings(dir)))
    expect(outcome.notes[0]).toMatch(
      new RegExp(`^Undid the commit of an interrupted run: "${clientsFile()}" had been changed since, and that version is kept; put back the previous "${ledgerFile()}"$`)
    )
    // The undo ran before the state was read: the run saw the old ledger (two rows, not three).
    expect(outcome.before.ledger).toHaveLength(2)
    expect(Buffer.from(ledgerBefore).toString()).not.toContain("502/c.pdf")
    const csv = await fs.readFile(clientsFile(), "utf8")
    expect(csv).toMatch(/^row_id,name,file_uuids,file_count\n502,Samuel,[0-9a-f-]{36};[0-9a-f-]{36},2\n503,Ann,[0-9a-f-]{36},1\n$/)
    expect(await fs.readFile(ledgerFile(), "utf8")).toContain("502/c.pdf")
    expect(await leftovers()).toEqual([])
  })

  it("killed while writing its temp files: the next run removes them, says so, and does the work", async () => {
    const disk = faultyDisk([{ operation: "createFile", path: (p) => p.includes(".clients.csv.") && !p.includes(".lock.") && !p.includes(".bak."), die: true }])
    expect(Exit.isFailure(await runInProcess(folderSettings(dir), disk.layer))).toBe(true)
    const left = (await fs.readdir(dir)).filter((name) => name.endsWith(".uuidmap.tmp"))
    expect(left.length).toBeGreaterThanOrEqual(1)

    const outcome = succeeded(await runInProcess(folderSettings(dir)))
    expect([...outcome.notes].sort()).toEqual(left.map((name) => `Removed "${path.join(dir, name)}", a temp file left by an interrupted run`).sort())
    expect(outcome.written.map((file) => file.file)).toEqual([ledgerFile(), clientsFile()])
    expect(await leftovers()).toEqual([])
  })
})
