import { describe, expect, it } from "vitest"
import { assignClientFolderUuids, keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import type { State } from "../../src/domain/State.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { client, mapped, object, stateOf, uuid } from "../support/StateBuilder.ts"

describe("assignClientFolderUuids (phase 1)", () => {
  it("gives every new client-folder file a UUID and maps it to the folder's client", () => {
    const state = stateOf({ clients: [client("502"), client("503")], objects: [object("502/a.pdf"), object("503/b.pdf")] })
    const next = assignClientFolderUuids(state)
    expect(next.ledger.map((m) => [m.key, m.rowId, m.status])).toEqual([
      ["502/a.pdf", "502", "mapped"],
      ["503/b.pdf", "503", "mapped"]
    ])
    expect(next.clients.map((c) => [c.rowId, c.tracked, c.uuids.length])).toEqual([["502", true, 1], ["503", true, 1]])
    expect(next.freshUuids).toEqual([])
  })

  it("assigns fresh UUIDs in key order whatever the listing order", () => {
    const keys = ["502/c.pdf", "502/a.pdf", "502/b.pdf"]
    const forward = assignClientFolderUuids(stateOf({ clients: [client("502")], objects: keys.map((k) => object(k)) }))
    const backward = assignClientFolderUuids(stateOf({ clients: [client("502")], objects: [...keys].reverse().map((k) => object(k)) }))
    expect(forward.ledger).toEqual(backward.ledger)
    expect(forward.ledger.find((m) => m.key === "502/a.pdf")!.uuid).toBe(uuid(1000))
  })

  it("keeps the UUID the ledger already has for a key", () => {
    const state = stateOf({ clients: [client("502", [uuid(1)])], objects: [object("502/a.pdf")], ledger: [mapped(uuid(1), "502/a.pdf", "502")] })
    expect(keysNeedingUuids(state)).toEqual([])
    const next = assignClientFolderUuids(state)
    expect(next.ledger.map((m) => m.uuid)).toEqual([uuid(1)])
  })

  it("maps nothing in the folder of a client that is not in the CSV", () => {
    const next = assignClientFolderUuids(stateOf({ clients: [client("502")], objects: [object("999/a.pdf")] }))
    expect(next.ledger).toEqual([])
  })

  it("sends a file to review when its folder and another client's tracking cell disagree", () => {
    const state = stateOf({
      clients: [client("502"), client("503", [uuid(1)])],
      objects: [object("502/a.pdf")],
      ledger: [{ ...mapped(uuid(1), "502/a.pdf", "503"), evidence: [] }]
    })
    const next = assignClientFolderUuids(state)
    const entry = next.ledger[0]!
    expect(entry.status).toBe("review")
    expect(entry.rowId).toBe("502")
    // The cells are left alone until a person decides: 503 keeps the UUID, 502 does not get it.
    expect(next.clients.map((c) => [c.rowId, c.uuids])).toEqual([["502", []], ["503", [uuid(1)]]])
    expect(assignClientFolderUuids(next)).toBe(next)
  })

  it("changes nothing when run on its own output", () => {
    const once = assignClientFolderUuids(stateOf({ clients: [client("502"), client("503")], objects: [object("502/a.pdf"), object("503/b.pdf"), object("files/x.pdf")] }))
    expect(assignClientFolderUuids(once)).toBe(once)
  })

  describe("fresh UUIDs the state already uses are passed over", () => {
    const rows = (state: State) => runPhases(state, "all").state.ledger.map((m) => [m.uuid, m.key, m.status, m.rowId])

    it("a UUID given twice goes to one file only", () => {
      const state = stateOf({ clients: [client("502"), client("503")], objects: [object("502/a.pdf"), object("503/b.pdf")] })
      expect(rows({ ...state, freshUuids: [uuid(1), uuid(1), uuid(2)] })).toEqual([
        [uuid(1), "502/a.pdf", "mapped", "502"],
        [uuid(2), "503/b.pdf", "mapped", "503"]
      ])
    })

    it("a ledger row's UUID does not move that row to the new file", () => {
      const state = stateOf({
        clients: [client("502", [uuid(7)]), client("503")],
        objects: [object("502/old.pdf"), object("503/b.pdf")],
        ledger: [mapped(uuid(7), "502/old.pdf", "502")]
      })
      expect(rows({ ...state, freshUuids: [uuid(7), uuid(2)] })).toEqual([
        [uuid(7), "502/old.pdf", "mapped", "502"],
        [uuid(2), "503/b.pdf", "mapped", "503"]
      ])
    })

    it("a UUID in a tracking cell is not given to a file of another client", () => {
      const state = stateOf({ clients: [client("502", [uuid(8)]), client("503")], objects: [object("503/b.pdf")] })
      const after = runPhases({ ...state, freshUuids: [uuid(8), uuid(2)] }, "all").state
      expect(after.ledger.find((m) => m.key === "503/b.pdf")?.uuid).toBe(uuid(2))
    })

    it("a pool file's UUID is not given to a client-folder file", () => {
      const pool = `files/${uuid(9)}.pdf`
      const state = stateOf({ clients: [client("502"), client("503")], objects: [object("503/b.pdf"), object(pool)] })
      const after = runPhases({ ...state, freshUuids: [uuid(9), uuid(2)] }, "all").state
      expect(after.ledger.map((m) => [m.uuid, m.key])).toEqual([[uuid(2), "503/b.pdf"], [uuid(9), pool]])
      expect(after.findings.filter((f) => f.kind === "duplicate-uuid")).toEqual([])
    })

    it("fails as a defect, saying why, when only used UUIDs are left", () => {
      const state = stateOf({ clients: [client("502", [uuid(8)])], objects: [object("502/a.pdf")] })
      expect(() => assignClientFolderUuids({ ...state, freshUuids: [uuid(8)] })).toThrow(/already held by a ledger row, a tracking cell or a pool file/)
    })
  })
})
