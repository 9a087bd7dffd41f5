import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { UsageError } from "../../src/domain/UsageError.ts"
import { snapshotTree, tempDir } from "../support/Cli.ts"
import { faultyDisk } from "../support/FaultyDisk.ts"
import { folderSettings, runInProcess, writeSmallScenario } from "../support/InProcessRun.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeSmallScenario(dir)
  // A first run, so that both the CSV and the ledger exist; a new file then changes both.
  expect(Exit.isSuccess(await runInProcess(folderSettings(dir)))).toBe(true)
  await fs.writeFile(path.join(dir, "bucket", "502", "c.pdf"), "ccc")
})
afterEach(() => cleanup())

const clientsFile = () => path.join(dir, "clients.csv")
const ledgerFile = () => path.join(dir, "clients.ledger.csv")
const isTemp = (p: string) => p.endsWith(".uuidmap.tmp")

const failureOf = (exit: Exit.Exit<unknown, unknown>): UsageError => {
  if (Exit.isSuccess(exit)) throw new Error("the run succeeded")
  const error = Cause.squash(exit.cause)
  if (!(error instanceof UsageError)) throw error
  return error
}

// Nothing but the new object in the bucket: no temp, no backup, no lock, no commit record.
const expectUntouched = async (before: Map<string, string>) => {
  expect(await snapshotTree(dir)).toEqual(before)
}

describe("a commit that cannot be written changes nothing", () => {
  it("a full disk while writing the CSV's temp file: exit 2 with a clear message, no temp file, no backup", async () => {
    const before = await snapshotTree(dir)
    const disk = faultyDisk([{ operation: "createFile", path: (p) => isTemp(p) && p.includes(".clients.csv.") && !p.includes(".lock.") && !p.includes(".bak."), fail: "ENOSPC" }])
    const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
    expect(error.reason).toBe("DiskFull")
    expect(error.message).toContain(`No space left on the device while writing "${clientsFile()}"`)
    expect(error.message).not.toContain("\n")
    await expectUntouched(before)
  })

  it("a full disk while writing the ledger's backup: nothing written", async () => {
    const before = await snapshotTree(dir)
    const disk = faultyDisk([{ operation: "createFile", path: (p) => p.includes(".bak.uuidmap.tmp"), fail: "ENOSPC" }])
    const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
    expect(error.reason).toBe("DiskFull")
    expect(error.message).toContain(`a backup of ${ledgerFile()}`)
    await expectUntouched(before)
  })

  it("not enough free space is found before anything is written", async () => {
    const before = await snapshotTree(dir)
    const disk = faultyDisk([{ operation: "freeBytes", freeBytes: 100 }])
    const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
    expect(error.message).toMatch(/^Not enough free space in ".*": the new files and their backups need \d+ bytes, 100 are free; nothing was changed$/)
    const created = disk.calls.filter((call) => call.operation === "createFile").map((call) => path.basename(call.paths[0]!))
    expect(created.length).toBe(1)
    expect(created[0]).toMatch(/^\.clients\.csv\.lock\./)
    await expectUntouched(before)
  })

  it("a read-only backup folder is refused before anything is written", async () => {
    const backups = path.join(dir, "backups")
    await fs.mkdir(backups)
    const before = await snapshotTree(dir)
    const disk = faultyDisk([{ operation: "checkWritable", path: (p) => p === backups, fail: "EROFS" }])
    const error = failureOf(await runInProcess(folderSettings(dir, { backupDir: backups }), disk.layer))
    expect(error.message).toBe(`Backup folder "${backups}" cannot be used: the file system is read-only (EROFS); nothing was changed`)
    await expectUntouched(before)
  })
})

describe("a file changed on disk while the run worked", () => {
  it("the CSV saved by a spreadsheet just before its rename: exit 2, the person's CSV kept, the ledger put back", async () => {
    const ledgerBefore = await fs.readFile(ledgerFile())
    const edited = "row_id,name\n502,Samuel\n503,Ann\n"
    // The second look at the CSV is the one just before its rename, after the ledger's.
    const disk = faultyDisk([{
      operation: "digest",
      path: (p) => p === clientsFile(),
      nth: 2,
      before: () => fs.writeFile(clientsFile(), edited)
    }])
    const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
    expect(error.reason).toBe("ChangedOnDisk")
    expect(error.message).toContain(`"${clientsFile()}" was changed on disk while uuidmap was working`)
    expect(await fs.readFile(clientsFile(), "utf8")).toBe(edited)
    expect(await fs.readFile(ledgerFile())).toEqual(ledgerBefore)
    const names = await fs.readdir(dir)
    expect(names.filter((name) => name.endsWith(".tmp") || name.endsWith(".commit") || name.endsWith(".lock"))).toEqual([])
    // The first run's backup of the CSV only: this run's backups went with its changes.
    expect(names.filter((name) => name.endsWith(".bak"))).toHaveLength(1)
  })

  // The run keeps the ledger's digest, not its bytes; the write reads them again.
  for (const [what, edit, message] of [
    ["edited", () => fs.writeFile(path.join(dir, "clients.ledger.csv"), "edited by hand\n"), "was changed"],
    ["deleted", () => fs.rm(path.join(dir, "clients.ledger.csv")), "was deleted"]
  ] as const) {
    it(`the ledger ${what} after the run read it and before the write: exit 2, the edit kept, nothing written`, async () => {
      const before = await snapshotTree(dir)
      // The second read of the ledger is the write's: the first was the run's.
      const disk = faultyDisk([{ operation: "readFile", path: (p) => p === ledgerFile(), nth: 2, before: edit }])
      const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
      expect(error.reason).toBe("ChangedOnDisk")
      expect(error.message).toContain(`"${ledgerFile()}" ${message} on disk while uuidmap was working`)
      const after = await snapshotTree(dir)
      before.delete("clients.ledger.csv")
      expect(after.get("clients.ledger.csv")).toBe(what === "edited" ? Buffer.from("edited by hand\n").toString("base64") : undefined)
      after.delete("clients.ledger.csv")
      expect(after).toEqual(before)
      // Only the session's lock was made: no backup, temp file or commit record.
      const made = disk.calls.filter((call) => call.operation === "createFile" || call.operation === "rename")
      expect(made.flatMap((call) => call.paths).filter((p) => !p.includes(".lock"))).toEqual([])
    })
  }

  it("the ledger changed before its rename: exit 2 and nothing renamed", async () => {
    const before = await snapshotTree(dir)
    // The second look at the ledger is the one just before its rename.
    const disk = faultyDisk([{
      operation: "digest",
      path: (p) => p === ledgerFile(),
      nth: 2,
      before: () => fs.writeFile(path.join(dir, "clients.ledger.csv"), "edited by hand\n")
    }])
    const error = failureOf(await runInProcess(folderSettings(dir), disk.layer))
    expect(error.reason).toBe("ChangedOnDisk")
    expect(error.message).toContain(ledgerFile())
    const after = await snapshotTree(dir)
    expect(after.get("clients.ledger.csv")).toBe(Buffer.from("edited by hand\n").toString("base64"))
    after.delete("clients.ledger.csv")
    before.delete("clients.ledger.csv")
    expect(after).toEqual(before)
  })
})
