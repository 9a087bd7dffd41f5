import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeTree(dir, { "clients.csv": "row_id,name\n502,Sam\n503,Ann\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "bb" })
})
afterEach(() => cleanup())

const at = (...parts: ReadonlyArray<string>) => path.join(dir, ...parts)
const bucket = () => `file://${at("bucket")}`
const run = (...extra: ReadonlyArray<string>) => runCli(["run", "--clients", at("clients.csv"), "--bucket", bucket(), ...extra])
const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777
const backupsIn = async (folder: string, base: string) => (await fs.readdir(folder)).filter((name) => name.startsWith(`${base}.`) && name.endsWith(".bak")).sort()

describe("output paths never replace an input", () => {
  // One run makes the files; each refusal below is checked to leave them exactly as they are.
  let outputsDir: string
  let outputsCleanup: () => Promise<void>
  beforeAll(async () => {
    ;({ dir: outputsDir, cleanup: outputsCleanup } = await tempDir())
    await writeTree(outputsDir, { "clients.csv": "row_id,name\n502,Sam\n503,Ann\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "bb" })
    expect((await runCli(["run", "--clients", path.join(outputsDir, "clients.csv"), "--bucket", `file://${path.join(outputsDir, "bucket")}`])).code).toBe(0)
    await fs.symlink(path.join(outputsDir, "clients.csv"), path.join(outputsDir, "link-to-clients.csv"))
    await fs.writeFile(path.join(outputsDir, "records.csv"), "uuid,row_id\n")
  })
  afterAll(() => outputsCleanup())

  it.each([
    ["plan", ["plan", "--out", "clients.csv"], "--out \"clients.csv\" is the clients CSV"],
    ["plan", ["plan", "--out", "clients.ledger.csv"], "--out \"clients.ledger.csv\" is the ledger"],
    ["plan", ["plan", "--out", "link-to-clients.csv"], "--out \"link-to-clients.csv\" is the clients CSV"],
    ["plan", ["plan", "--records", "records.csv", "--out", "records.csv"], "--out \"records.csv\" is a records file (--records)"],
    ["review export", ["review", "export", "clients.csv"], "review export \"clients.csv\" is the clients CSV"],
    ["report", ["report", "--out", "clients.ledger.csv"], "--out \"clients.ledger.csv\" is the ledger"],
    ["verify", ["verify", "--out", "./clients.csv"], "--out \"./clients.csv\" is the clients CSV"],
    ["verify", ["verify", "--out", "clients.csv.lock"], "is uuidmap's own lock or commit record"],
    ["report", ["report", "--out", "bucket/report.txt"], `--out "bucket/report.txt" is inside the bucket folder`]
  ])("%s refuses %j with exit 2 and writes nothing", async (_command, args, message) => {
    const before = await snapshotTree(outputsDir)
    const result = await runCli([...args, "--clients", "clients.csv", "--bucket", `file://${path.join(outputsDir, "bucket")}`], { cwd: outputsDir })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain("uuidmap will not overwrite it; write to another file")
    expect(await snapshotTree(outputsDir)).toEqual(before)
  })

  it("refuses a ledger that is the clients CSV itself", async () => {
    const before = await snapshotTree(outputsDir)
    const link = path.join(outputsDir, "link-to-clients.csv")
    const result = await runCli(["run", "--clients", path.join(outputsDir, "clients.csv"), "--bucket", `file://${path.join(outputsDir, "bucket")}`, "--ledger", link])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`--ledger "${link}" is the clients CSV "${path.join(outputsDir, "clients.csv")}" itself`)
    expect(await snapshotTree(outputsDir)).toEqual(before)
  })
})

describe("what the written files keep", () => {
  it("a symlinked clients CSV is written through the link: the link stays, its target gets the new content", async () => {
    await fs.mkdir(at("crm"))
    await fs.rename(at("clients.csv"), at("crm", "export.csv"))
    await fs.symlink(path.join("crm", "export.csv"), at("clients.csv"))
    expect((await run()).code).toBe(0)
    expect((await fs.lstat(at("clients.csv"))).isSymbolicLink()).toBe(true)
    expect(await fs.readlink(at("clients.csv"))).toBe(path.join("crm", "export.csv"))
    expect(await fs.readFile(at("crm", "export.csv"), "utf8")).toMatch(/^row_id,name,file_uuids,file_count\n502,Sam,[0-9a-f-]{36},1\n/)
    // The backup goes beside the name the user gave; the lock beside the real file, and both are gone.
    expect(await backupsIn(dir, "clients.csv")).toHaveLength(1)
    expect((await fs.readdir(at("crm"))).sort()).toEqual(["export.csv"])
  })

  it("a clients CSV of mode 600 stays 600; the new ledger and every backup get 600 too", async () => {
    await fs.chmod(at("clients.csv"), 0o600)
    expect((await run()).code).toBe(0)
    expect(await modeOf(at("clients.csv"))).toBe(0o600)
    expect(await modeOf(at("clients.ledger.csv"))).toBe(0o600)
    await fs.writeFile(at("bucket", "502", "c.pdf"), "ccc")
    expect((await run()).code).toBe(0)
    const backups = [...await backupsIn(dir, "clients.csv"), ...await backupsIn(dir, "clients.ledger.csv")]
    expect(backups).toHaveLength(3)
    for (const file of [at("clients.csv"), at("clients.ledger.csv"), ...backups.map((name) => at(name))]) {
      expect([file, await modeOf(file)]).toEqual([file, 0o600])
    }
  })

  it("a CSV and a ledger of the same name sharing --backup-dir get backups of distinct names, each with its old bytes", async () => {
    await fs.mkdir(at("a"))
    await fs.mkdir(at("b"))
    await fs.rename(at("clients.csv"), at("a", "clients.csv"))
    const args = ["run", "--clients", at("a", "clients.csv"), "--ledger", at("b", "clients.csv"), "--bucket", bucket(), "--backup-dir", at("backups")]
    expect((await runCli(args)).code).toBe(0)
    const csvBefore = await fs.readFile(at("a", "clients.csv"), "utf8")
    const ledgerBefore = await fs.readFile(at("b", "clients.csv"), "utf8")
    await fs.writeFile(at("bucket", "502", "c.pdf"), "ccc")
    const second = await runCli(args)
    expect(second.code).toBe(0)
    const contents = new Set<string>()
    for (const name of await fs.readdir(at("backups"))) contents.add(await fs.readFile(at("backups", name), "utf8"))
    expect(await fs.readdir(at("backups"))).toHaveLength(3)
    expect(contents.has(csvBefore)).toBe(true)
    expect(contents.has(ledgerBefore)).toBe(true)
  })
})

describe("an unusable --backup-dir is refused before anything is written", () => {
  it("on a first run (no ledger yet), a backup folder below a file: exit 2 and no ledger written", async () => {
    await fs.writeFile(at("not-a-folder"), "x")
    const before = await snapshotTree(dir)
    const result = await run("--backup-dir", at("not-a-folder", "backups"))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Backup folder "${at("not-a-folder", "backups")}" cannot be used: "${at("not-a-folder")}" is not a folder; nothing was changed`)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("a backup folder that does not exist yet is created", async () => {
    expect((await run("--backup-dir", at("deep", "backups"))).code).toBe(0)
    expect(await backupsIn(at("deep", "backups"), "clients.csv")).toHaveLength(1)
  })
})
