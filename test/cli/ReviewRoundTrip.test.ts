import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

const U1 = "11111111-1111-4111-8111-111111111111"
const U2 = "22222222-2222-4222-8222-222222222222"
const U3 = "33333333-3333-4333-8333-333333333333"
const U4 = "44444444-4444-4444-8444-444444444444"

let dir: string
let cleanup: () => Promise<void>
const at = (name: string) => path.join(dir, name)
const common = () => ["--clients", at("clients.csv"), "--bucket", `file://${at("bucket")}`]
const evidence = () => ["--migration-log", at("moves.csv"), "--records", at("records.csv")]
const ledgerRow = async (uuid: string) => (await fs.readFile(at("clients.ledger.csv"), "utf8")).split("\n").find((line) => line.startsWith(uuid))!

// Fills the decision and note of the sheet's row for `uuid` (columns 8 and 9, always last).
const fillSheet = async (decisions: Record<string, string>) => {
  const lines = (await fs.readFile(at("review.csv"), "utf8")).split("\n")
  const filled = lines.map((line) => {
    const uuid = line.slice(0, 36)
    return decisions[uuid] === undefined ? line : line.replace(/,,$/, `,${decisions[uuid]}`)
  })
  await fs.writeFile(at("review.csv"), filled.join("\n"))
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-review-"))
  await writeTree(dir, {
    "clients.csv": "row_id,name\n502,Sam\n503,Ann\n504,=HYPERLINK(\"x\")\n",
    "bucket/502/Sam/a.pdf": "the contract of Sam\n",
    "bucket/503/Ann/b.pdf": "the passport of Ann\n",
    [`bucket/files/${U1}.pdf`]: "the contract of Sam\n",
    [`bucket/files/${U2}.pdf`]: "disputed\n",
    [`bucket/files/${U3}.pdf`]: "departed\n",
    [`bucket/files/${U4}`]: "unexplained\n",
    "bucket/files/readme.txt": "not a uuid\n",
    "moves.csv": `old_key,new_key\n503/Ann/old.pdf,files/${U2}.pdf\n`,
    "records.csv": `uuid,row_id\n${U2},502\n${U3},9000\n`,
    "bad-records.csv": `uuid,row_id\n${U2},502\nnot-a-uuid,503\n`
  })
})
afterAll(() => cleanup())

describe("the review round trip through the CLI", () => {
  it("refuses an evidence file with a bad row: exit 2 naming file and line, nothing written", async () => {
    const before = await snapshotTree(dir)
    const result = await runCli(["run", ...common(), "--records", at("bad-records.csv")])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("bad-records.csv:3:1")
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("runs all phases: copies and agreeing evidence mapped, conflicts in review, the rest unmapped", async () => {
    const result = await runCli(["run", ...common(), ...evidence()])
    expect(result.code, result.stderr).toBe(0)
    expect(await ledgerRow(U1)).toContain(",502,mapped,")
    expect(await ledgerRow(U2)).toContain(",503,review,")
    // Records name only a row id that is not in the CSV: a person decides (README).
    expect(await ledgerRow(U3)).toContain(",9000,review,")
    expect(await ledgerRow(U4)).toContain(",,unmapped,")
  })

  it("exports the files in review with candidates, evidence and empty decision and note", async () => {
    const result = await runCli(["review", "export", at("review.csv"), ...common()])
    expect(result.code, result.stderr).toBe(0)
    const lines = (await fs.readFile(at("review.csv"), "utf8")).trim().split("\n")
    expect(lines[0]).toBe("uuid,key,size,best_candidate,candidates,evidence,why,decision,note")
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(new RegExp(`^${U2},files/${U2}.pdf,9,503,503; 502,.*moves.csv line 2.*records.csv line 2.*,,$`))
    expect(lines[2]).toMatch(new RegExp(`^${U3},files/${U3}\\.pdf,\\d+,9000,,records -> 9000: records.csv line 3,"evidence names only row ids that are not in the CSV: row id 9000, not in the CSV \\(database records\\)",,$`))
  })

  it("refuses a sheet with an invalid decision, naming its line, and writes nothing", async () => {
    await fillSheet({ [U2]: "999,typo" })
    const before = await snapshotTree(dir)
    const result = await runCli(["review", "accept", at("review.csv"), ...common()])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/review\.csv:2:\d+: Decision "999" is not a row_id in the CSV or "none"/)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("records a valid decision as a person's, with the note, and updates the CSV", async () => {
    await runCli(["review", "export", at("review.csv"), ...common()])
    await fillSheet({ [U2]: "502,\"called Sam, confirmed\"" })
    const result = await runCli(["review", "accept", at("review.csv"), ...common()])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain("Recorded 1 decision")
    const row = await ledgerRow(U2)
    expect(row).toContain(",502,mapped,")
    expect(row).toContain("called Sam, confirmed")
    const sam = (await fs.readFile(at("clients.csv"), "utf8")).split("\n").find((line) => line.startsWith("502,"))!
    expect(sam).toMatch(/^502,Sam,[^,]+,3$/)
    expect(sam).toContain(U1)
    expect(sam).toContain(U2)
  })

  it("keeps the person's decision on the next run, which changes nothing", async () => {
    const result = await runCli(["run", ...common(), ...evidence()])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain("Nothing to change.")
    expect(await ledgerRow(U2)).toContain(",502,mapped,")
  })

  it("looks up a client's files and lists every file with findings", async () => {
    const lookup = await runCli(["lookup", "502", ...common()])
    expect(lookup.code, lookup.stderr).toBe(0)
    expect(lookup.stdout).toContain("Client 502: 3 files")
    expect(lookup.stdout).toContain(`files/${U2}.pdf`)
    const unknown = await runCli(["lookup", "999", ...common()])
    expect(unknown.code).toBe(2)
    const files = await runCli(["files", "--format", "json", ...common(), ...evidence()])
    expect(files.code, files.stderr).toBe(0)
    const rows = JSON.parse(files.stdout) as Array<{ uuid: string | null; status: string; owner: string | null }>
    expect(rows.filter((r) => r.uuid !== null)).toHaveLength(6)
    expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining(["non-uuid-pool-name", "unknown-row-id"]))
    const csv = await runCli(["files", ...common()])
    expect(csv.stdout.split("\n")[0]).toBe("uuid,key,owner,candidate,status,confidence,size,evidence,why")
  })
})
