import { describe, expect, it } from "vitest"
import { noOwnerRowId } from "../../src/domain/Evidence.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import {
  client,
  humanSays,
  migrationByKey,
  phase2State,
  poolFile,
  poolKey,
  poolMapping,
  record,
  rowOf,
  uuid
} from "./PoolFilesFixtures.ts"

const clients = [client("502"), client("503"), client("504")]

describe("linkPoolFiles (phase 2): what earlier runs and people decided", () => {
  it("never overrides a person's decision with machine evidence", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1)],
      ledger: [poolMapping(1, "mapped", "503", [humanSays("503")])],
      claims: [record(uuid(1), "502"), migrationByKey("502/a.pdf", poolKey(1))]
    }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "503", confidence: 1 })
    expect(next.clients.find((c) => c.rowId === "503")!.uuids).toEqual([uuid(1)])
  })

  it("keeps a person's decision that no client owns a file, whatever the evidence says", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1)],
      ledger: [poolMapping(1, "unmapped", null, [humanSays(noOwnerRowId)])],
      claims: [record(uuid(1), "502")]
    }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "unmapped", rowId: null })
    expect(rowOf(next, poolKey(1)).why).toContain("a person decided no client owns it")
    expect(next.clients.every((c) => c.uuids.length === 0)).toBe(true)
  })

  it("follows a person's latest decision", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1)],
      ledger: [poolMapping(1, "mapped", "502", [humanSays("502", "2026-01-01T00:00:00.000Z"), humanSays("504", "2026-02-01T00:00:00.000Z")])]
    }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "504" })
  })

  it("sends a mapped file to review, not to another owner, when new evidence names another client", () => {
    const first = runPhases(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "502")] }), "all").state
    expect(rowOf(first, poolKey(1))).toMatchObject({ status: "mapped", rowId: "502" })
    const later = linkPoolFiles({ ...first, evidence: { ...first.evidence, claims: [record(uuid(1), "503")] } })
    const row = rowOf(later, poolKey(1))
    expect(row).toMatchObject({ status: "review", rowId: "502" })
    expect(row.why).toContain("client 503")
    // The tracking cell of 502 is left alone until a person decides.
    expect(later.clients.map((c) => [c.rowId, c.uuids])).toEqual([["502", [uuid(1)]], ["503", []], ["504", []]])
    expect(linkPoolFiles(later)).toBe(later)
  })

  it("keeps the owner of a tracked file when its evidence is no longer given", () => {
    const first = runPhases(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "502")] }), "all").state
    const later = linkPoolFiles({ ...first, evidence: { ...first.evidence, claims: [] } })
    expect(rowOf(later, poolKey(1))).toMatchObject({ status: "mapped", rowId: "502" })
    expect(later.clients.find((c) => c.rowId === "502")!.uuids).toEqual([uuid(1)])
  })

  it("keeps the evidence of a source this run did not read, and replaces that of a source it read", () => {
    const first = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "502")] }))
    const withoutRecords = linkPoolFiles({ ...first, evidence: { ...first.evidence, claims: [], sources: [] } })
    expect(rowOf(withoutRecords, poolKey(1)).evidence).toEqual(rowOf(first, poolKey(1)).evidence)
    const rereadRecords = linkPoolFiles({ ...first, evidence: { ...first.evidence, claims: [record(uuid(1), "502", 9)], sources: ["records"] } })
    expect(rowOf(rereadRecords, poolKey(1)).evidence.map((e) => e.detail)).toEqual(["records.csv line 9"])
  })

  it("maps a pool file already in a client's tracking cell to that client, with agreeing evidence", () => {
    const next = linkPoolFiles(phase2State({ clients: [client("502", [uuid(1)]), client("503")], objects: [poolFile(1)], claims: [record(uuid(1), "502")] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "502" })
  })

  it("sends a tracked pool file to review when evidence names another client", () => {
    const next = linkPoolFiles(phase2State({ clients: [client("502", [uuid(1)]), client("503")], objects: [poolFile(1)], claims: [record(uuid(1), "503")] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "review", rowId: unsafeRowId("502") })
    expect(linkPoolFiles(next)).toBe(next)
  })
})
