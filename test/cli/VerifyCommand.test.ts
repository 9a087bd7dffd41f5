import parser from "fast-xml-parser"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>

const world = {
  "clients.csv": "name,row_id\nSam,502\nAnn,503\nBo,504\n",
  "bucket/502/Sam/resume.pdf": "resume",
  "bucket/502/Sam/id-scan.jpg": "scan",
  "bucket/503/Ann/contract.docx": "contract"
}

const flags = () => ["--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`]
const verify = (...args: Array<string>) => runCli(["verify", ...flags(), ...args])
const file = (name: string) => path.join(dir, name)
const read = (name: string) => fs.readFile(file(name), "utf8")
const edit = async (name: string, change: (text: string) => string) => fs.writeFile(file(name), change(await read(name)))

// Every test starts from the files one run leaves: the run is made once, and each test gets
// its own copy, times kept (the files hold no path of their folder, so the copy is what a run
// there leaves).
let ran: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  ran = await tempDir()
  await writeTree(ran.dir, world)
  const result = await runCli(["run", "--clients", path.join(ran.dir, "clients.csv"), "--bucket", `file://${path.join(ran.dir, "bucket")}`])
  expect(result.code, result.stderr).toBe(0)
})
afterAll(() => ran?.cleanup())
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await fs.cp(ran.dir, dir, { recursive: true, preserveTimestamps: true })
})
afterEach(() => cleanup())

// The UUIDs the run gave, by key.
const uuidOf = async (key: string): Promise<string> => {
  const line = (await read("clients.ledger.csv")).split("\n").find((row) => row.includes(`,${key},`))!
  return line.slice(0, 36)
}

// Hand edits, each of which breaks one invariant, and the check that must name it.
const breakages: ReadonlyArray<readonly [string, () => Promise<unknown>, string]> = [
  ["a duplicate row id", () => fs.appendFile(file("clients.csv"), "Cy,503,,\n"), "row-ids-unique"],
  ["an empty row id", () => fs.appendFile(file("clients.csv"), "Cy,,,\n"), "row-ids-not-empty"],
  ["a tracking cell that is not a UUID list", () => edit("clients.csv", (csv) => csv.replace("Bo,504,,0", "Bo,504,not-a-uuid,1")), "uuids-valid"],
  ["a file_count that disagrees", () => edit("clients.csv", (csv) => csv.replace("Bo,504,,0", "Bo,504,,3")), "file-counts-match"],
  ["a ledger row with an unknown status", () => edit("clients.ledger.csv", (ledger) => ledger.replace(",mapped,", ",maybe,")), "ledger-cells-valid"],
  ["a UUID twice in the ledger", async () => {
    const rows = (await read("clients.ledger.csv")).trimEnd().split("\n")
    await fs.appendFile(file("clients.ledger.csv"), `${rows[1]}\n`)
  }, "ledger-uuids-unique"],
  ["a key with two UUIDs", async () => {
    const rows = (await read("clients.ledger.csv")).trimEnd().split("\n")
    await fs.appendFile(file("clients.ledger.csv"), `99999999-9999-4999-8999-999999999999${rows[1]!.slice(36)}\n`)
  }, "ledger-keys-unique"],
  ["a UUID moved to another client's cell", async () => {
    const id = await uuidOf("503/Ann/contract.docx")
    await edit("clients.csv", (csv) => csv.replace(`Ann,503,${id},1`, "Ann,503,,0").replace("Bo,504,,0", `Bo,504,${id},1`))
  }, "uuids-single-owner"],
  ["a ledger that no longer gives a listed UUID an owner", () =>
    edit("clients.ledger.csv", (ledger) => ledger.replace(/,503,mapped,/, ",503,review,")), "owners-agree"]
]

describe("uuidmap verify", () => {
  it("passes after a run, exit 0", async () => {
    const result = await verify()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("PASS  idempotent")
    expect(result.stdout).toContain("Verification passed: 11 checks passed.")
  })

  for (const [breakage, change, check] of breakages) {
    it(`fails ${check} on ${breakage}, exit 1, writing nothing`, async () => {
      await change()
      const before = await snapshotTree(dir)
      const result = await verify()
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(new RegExp(`FAIL  ${check} `))
      expect(result.stdout).toContain("Verification failed")
      expect(await snapshotTree(dir)).toEqual(before)
    })
  }

  it("reports as failed checks what run refuses with exit 2", async () => {
    await fs.appendFile(file("clients.csv"), "Cy,503,,\n")
    await edit("clients.csv", (csv) => csv.replace("Bo,504,,0", "Bo,504,,2"))
    expect((await runCli(["run", ...flags()])).code).toBe(2)
    const result = await verify()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/FAIL  row-ids-unique /)
    expect(result.stdout).toMatch(/FAIL  file-counts-match /)
    expect(result.stdout).toMatch(/FAIL  idempotent .*\n.*Planning refuses the current files: .*clients.csv:4/)
  })

  it("names a mapped key that is gone from the bucket, and fails idempotence (the next run records it as missing)", async () => {
    await fs.rm(file("bucket/502/Sam/id-scan.jpg"))
    const result = await verify()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/FAIL  keys-in-bucket +1 offending row/)
    expect(result.stdout).toContain(`502/Sam/id-scan.jpg: "502/Sam/id-scan.jpg"`)
    expect(result.stdout).toMatch(/FAIL  idempotent /)
  })

  it("fails idempotence when a new file waits for a run", async () => {
    await writeTree(dir, { "bucket/504/Bo/new.pdf": "new" })
    const result = await verify()
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("504/Bo/new.pdf: a new ledger row would be added")
  })

  it("lowers checks to warnings with --warn (repeatable or comma-separated), exit 0", async () => {
    await fs.rm(file("bucket/502/Sam/id-scan.jpg"))
    const result = await verify("--warn", "keys-in-bucket", "--warn", "idempotent,owners-agree")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/WARN  keys-in-bucket /)
    expect(result.stdout).toContain("2 warnings")
  })

  it("refuses an unknown check name in --warn, exit 2", async () => {
    const result = await verify("--warn", "no-such-check")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("no such check")
  })

  it("reports as JSON with each check's name, severity, count and first rows", async () => {
    await edit("clients.csv", (csv) => csv.replace("Bo,504,,0", "Bo,504,,3"))
    const result = await verify("--format", "json")
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.ok).toBe(false)
    const check = report.checks.find((item: { name: string }) => item.name === "file-counts-match")
    expect(check).toMatchObject({ severity: "error", status: "fail", count: 1 })
    expect(check.offences[0].location).toBe(`${file("clients.csv")}:4`)
  })
})

const parseJunit = (xml: string) => {
  expect(parser.validate(xml)).toBe(true)
  return parser.parse(xml, { ignoreAttributes: false, attributeNamePrefix: "" })
}

describe("uuidmap verify --format junit", () => {
  it("is valid XML with one testcase per check and the right counts", async () => {
    const result = await verify("--format", "junit")
    expect(result.code).toBe(0)
    const suites = parseJunit(result.stdout).testsuites
    expect(suites.tests).toBe("11")
    expect(suites.failures).toBe("0")
    expect(suites.testsuite.testcase.map((testcase: { name: string }) => testcase.name)).toContain("keys-in-bucket")
    expect(suites.testsuite.testcase).toHaveLength(11)
  })

  it("marks each failed check as a failure, escapes hostile keys, and writes to --out", async () => {
    const hostile = `502/Sam/<b>&"quotes"'.pdf`
    await writeTree(dir, { [`bucket/${hostile}`]: "x" })
    expect((await runCli(["run", ...flags()])).code).toBe(0)
    await fs.rm(file(`bucket/${hostile}`))
    await edit("clients.csv", (csv) => csv.replace("Bo,504,,0", "Bo,504,,3"))
    const result = await verify("--format", "junit", "--out", file("junit.xml"), "--warn", "idempotent")
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    const xml = await read("junit.xml")
    const suites = parseJunit(xml).testsuites
    expect(suites.tests).toBe("11")
    expect(suites.failures).toBe("2")
    expect(suites.testsuite.failures).toBe("2")
    const failed = suites.testsuite.testcase.filter((testcase: { failure?: unknown }) => testcase.failure !== undefined)
    expect(failed.map((testcase: { name: string }) => testcase.name)).toEqual(["file-counts-match", "keys-in-bucket"])
    const keys = failed[1].failure
    expect(keys["#text"] ?? keys).toContain("&lt;b&gt;&amp;")
    const warned = suites.testsuite.testcase.find((testcase: { name: string }) => testcase.name === "idempotent")
    expect(warned.failure).toBeUndefined()
    expect(warned["system-out"]).toContain("warning")
  })
})
