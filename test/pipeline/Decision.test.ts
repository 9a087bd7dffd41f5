import { describe, expect, it } from "vitest"
import { type Evidence, noOwnerRowId } from "../../src/domain/Evidence.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import { decideOwner } from "../../src/pipeline/Decision.ts"

const order = new Map(["502", "503", "504"].map((id, i) => [unsafeRowId(id), i]))
const ev = (source: Evidence["source"], rowId: string, detail = "d"): Evidence => ({ source, rowId: unsafeRowId(rowId), detail })

describe("decideOwner", () => {
  it("maps when trusted evidence names exactly one client", () => {
    const decision = decideOwner([ev("records", "503"), ev("migration-log", "503")], order)
    expect(decision.status).toBe("mapped")
    expect(decision.rowId).toBe("503")
    expect(decision.confidence).toBe(0.95)
  })

  it("sends conflicting trusted evidence to review with the most trusted candidate", () => {
    const decision = decideOwner([ev("records", "502"), ev("migration-log", "503")], order)
    expect(decision.status).toBe("review")
    expect(decision.rowId).toBe("503")
    expect(decision.why).toContain("client 502")
    expect(decision.why).toContain("client 503")
  })

  it("breaks ties between equally trusted candidates by CSV order, not evidence order", () => {
    const a = decideOwner([ev("content", "504"), ev("content", "503")], order)
    const b = decideOwner([ev("content", "503"), ev("content", "504")], order)
    expect(a).toEqual(b)
    expect(a.rowId).toBe("503")
  })

  it("never maps on weak signals alone", () => {
    const decision = decideOwner([ev("weak", "502")], order)
    expect(decision.status).toBe("review")
    expect(decision.rowId).toBe("502")
  })

  it("never maps a client that is not in the CSV, and takes one beside a known client as a contradiction", () => {
    expect(decideOwner([ev("records", "999")], order)).toMatchObject({ status: "review", rowId: "999", confidence: 0.5 })
    expect(decideOwner([ev("records", "999")], order).why).toBe("evidence names only row ids that are not in the CSV: row id 999, not in the CSV (database records)")
    expect(decideOwner([ev("migration-log", "998"), ev("records", "999")], order).rowId).toBe("998")
    expect(decideOwner([ev("client-folder", "999")], order).status).toBe("unmapped")
    expect(decideOwner([ev("records", "999"), ev("records", "502")], order)).toMatchObject({ status: "review", rowId: "502" })
  })

  it("keeps a file unmapped when a person decided no client owns it, whatever machines say", () => {
    const decision = decideOwner([ev("client-folder", "502"), ev("human", noOwnerRowId, "2026-01-01T00:00:00Z")], order)
    expect(decision).toMatchObject({ status: "unmapped", rowId: null })
  })

  it("follows the latest of several decisions by a person", () => {
    const decision = decideOwner([ev("human", "503", "2026-02-01T00:00:00Z"), ev("human", "502", "2026-01-01T00:00:00Z")], order)
    expect(decision).toMatchObject({ status: "mapped", rowId: "503" })
  })

  it("maps nothing against a person's decision for a client that has left the CSV", () => {
    const decision = decideOwner([ev("records", "502"), ev("human", "999", "2026-01-01T00:00:00Z")], order)
    expect(decision).toMatchObject({ status: "review", rowId: "502" })
    expect(decision.why).toContain("a person chose client 999")
  })

  it("lets a person's decision win over any machine evidence", () => {
    const decision = decideOwner([ev("client-folder", "502"), ev("human", "504", "2026-01-01T00:00:00Z ok")], order)
    expect(decision).toMatchObject({ status: "mapped", rowId: "504", confidence: 1 })
  })

  it("is unmapped with no evidence", () => {
    expect(decideOwner([], order)).toMatchObject({ status: "unmapped", rowId: null, confidence: 0 })
  })
})
