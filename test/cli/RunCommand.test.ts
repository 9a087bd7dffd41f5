import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const uuidA = "11111111-1111-4111-8111-111111111111"

const bucketFiles = {
  "bucket/502/Sam_Torode/resume.pdf": "resume",
  "bucket/502/Sam_Torode/id-scan.jpg": "scan",
  "bucket/503/Ann_Lee/contract.docx": "contract",
  "bucket/999/Nobody/x.pdf": "unknown client",
  "bucket/misc/readme.txt": "stray",
  [`bucket/files/${uuidA}.pdf`]: "pooled"
}

const run = (...args: Array<string>) =>
  runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`, ...args])

const files = (...names: Array<string>) => Promise.all(names.map((name) => fs.readFile(path.join(dir, name), "utf8")))
const backups = async () => (await fs.readdir(dir)).filter((name) => name.endsWith(".bak"))

describe("uuidmap run", () => {
  it("maps client-folder files, tracks every client and writes the ledger", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "name,row_id\nSam,502\nAnn,503\nBo,504\n" })
    const result = await run()
    expect(result.stderr).not.toContain("Skipped")
    expect(result.code).toBe(0)
    const [csv, ledger] = await files("clients.csv", "clients.ledger.csv")
    const rows = csv.trimEnd().split("\n")
    expect(rows[0]).toBe("name,row_id,file_uuids,file_count")
    expect(rows[1]).toMatch(/^Sam,502,[0-9a-f-]{36};[0-9a-f-]{36},2$/)
    expect(rows[2]).toMatch(/^Ann,503,[0-9a-f-]{36},1$/)
    expect(rows[3]).toBe("Bo,504,,0")
    const ledgerRows = ledger.trimEnd().split("\n")
    expect(ledgerRows[0]).toBe("uuid,key,row_id,status,evidence,confidence,size,etag,last_modified,why,metadata,clients_sha256")
    // Three client-folder files and the pool file, which no trusted evidence maps.
    expect(ledgerRows).toHaveLength(5)
    expect(ledger).toContain("502/Sam_Torode/resume.pdf")
    expect(ledgerRows.find((row) => row.startsWith(uuidA))).not.toContain(",mapped,")
    expect(await backups()).toHaveLength(1)
  })

  it("changes no byte and makes no backup on a second run", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "name,row_id\nSam,502\nAnn,503\n" })
    expect((await run()).code).toBe(0)
    const before = await snapshotTree(dir)
    const second = await run()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("Nothing to change.")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("prints the changes with --diff and writes nothing", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "name,row_id\nSam,502\nAnn,503\n" })
    const before = await snapshotTree(dir)
    const result = await run("--diff")
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("row 502")
    expect(result.stdout).toContain("+ 2 files")
    expect(result.stdout).toContain("502/Sam_Torode/resume.pdf")
    expect(result.stdout).not.toContain("\u001b[")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("prints the same changes as JSON with --json --diff", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "name,row_id\nSam,502\nAnn,503\n" })
    const result = await run("--diff", "--json")
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.dry_run).toBe(true)
    expect(json.changes.cells.map((c: { row_id: string }) => c.row_id)).toEqual(["502", "503"])
    expect(json.changes.ledger).toHaveLength(4)
    expect(json.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(["stray", "unknown-client-folder"])
  })

  it("runs phase 1 alone without tracking clients that have no files", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "name,row_id\nSam,502\nBo,504\n" })
    expect((await run("--phase", "1")).code).toBe(0)
    const [csv] = await files("clients.csv")
    expect(csv.trimEnd().split("\n")[2]).toBe("Bo,504,,")
  })

  it("keeps a tracked UUID found in the pool and one that no object has", async () => {
    const gone = "22222222-2222-4222-8222-222222222222"
    await writeTree(dir, { ...bucketFiles, "clients.csv": `row_id,file_uuids,file_count\n503,${uuidA};${gone},2\n` })
    expect((await run()).code).toBe(0)
    const [csv, ledger] = await files("clients.csv", "clients.ledger.csv")
    const cell = csv.trimEnd().split("\n")[1]!.split(",")[1]!.split(";")
    expect(cell).toEqual(expect.arrayContaining([uuidA, gone]))
    expect(cell).toHaveLength(3)
    expect(ledger).toMatch(new RegExp(`${uuidA},files/${uuidA}.pdf,503,mapped`))
    expect(ledger).toMatch(new RegExp(`${gone},,503,missing`))
  })

  it("puts backups in --backup-dir", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "row_id\n502\n" })
    expect((await run("--backup-dir", path.join(dir, "backups"))).code).toBe(0)
    expect(await fs.readdir(path.join(dir, "backups"))).toEqual([expect.stringMatching(/^clients\.csv\.\d{8}T\d{6}\.\d{3}Z\.bak$/)])
  })

  it("exits 4 with one line when the bucket folder does not exist", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n" })
    const before = await snapshotTree(dir)
    const result = await runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${dir}/nope`])
    expect(result.code).toBe(4)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("does not exist")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("exits 2 when --bucket is missing or malformed", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n" })
    const missing = await runCli(["run", "--clients", path.join(dir, "clients.csv")])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("--bucket is required")
    const bad = await runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", "/tmp/x"])
    expect(bad.code).toBe(2)
  })

  it("exits 2 on an unknown flag", async () => {
    expect((await runCli(["run", "--no-such-flag"])).code).toBe(2)
  })

  it("takes flags from UUIDMAP_* environment variables", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "row_id\n502\n" })
    const result = await runCli(["run", "--diff", "--json"], {
      env: { UUIDMAP_CLIENTS: path.join(dir, "clients.csv"), UUIDMAP_BUCKET: `file://${path.join(dir, "bucket")}` }
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).changes.cells).toHaveLength(1)
  })
})

describe("uuidmap run options", () => {
  it("draws version-7 UUIDs with --uuid-version 7", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n", "bucket/502/a.pdf": "a" })
    expect((await run("--uuid-version", "7")).code).toBe(0)
    const [csv] = await files("clients.csv")
    expect(csv.split("\n")[1]).toMatch(/^502,[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12},1$/)
  })

  it("lists what it reports but never maps with --verbose", async () => {
    await writeTree(dir, { ...bucketFiles, "clients.csv": "row_id\n502\n" })
    const result = await run("--verbose", "--diff")
    expect(result.code).toBe(0)
    expect(result.stderr).toContain("stray: misc/readme.txt")
    expect(result.stderr).toContain("unknown-client-folder: 999/Nobody/x.pdf")
  })

  it("says clearly that an --inventory manifest does not exist, exit 2, naming it", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n", "bucket/502/a.pdf": "a" })
    const result = await run("--inventory", `file://${dir}/no-such/manifest.json`)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${dir}/no-such/manifest.json: Inventory manifest or folder does not exist`)
  })
})

describe("uuidmap run --strict", () => {
  it("exits 1 when files are left in review, after writing the result", async () => {
    await writeTree(dir, {
      "clients.csv": "row_id\n502\n503\n",
      "bucket/502/a.pdf": "same content",
      "bucket/503/b.pdf": "same content",
      [`bucket/files/${uuidA}.pdf`]: "same content"
    })
    const result = await run("--strict")
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("1 file needs review")
    const [ledger] = await files("clients.ledger.csv")
    expect(ledger).toContain(`${uuidA},files/${uuidA}.pdf,502,review`)
  })

  it("exits 0 when nothing is in review", async () => {
    await writeTree(dir, { "clients.csv": "row_id\n502\n", "bucket/502/a.pdf": "a" })
    expect((await run("--strict")).code).toBe(0)
  })
})
