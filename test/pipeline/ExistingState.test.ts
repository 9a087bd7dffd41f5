import { describe, expect, it } from "vitest"
import { reconcileExistingState } from "../../src/pipeline/ExistingState.ts"
import { client, mapped, object, stateOf, uuid } from "../support/StateBuilder.ts"

describe("reconcileExistingState", () => {
  it("a cell's claim on a UUID the ledger gives two rows (a ledger given as a value) is weighed against the row the book keeps", () => {
    const u = uuid(1)
    const next = reconcileExistingState(stateOf({
      clients: [{ ...client("502", [u]), tracked: true }, { ...client("503"), tracked: true }],
      objects: [object("502/a.pdf"), object("503/b.pdf")],
      ledger: [mapped(u, "502/a.pdf", "502"), mapped(u, "503/b.pdf", "503")]
    }))
    expect(next.ledger.map((row) => [row.key, row.status, row.rowId, row.evidence.map((item) => `${item.source}:${item.rowId}`)])).toEqual([
      ["503/b.pdf", "review", "503", ["client-folder:503", "tracking-cell:502"]]
    ])
  })

  it("finds the key of a tracked UUID the ledger does not know in the pool, with any extension", () => {
    const state = stateOf({ clients: [client("502", [uuid(7)])], objects: [object(`files/${uuid(7)}.pdf`)] })
    const next = reconcileExistingState(state)
    expect(next.ledger).toHaveLength(1)
    expect(next.ledger[0]).toMatchObject({ uuid: uuid(7), key: `files/${uuid(7)}.pdf`, rowId: "502", status: "mapped" })
    expect(next.ledger[0]!.evidence[0]!.source).toBe("tracking-cell")
  })

  it("keeps a tracked UUID that no object has as missing, never dropping it", () => {
    const next = reconcileExistingState(stateOf({ clients: [client("502", [uuid(7)])] }))
    expect(next.ledger[0]).toMatchObject({ uuid: uuid(7), key: null, rowId: "502", status: "missing" })
  })

  it("marks a ledger row missing when its object is gone and keeps its owner", () => {
    const next = reconcileExistingState(stateOf({ clients: [client("502", [uuid(1)])], ledger: [mapped(uuid(1), "502/gone.pdf", "502")] }))
    expect(next.ledger[0]).toMatchObject({ status: "missing", rowId: "502", key: "502/gone.pdf" })
  })

  it("brings a missing row back when its object reappears", () => {
    const gone = reconcileExistingState(stateOf({ clients: [client("502", [uuid(1)])], ledger: [mapped(uuid(1), "502/a.pdf", "502")] }))
    const back = reconcileExistingState({ ...gone, objects: new Map([[object("502/a.pdf").key, object("502/a.pdf")]]) })
    expect(back.ledger[0]).toMatchObject({ status: "mapped", rowId: "502", size: 9 })
  })

  it("sends a UUID claimed by two clients' cells to review, the first client in the CSV as candidate", () => {
    const next = reconcileExistingState(stateOf({ clients: [client("503", [uuid(7)]), client("502", [uuid(7)])], objects: [object(`files/${uuid(7)}`)] }))
    expect(next.ledger[0]).toMatchObject({ status: "review", rowId: "503" })
  })

  it("refreshes size, ETag and time from the listing", () => {
    const next = reconcileExistingState(stateOf({ clients: [client("502", [uuid(1)])], objects: [object("502/a.pdf", 42, "\"e\"")], ledger: [mapped(uuid(1), "502/a.pdf", "502")] }))
    expect(next.ledger[0]).toMatchObject({ size: 42, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" })
  })
})
