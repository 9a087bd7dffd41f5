import { describe, expect, it } from "vitest"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import { acceptReviewDecisions, checkReviewSheet, type SheetRow } from "../../src/pipeline/ReviewDecisions.ts"
import { client, migrationByKey, phase2State, poolFile, poolKey, record, rowOf, uuid } from "./PoolFilesFixtures.ts"

const inReview = () =>
  linkPoolFiles(phase2State({
    clients: [client("502"), client("503")],
    objects: [poolFile(1), poolFile(2)],
    claims: [record(uuid(1), "502"), migrationByKey("503/a.pdf", poolKey(1)), record(uuid(2), "502"), record(uuid(2), "503", 3)]
  }))

const row = (line: number, id: string, decision: string, note = ""): SheetRow => ({
  line,
  uuid: { text: id, line, column: 1 },
  decision: { text: decision, line, column: 40 },
  note
})

describe("checkReviewSheet", () => {
  it("accepts row ids of the CSV and none (any case), and counts blank decisions", () => {
    const checked = checkReviewSheet(inReview(), [row(2, uuid(1), "503", "CRM says so"), row(3, uuid(2), "NONE"), row(4, uuid(2), " ")])
    expect(checked.problems).toEqual([])
    expect(checked.blank).toBe(1)
    expect(checked.decisions.map((d) => [d.uuid, d.owner, d.note])).toEqual([[uuid(1), "503", "CRM says so"], [uuid(2), "none", ""]])
  })

  it("reports every invalid row with its line and column", () => {
    const checked = checkReviewSheet(inReview(), [
      row(2, uuid(1), "999"),
      row(3, "not-a-uuid", "502"),
      row(4, uuid(77), "502"),
      row(5, uuid(2), "502"),
      row(6, uuid(2), "503")
    ])
    expect(checked.problems.map((p) => [p.line, p.column])).toEqual([[2, 40], [3, 1], [4, 1], [6, 40]])
    expect(checked.problems[0]!.message).toBe("Decision \"999\" is not a row_id in the CSV or \"none\"")
  })

  it("strips the quote the sheet puts before a formula-like value", () => {
    const state = linkPoolFiles(phase2State({ clients: [client("-5")], objects: [poolFile(1)], claims: [record(uuid(1), "-5"), record(uuid(1), "x", 3)] }))
    expect(checkReviewSheet(state, [row(2, uuid(1), "'-5")]).decisions[0]!.owner).toBe("-5")
  })
})

describe("acceptReviewDecisions", () => {
  it("records decisions as human evidence that maps (or keeps unmapped) and updates the tracking cells", () => {
    const state = inReview()
    const { decisions } = checkReviewSheet(state, [row(2, uuid(1), "503", "checked"), row(3, uuid(2), "none")])
    const { recorded, state: next } = acceptReviewDecisions(state, decisions, "2026-03-01T09:00:00.000Z", "review.csv")
    expect(recorded).toBe(2)
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "503" })
    expect(rowOf(next, poolKey(1)).why).toBe("decided by a person (2026-03-01T09:00:00.000Z review accept, review.csv line 2 — note: checked)")
    expect(rowOf(next, poolKey(2))).toMatchObject({ status: "unmapped", rowId: null })
    expect(next.clients.find((c) => c.rowId === "503")!.uuids).toEqual([uuid(1)])
  })

  it("survives the next run of phase 2 unchanged", () => {
    const state = inReview()
    const { decisions } = checkReviewSheet(state, [row(2, uuid(1), "503"), row(3, uuid(2), "none")])
    const { state: next } = acceptReviewDecisions(state, decisions, "2026-03-01T09:00:00.000Z", "review.csv")
    expect(linkPoolFiles(next)).toBe(next)
  })

  it("records nothing again when the same sheet is accepted twice", () => {
    const state = inReview()
    const { decisions } = checkReviewSheet(state, [row(2, uuid(1), "503", "n")])
    const once = acceptReviewDecisions(state, decisions, "2026-03-01T09:00:00.000Z", "review.csv").state
    const twice = acceptReviewDecisions(once, decisions, "2026-03-02T09:00:00.000Z", "review.csv")
    expect(twice.recorded).toBe(0)
    expect(twice.state).toBe(once)
  })
})
