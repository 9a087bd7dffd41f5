import { describe, expect, it } from "vitest"
import type { CheckName } from "../../src/pipeline/checks/Check.ts"
import { checkNames } from "../../src/pipeline/checks/Check.ts"
import type { ClientRecord, LedgerRecord, VerifyInput } from "../../src/pipeline/checks/VerifyInput.ts"
import { defaultVerifyOptions, verify } from "../../src/pipeline/Verify.ts"
import { mapped, uuid } from "../support/StateBuilder.ts"

const u1 = uuid(1)
const u2 = uuid(2)
const u3 = uuid(3)

const clientRow = (line: number, rowId: string, uuids: string, count: string): ClientRecord => ({ line, rowId, uuidsCell: uuids, countCell: count })

const ledgerRow = (line: number, id: string, key: string, rowId: string, status = "mapped"): LedgerRecord => ({
  line,
  uuid: id,
  key,
  rowId,
  status,
  evidence: JSON.stringify([{ source: "client-folder", row_id: rowId || "502", detail: key }]),
  confidence: "1",
  size: "3"
})

// A consistent world: 502 owns two files, 503 one, 504 none; every key is in the bucket.
const clean: VerifyInput = {
  clientsFile: "clients.csv",
  ledgerFile: "clients.ledger.csv",
  clients: [clientRow(2, "502", `${u1};${u2}`, "2"), clientRow(3, "503", u3, "1"), clientRow(4, "504", "", "0")],
  ledger: [ledgerRow(2, u1, "502/a.pdf", "502"), ledgerRow(3, u2, "502/b.pdf", "502"), ledgerRow(4, u3, "503/c.pdf", "503")],
  inBucket: (key) => ["502/a.pdf", "502/b.pdf", "503/c.pdf"].includes(key),
  replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
}

const failedChecks = (input: VerifyInput): ReadonlyArray<CheckName> =>
  verify(input, defaultVerifyOptions).checks.filter((check) => !check.passed).map((check) => check.name)

const withClient = (index: number, row: ClientRecord): VerifyInput => ({
  ...clean,
  clients: clean.clients.map((existing, i) => (i === index ? row : existing))
})

const withLedger = (index: number, row: LedgerRecord): VerifyInput => ({
  ...clean,
  ledger: clean.ledger.map((existing, i) => (i === index ? row : existing))
})

// For each check, a world built to break it (and as little else as possible).
const broken: ReadonlyArray<readonly [CheckName, VerifyInput, string]> = [
  ["row-ids-not-empty", withClient(2, clientRow(4, " ", "", "0")), "clients.csv:4"],
  ["row-ids-unique", withClient(2, clientRow(4, "503", "", "0")), "clients.csv:4"],
  ["uuids-valid", withClient(2, clientRow(4, "504", "not-a-uuid", "1")), "clients.csv:4"],
  ["file-counts-match", withClient(1, clientRow(3, "503", u3, "2")), "clients.csv:3"],
  ["ledger-cells-valid", withLedger(2, { ...ledgerRow(4, u3, "503/c.pdf", "503"), confidence: "high" }), "clients.ledger.csv:4"],
  ["ledger-uuids-unique", { ...clean, ledger: [...clean.ledger, ledgerRow(5, u3, "503/c.pdf", "503")] }, "clients.ledger.csv:5"],
  ["ledger-keys-unique", withLedger(1, ledgerRow(3, u2, "502/a.pdf", "502")), "clients.ledger.csv:3"],
  ["uuids-single-owner", withLedger(2, ledgerRow(4, u3, "503/c.pdf", "504")), "clients.ledger.csv:4"],
  // In review with 502 as the only candidate, yet in the cell of 503.
  ["owners-agree", withLedger(2, ledgerRow(4, u3, "503/c.pdf", "502", "review")), "clients.csv:3"],
  ["keys-in-bucket", { ...clean, inBucket: (key) => key !== "502/b.pdf" }, "502/b.pdf"],
  ["idempotent", { ...clean, replan: { _tag: "Planned", changes: { cells: [], ledger: [{ uuid: u3, before: null, after: mapped(u3, "503/c.pdf", "503") }] } } }, "503/c.pdf"]
]

describe("verify checks", () => {
  it("pass on a consistent CSV, ledger and bucket", () => {
    const report = verify(clean, defaultVerifyOptions)
    expect(report.ok).toBe(true)
    expect(report.checks.map((check) => check.name)).toEqual([...checkNames])
    expect(report.checks.every((check) => check.passed && check.count === 0)).toBe(true)
  })

  it("cover every check with a broken world", () => {
    expect(new Set(broken.map(([name]) => name))).toEqual(new Set(checkNames))
  })

  for (const [name, input, location] of broken) {
    it(`${name} fails on a world built to break it, citing ${location}`, () => {
      const report = verify(input, defaultVerifyOptions)
      const check = report.checks.find((result) => result.name === name)!
      expect(check.passed).toBe(false)
      expect(check.severity).toBe("error")
      expect(check.count).toBeGreaterThan(0)
      expect(check.offences.map((offence) => offence.location)).toContain(location)
      expect(report.ok).toBe(false)
      expect(failedChecks(input)).toEqual([name])
    })
  }

  it("reports a UUID listed for two clients, and its ledger owner disagreeing, as two owners", () => {
    const input = withClient(2, clientRow(4, "504", u3, "1"))
    expect(failedChecks(input)).toEqual(["uuids-single-owner"])
    const offences = verify(input, defaultVerifyOptions).checks.find((check) => check.name === "uuids-single-owner")!.offences
    expect(offences.map((offence) => offence.message).join("\n")).toContain(`"${u3}" is listed for row "504" and for row "503"`)
  })

  it("accepts a UUID kept in one client's cell while in review with that client as a candidate", () => {
    const review: LedgerRecord = {
      ...ledgerRow(4, u3, "502/c.pdf", "502", "review"),
      evidence: JSON.stringify([
        { source: "client-folder", row_id: "502", detail: "502/c.pdf" },
        { source: "tracking-cell", row_id: "503", detail: "tracking cell of client 503" }
      ])
    }
    expect(failedChecks({ ...withLedger(2, review), inBucket: () => true })).toEqual([])
  })

  it("reports a ledger owner with no tracking cell listing the UUID", () => {
    const input = withClient(1, clientRow(3, "503", "", "0"))
    expect(failedChecks(input)).toEqual(["owners-agree"])
  })

  it("reports a ledger owner that is not a client of the CSV", () => {
    const input: VerifyInput = { ...clean, ledger: [...clean.ledger, ledgerRow(5, uuid(9), "999/x.pdf", "999")], inBucket: () => true }
    expect(failedChecks(input)).toEqual(["owners-agree"])
  })

  it("names a missing key with its owner and says the next run records it as missing", () => {
    const check = verify({ ...clean, inBucket: () => false }, defaultVerifyOptions).checks.find((result) => result.name === "keys-in-bucket")!
    expect(check.count).toBe(3)
    expect(check.offences[0]!.message).toContain(`"502/a.pdf"`)
    expect(check.offences[0]!.message).toContain("owner \"502\"")
    expect(check.offences[0]!.message).toContain("records it as missing")
  })

  it("does not ask a missing file to be in the bucket", () => {
    const input = withLedger(2, { ...ledgerRow(4, u3, "503/c.pdf", "503"), status: "missing" })
    expect(failedChecks({ ...input, inBucket: (key) => key !== "503/c.pdf" })).toEqual([])
  })

  it("fails idempotence with the reason when planning refuses the files", () => {
    const check = verify({ ...clean, replan: { _tag: "Refused", reason: "clients.csv:3:5: Row id is empty" } }, defaultVerifyOptions)
      .checks.find((result) => result.name === "idempotent")!
    expect(check.passed).toBe(false)
    expect(check.offences[0]!.message).toContain("Row id is empty")
  })
})

describe("verify severities and limits", () => {
  const twoProblems = withClient(1, clientRow(3, "503", u3, "7"))

  it("lowers a check to a warning with --warn, which no longer fails the verification", () => {
    const report = verify(twoProblems, { ...defaultVerifyOptions, warn: new Set(["file-counts-match"]) })
    const check = report.checks.find((result) => result.name === "file-counts-match")!
    expect(check.severity).toBe("warn")
    expect(check.passed).toBe(false)
    expect(report.ok).toBe(true)
    expect(report.failedWarnings).toBe(1)
    expect(report.failedErrors).toBe(0)
  })

  it("keeps the first offending rows but counts them all", () => {
    const many: VerifyInput = { ...clean, inBucket: () => false }
    const check = verify(many, { ...defaultVerifyOptions, maxOffences: 1 }).checks.find((result) => result.name === "keys-in-bucket")!
    expect(check.count).toBe(3)
    expect(check.offences).toHaveLength(1)
  })
})

describe("ledger-cells-valid", () => {
  const cellsOf = (row: Partial<LedgerRecord>) =>
    verify(withLedger(0, { ...ledgerRow(2, u1, "502/a.pdf", "502"), ...row }), defaultVerifyOptions)
      .checks.find((check) => check.name === "ledger-cells-valid")!

  it("names an unknown status, bad evidence, a confidence above 1 and a negative size", () => {
    expect(cellsOf({ status: "maybe" }).offences[0]!.message).toContain(`status "maybe"`)
    expect(cellsOf({ evidence: "{oops" }).offences[0]!.message).toContain("not valid JSON")
    expect(cellsOf({ evidence: `[{"source":"gut","row_id":"502","detail":""}]` }).offences[0]!.message).toContain("known \"source\"")
    expect(cellsOf({ confidence: "1.5" }).offences[0]!.message).toContain("confidence")
    expect(cellsOf({ size: "-3" }).offences[0]!.message).toContain("size")
    expect(cellsOf({ status: "mapped", rowId: "" }).offences.map((offence) => offence.message).join()).toContain("row_id is empty")
  })
})
