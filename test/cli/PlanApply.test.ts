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

const poolA = "11111111-1111-4111-8111-111111111111"
const poolB = "22222222-2222-4222-8222-222222222222"

const world = {
  "clients.csv": "name,row_id\nSam,502\nAnn,503\nBo,504\n",
  "bucket/502/Sam/resume.pdf": "resume",
  "bucket/503/Ann/contract.docx": "contract",
  [`bucket/files/${poolA}.pdf`]: "pooled a",
  [`bucket/files/${poolB}.pdf`]: "pooled b",
  "bucket/misc/readme.txt": "stray",
  "records.csv": `uuid,row_id\n${poolA},503\n`
}

const flagsIn = (root: string) => [
  "--clients", path.join(root, "clients.csv"),
  "--bucket", `file://${path.join(root, "bucket")}`,
  "--records", path.join(root, "records.csv")
]
const cli = (command: string, ...args: Array<string>) => runCli([command, ...flagsIn(dir), ...args])
const plan = (...args: Array<string>) => cli("plan", "--out", path.join(dir, "plan.json"), ...args)
const apply = (...args: Array<string>) => cli("apply", path.join(dir, "plan.json"), ...args)
const read = (name: string, root = dir) => fs.readFile(path.join(root, name), "utf8")
const withoutPlan = async () => {
  const tree = await snapshotTree(dir)
  tree.delete("plan.json")
  return tree
}

describe("uuidmap plan", () => {
  it("writes a versioned plan with the changes and fingerprints, and changes nothing else", async () => {
    await writeTree(dir, world)
    const before = await snapshotTree(dir)
    const result = await plan()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Saved plan to")
    expect(await withoutPlan()).toEqual(before)
    const saved = JSON.parse(await read("plan.json"))
    expect(saved.format_version).toBe(1)
    expect(saved.inputs.clients.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(saved.inputs.ledger.sha256).toBeNull()
    expect(saved.inputs.evidence).toEqual([{ file: path.join(dir, "records.csv"), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    expect(saved.inputs.objects.map((o: { key: string }) => o.key)).toEqual(["502/Sam/resume.pdf", "503/Ann/contract.docx", `files/${poolA}.pdf`, `files/${poolB}.pdf`])
    expect(saved.summary).toEqual({ new_uuids: 4, ledger_rows: 4, tracking_cells: 3 })
    const pooled = saved.changes.ledger.find((change: { uuid: string }) => change.uuid === poolA)
    expect(pooled.after).toMatchObject({ status: "mapped", row_id: "503" })
    expect(pooled.after.evidence[0].source).toBe("records")
  })

  it("requires --out, exit 2", async () => {
    await writeTree(dir, world)
    const result = await cli("plan")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--out")
  })
})

describe("uuidmap apply", () => {
  it("leaves byte for byte the files run leaves from the same inputs", async () => {
    await writeTree(dir, world)
    expect((await cli("run")).code).toBe(0)
    // The same later state twice: a new pool file and new evidence (no UUID to draw, so run is
    // deterministic); one copy is run, the other planned and applied.
    const later = { "bucket/files/33333333-3333-4333-8333-333333333333": "pooled c", "records.csv": `uuid,row_id\n${poolA},503\n${poolB},504\n` }
    await writeTree(dir, later)
    const twin = path.join(dir, "twin")
    await fs.mkdir(twin)
    for (const name of ["clients.csv", "clients.ledger.csv", "records.csv"]) await fs.copyFile(path.join(dir, name), path.join(twin, name))
    await fs.cp(path.join(dir, "bucket"), path.join(twin, "bucket"), { recursive: true, preserveTimestamps: true })

    expect((await runCli(["run", ...flagsIn(twin)])).code).toBe(0)
    expect((await plan()).code).toBe(0)
    const applied = await apply()
    expect(applied.code).toBe(0)
    expect(applied.stdout).toContain("Wrote")
    expect(await read("clients.csv")).toBe(await read("clients.csv", twin))
    expect(await read("clients.ledger.csv")).toBe(await read("clients.ledger.csv", twin))
    expect(await read("clients.ledger.csv")).toContain(`${poolB},files/${poolB}.pdf,504,mapped`)
  })

  it("writes exactly the plan's new UUIDs, with backups, and needs no recomputation", async () => {
    await writeTree(dir, world)
    expect((await plan()).code).toBe(0)
    const saved = JSON.parse(await read("plan.json"))
    const planned: Array<string> = saved.changes.ledger.map((change: { uuid: string }) => change.uuid)
    expect((await apply()).code).toBe(0)
    const ledger = await read("clients.ledger.csv")
    for (const id of planned) expect(ledger).toContain(id)
    expect(ledger.trimEnd().split("\n")).toHaveLength(planned.length + 1)
    expect((await fs.readdir(dir)).filter((name) => name.endsWith(".bak"))).toHaveLength(1)
    // The plan is used up: the CSV it was made from is gone.
    const again = await apply()
    expect(again.code).toBe(3)
    expect(again.stderr).toContain("clients CSV")
  })

  it("applies a plan with no changes by writing nothing", async () => {
    await writeTree(dir, world)
    expect((await cli("run")).code).toBe(0)
    expect((await plan()).code).toBe(0)
    const before = await snapshotTree(dir)
    const result = await apply()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("nothing to change")
    expect(await snapshotTree(dir)).toEqual(before)
  })
})

const editLedger = async () => {
  const ledger = await read("clients.ledger.csv")
  await fs.writeFile(path.join(dir, "clients.ledger.csv"), ledger.replace("client folder names", "the folder names"))
}

// Each way a plan goes stale: what to change after planning, what the refusal must name, the
// flags apply is given, and whether the plan is made after a first run (so a ledger exists).
const staleCauses: ReadonlyArray<readonly [string, () => Promise<unknown>, string, ReadonlyArray<string>, boolean]> = [
  ["the CSV was edited by hand", () => fs.appendFile(path.join(dir, "clients.csv"), "Cy,505\n"), "clients CSV", [], false],
  ["the ledger changed", editLedger, "ledger", [], true],
  ["the ledger is gone", () => fs.rm(path.join(dir, "clients.ledger.csv")), "is gone", [], true],
  ["an evidence file changed", () => fs.writeFile(path.join(dir, "records.csv"), `uuid,row_id\n${poolA},502\n`), "evidence file", [], false],
  ["a touched object changed", () => fs.writeFile(path.join(dir, "bucket/502/Sam/resume.pdf"), "resume v2"), `object "502/Sam/resume.pdf" changed`, [], false],
  ["a touched object is gone", () => fs.rm(path.join(dir, `bucket/files/${poolB}.pdf`)), `object "files/${poolB}.pdf" is gone`, [], false],
  ["a setting differs", async () => undefined, "--pool-prefix", ["--pool-prefix", "pool/"], false]
]

describe("uuidmap apply on a stale plan", () => {
  for (const [cause, change, named, flags, afterRun] of staleCauses) {
    it(`refuses with exit 3 and writes nothing when ${cause}`, async () => {
      await writeTree(dir, world)
      if (afterRun) {
        expect((await cli("run")).code).toBe(0)
        await writeTree(dir, { "bucket/504/Bo/new.pdf": "new" })
      }
      expect((await plan()).code).toBe(0)
      await change()
      const before = await snapshotTree(dir)
      const result = await apply(...flags)
      expect(result.code).toBe(3)
      expect(result.stderr).toContain("is stale, nothing was written")
      expect(result.stderr).toContain(named)
      expect(await snapshotTree(dir)).toEqual(before)
    })
  }

  it("refuses with exit 3 when the ledger appeared since the plan", async () => {
    await writeTree(dir, world)
    expect((await plan()).code).toBe(0)
    await writeTree(dir, { "clients.ledger.csv": "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified,why\n" })
    const result = await apply()
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("exists now but did not")
  })

  it("refuses a file that is not a plan, or a plan of another format_version, with exit 2", async () => {
    await writeTree(dir, { ...world, "plan.json": "{\"format_version\": 2}" })
    const before = await snapshotTree(dir)
    const newer = await apply()
    expect(newer.code).toBe(2)
    expect(newer.stderr).toContain("format_version 2")
    await writeTree(dir, { "plan.json": "[1, 2" })
    const broken = await apply()
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain("not valid JSON")
    await writeTree(dir, { "plan.json": "{\"format_version\": 2}" })
    expect(await snapshotTree(dir)).toEqual(before)
  })
})

describe("changes pending exit code", () => {
  it("plan --detailed-exitcode exits 5 with changes pending and 0 with none", async () => {
    await writeTree(dir, world)
    expect((await plan("--detailed-exitcode")).code).toBe(5)
    expect((await cli("run")).code).toBe(0)
    expect((await plan("--detailed-exitcode")).code).toBe(0)
  })

  it("run --diff --detailed-exitcode exits 5 with changes pending and 0 with none, writing nothing", async () => {
    await writeTree(dir, world)
    const before = await snapshotTree(dir)
    const pending = await cli("run", "--diff", "--detailed-exitcode")
    expect(pending.code).toBe(5)
    expect(pending.stdout).toContain("+ ")
    expect(await snapshotTree(dir)).toEqual(before)
    expect((await cli("run", "--diff", "--json", "--detailed-exitcode")).code).toBe(5)
    expect((await cli("run")).code).toBe(0)
    expect((await cli("run", "--diff", "--detailed-exitcode")).code).toBe(0)
  })

  it("takes the flag from UUIDMAP_DETAILED_EXITCODE too", async () => {
    await writeTree(dir, world)
    const result = await runCli(["run", ...flagsIn(dir), "--diff"], { env: { UUIDMAP_DETAILED_EXITCODE: "true" } })
    expect(result.code).toBe(5)
  })

  it("refuses --detailed-exitcode on a run that applies, exit 2", async () => {
    await writeTree(dir, world)
    const before = await snapshotTree(dir)
    const result = await cli("run", "--detailed-exitcode")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--detailed-exitcode needs --diff")
    expect(await snapshotTree(dir)).toEqual(before)
  })
})
