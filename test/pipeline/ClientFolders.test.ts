import { describe, expect, it } from "vitest"
import { assignClientFolderUuids, keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
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
})
