import { describe, expect, it } from "vitest"
import { trackAllClients } from "../../src/pipeline/AllClients.ts"
import { assignClientFolderUuids } from "../../src/pipeline/ClientFolders.ts"
import { client, object, stateOf } from "../support/StateBuilder.ts"

describe("trackAllClients (phase 3)", () => {
  it("tracks every client, with an empty list for clients without files", () => {
    const next = trackAllClients(assignClientFolderUuids(stateOf({ clients: [client("502"), client("503")], objects: [object("502/a.pdf")] })))
    expect(next.clients.map((c) => [c.rowId, c.tracked, c.uuids.length])).toEqual([["502", true, 1], ["503", true, 0]])
  })

  it("changes nothing when run on its own output", () => {
    const once = trackAllClients(stateOf({ clients: [client("502"), client("503")] }))
    expect(trackAllClients(once)).toBe(once)
  })
})
