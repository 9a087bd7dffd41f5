/**
 * The phases index their inputs afresh on every call (one `RunIndex` per run), so a caller
 * who changes a Map or an array they passed earlier and runs again sees the change. Issue 10:
 * phase 2 run again after a pool object was added to the same Map gave the stale ledger.
 */
import { describe, expect, it } from "vitest"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { ObjectKey } from "../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { makeState } from "../../src/domain/State.ts"
import { assignClientFolderUuids, keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { computeMetrics } from "../../src/pipeline/Metrics.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import { client, object, uuid } from "../support/StateBuilder.ts"

const pooled = (n: number): StoredObject => object(`files/${uuid(n)}.pdf`)

describe("phases on inputs changed between calls", () => {
  it("phase 2 run again after a pool object is added to the same Map gives 2 rows, not the stale 1", () => {
    const objects = new Map<ObjectKey, StoredObject>([[pooled(1).key, pooled(1)]])
    const state = makeState({ clients: [client("502")], objects })
    expect(linkPoolFiles(state).ledger.map((row) => row.uuid)).toEqual([uuid(1)])
    objects.set(pooled(2).key, pooled(2))
    expect(linkPoolFiles(state).ledger.map((row) => row.uuid)).toEqual([uuid(1), uuid(2)])
  })

  it("phase 1 and the count of UUIDs to draw see a client-folder file added to the same Map", () => {
    const objects = new Map<ObjectKey, StoredObject>([[object("502/a.pdf").key, object("502/a.pdf")]])
    const fresh = [uuid(11), uuid(12)] as ReadonlyArray<FileUuid>
    const state = makeState({ clients: [client("502")], objects, freshUuids: fresh })
    expect(keysNeedingUuids(state)).toEqual(["502/a.pdf"])
    expect(assignClientFolderUuids(state).ledger).toHaveLength(1)
    objects.set(object("502/b.pdf").key, object("502/b.pdf"))
    expect(keysNeedingUuids(state)).toEqual(["502/a.pdf", "502/b.pdf"])
    expect(assignClientFolderUuids(state).ledger.map((row) => row.key)).toEqual(["502/a.pdf", "502/b.pdf"])
  })

  it("a client row added to the same array gets its folder's files, and the metrics count them", () => {
    const objects = new Map<ObjectKey, StoredObject>([[object("503/a.pdf").key, object("503/a.pdf")]])
    const clients = [client("502")]
    const state = makeState({ clients, objects, freshUuids: [uuid(21)] })
    expect(runPhases(state, "all").state.ledger).toEqual([])
    expect(computeMetrics(state).clientFolderFiles).toBe(0)
    clients.push(client("503"))
    expect(runPhases(state, "all").state.ledger.map((row) => [row.key, row.rowId])).toEqual([["503/a.pdf", "503"]])
    expect(computeMetrics(state).clientFolderFiles).toBe(1)
  })

  it("a ledger array changed in place is read as it is now", () => {
    const objects = new Map<ObjectKey, StoredObject>([[pooled(1).key, pooled(1)], [pooled(2).key, pooled(2)]])
    const state = makeState({ clients: [client("502")], objects })
    const ledger = [...linkPoolFiles(state).ledger]
    const withLedger = { ...state, ledger }
    expect(linkPoolFiles(withLedger).ledger).toHaveLength(2)
    ledger.pop()
    expect(linkPoolFiles(withLedger).ledger.map((row) => row.uuid)).toEqual([uuid(1), uuid(2)])
  })
})
