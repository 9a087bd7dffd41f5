import { describe, expect, it } from "vitest"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import {
  client,
  md5,
  migrationByKey,
  migrationByUuid,
  multipart,
  phase2State,
  poolFile,
  poolKey,
  poolMapping,
  record,
  rowOf,
  stored,
  uuid
} from "./PoolFilesFixtures.ts"

const clients = [client("502"), client("503"), client("504")]

describe("linkPoolFiles (phase 2): sources", () => {
  it("maps a file moved out of a client folder to that client, by the migration log's new key", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1)],
      claims: [migrationByKey("503/Ann_Lee/contract.docx", poolKey(1), 7)]
    }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "503", confidence: 0.95 })
    expect(rowOf(next, poolKey(1)).why).toContain("moves.csv line 7")
    expect(next.clients.find((c) => c.rowId === "503")!.uuids).toEqual([uuid(1)])
  })

  it("maps by a migration log row that names the UUID instead of the new key", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [migrationByUuid("504/x/a.pdf", uuid(1))] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "504" })
  })

  it("finds the pool file of a new key written with another prefix or extension by its UUID", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [migrationByKey("502/a.pdf", `archive/${uuid(1)}`)] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "502" })
  })

  it("takes no owner from an old key outside every client folder", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [migrationByKey("misc.d/a.pdf", poolKey(1))] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "unmapped", rowId: null, evidence: [] })
  })

  it("maps by exported records", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "504")] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "504", confidence: 0.9 })
  })

  it("maps by object metadata: row-id, client-id, or an original key in a client folder", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1), poolFile(2), poolFile(3)],
      metadata: [
        [poolKey(1), { "row-id": "502" }],
        [poolKey(2), { "client-id": "503" }],
        [poolKey(3), { "original-key": "504/Mei_Chen/scan.jpg" }]
      ]
    }))
    expect([1, 2, 3].map((n) => [rowOf(next, poolKey(n)).status, rowOf(next, poolKey(n)).rowId])).toEqual([
      ["mapped", "502"],
      ["mapped", "503"],
      ["mapped", "504"]
    ])
    expect(rowOf(next, poolKey(3)).why).toContain("original-key")
  })

  it("sends a file whose metadata names two clients to review", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], metadata: [[poolKey(1), { "row-id": "502", "client-id": "503" }]] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "review", rowId: "502" })
  })

  it("maps an identical copy (same size and single-part ETag) of exactly one client's file", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [stored("503/Ann/resume.pdf", 500, md5(1)), poolFile(1, 500, md5(1))]
    }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "mapped", rowId: "503", confidence: 0.8 })
    expect(rowOf(next, poolKey(1)).evidence[0]!.detail).toContain("503/Ann/resume.pdf")
  })

  it("sends content found in the folders of two clients to review with both candidates", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [stored("504/x/terms.pdf", 42, md5(1)), stored("503/y/terms.pdf", 42, md5(1)), poolFile(1, 42, md5(1))]
    }))
    const row = rowOf(next, poolKey(1))
    expect(row).toMatchObject({ status: "review", rowId: "503" })
    expect(new Set(row.evidence.map((e) => e.rowId))).toEqual(new Set(["503", "504"]))
  })

  it("never takes a multipart ETag as content identity: at most a weak signal, so review", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [stored("502/a/video.mp4", 9_000_000, multipart(1)), poolFile(1, 9_000_000, multipart(1), ".bin")]
    }))
    const row = rowOf(next, poolKey(1, ".bin"))
    expect(row.status).toBe("review")
    expect(row.evidence.map((e) => e.source)).toEqual(["weak"])
    expect(row.evidence[0]!.detail).toContain("multipart")
  })

  it("never takes empty files as identical content", () => {
    const empty = md5(0xd41d8cd9)
    const next = linkPoolFiles(phase2State({ clients, objects: [stored("502/a/empty.txt", 0, empty), poolFile(1, 0, empty, ".txt")] }))
    expect(rowOf(next, poolKey(1, ".txt")).status).toBe("unmapped")
  })

  it("puts a file with only weak signals (size, type, time) in review, never mapped", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [stored("502/a/scan.jpg", 777, md5(1), "2024-05-01T10:00:00.000Z"), poolFile(1, 777, md5(2), ".jpg", "2024-05-01T11:00:00.000Z")]
    }))
    expect(rowOf(next, poolKey(1, ".jpg"))).toMatchObject({ status: "review", rowId: "502", confidence: 0.3 })
  })

  it("finds no weak signal outside the time window or with another type", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [
        stored("502/a/scan.jpg", 777, md5(1), "2024-01-01T00:00:00.000Z"),
        poolFile(1, 777, md5(2), ".jpg", "2024-05-01T11:00:00.000Z"),
        poolFile(2, 777, md5(3), ".png", "2024-01-01T00:00:00.000Z")
      ]
    }))
    expect(rowOf(next, poolKey(1, ".jpg")).status).toBe("unmapped")
    expect(rowOf(next, poolKey(2, ".png")).status).toBe("unmapped")
  })

  it("drops a weak signal that more than three clients share", () => {
    const many = ["502", "503", "504", "505"]
    const next = linkPoolFiles(phase2State({
      clients: many.map((id) => client(id)),
      objects: [...many.map((id) => stored(`${id}/a/scan.jpg`, 777, md5(Number(id)))), poolFile(1, 777, md5(2), ".jpg")]
    }))
    expect(rowOf(next, poolKey(1, ".jpg")).status).toBe("unmapped")
  })
})

describe("linkPoolFiles (phase 2): bands", () => {
  it("gives every UUID-named pool object a ledger row: unmapped with no evidence", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1), poolFile(2, 5, md5(5), "")] }))
    expect(next.ledger.map((m) => [m.key, m.status, m.why])).toEqual([
      [poolKey(1), "unmapped", "no evidence names an owner"],
      [poolKey(2, ""), "unmapped", "no evidence names an owner"]
    ])
  })

  it("sends disagreeing sources to review, the most trusted one's client as best candidate", () => {
    const next = linkPoolFiles(phase2State({
      clients,
      objects: [poolFile(1)],
      claims: [record(uuid(1), "502"), migrationByKey("504/x/a.pdf", poolKey(1))]
    }))
    const row = rowOf(next, poolKey(1))
    expect(row).toMatchObject({ status: "review", rowId: "504" })
    expect(row.why).toBe("conflicting evidence: client 504 (migration log) vs client 502 (database records)")
    expect(next.clients.every((c) => c.uuids.length === 0)).toBe(true)
  })

  it("never maps a row id missing from the CSV: sends the file to review with it as candidate, and reports it", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "9000", 5)] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "review", rowId: "9000" })
    expect(next.findings).toEqual([
      { kind: "unknown-row-id", subject: "records.csv line 5", detail: `records names row id "9000", which is not in the CSV, as the owner of ${poolKey(1)}` }
    ])
  })

  it("reports an old key in the folder of a client missing from the CSV", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [migrationByKey("777/x/a.pdf", poolKey(1), 3)] }))
    expect(rowOf(next, poolKey(1)).status).toBe("review")
    expect(next.findings.map((f) => [f.kind, f.subject])).toEqual([["unknown-row-id", "moves.csv line 3: 777/x/a.pdf"]])
  })

  it("takes a row id missing from the CSV beside a known client as a contradiction: review", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], claims: [record(uuid(1), "9000"), migrationByKey("502/a.pdf", poolKey(1))] }))
    expect(rowOf(next, poolKey(1))).toMatchObject({ status: "review", rowId: "502" })
  })

  it("leaves evidence about objects outside the pool alone", () => {
    const next = linkPoolFiles(phase2State({ clients, objects: [stored("502/a.pdf", 1, md5(1))], claims: [record(uuid(99), "502")] }))
    expect(next.ledger).toEqual([])
  })

  it("changes nothing when run on its own output", () => {
    const once = linkPoolFiles(phase2State({
      clients,
      objects: [stored("503/a.pdf", 500, md5(1)), poolFile(1, 500, md5(1)), poolFile(2), poolFile(3)],
      claims: [record(uuid(2), "502"), record(uuid(3), "9000"), migrationByKey("504/b.pdf", poolKey(3))]
    }))
    expect(linkPoolFiles(once)).toBe(once)
  })
})

describe("linkPoolFiles (phase 2): a ledger that already gives a pool file another identity", () => {
  const atKey = (n: number, key: string) => ({ ...poolMapping(n, "unmapped", null, []), key: unsafeObjectKey(key) })
  const duplicateFindings = (state: ReturnType<typeof linkPoolFiles>) =>
    state.findings.filter((finding) => finding.kind === "duplicate-uuid").map((finding) => [finding.subject, finding.detail])

  it("leaves the file alone when the row at its key has another UUID, and says which", () => {
    const ledger = [atKey(2, poolKey(1))]
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], ledger }))
    expect(duplicateFindings(next)).toEqual([[poolKey(1), `the ledger already gives this file UUID ${uuid(2)}; left as it is`]])
    expect(next.ledger.filter((row) => row.uuid === uuid(1))).toEqual([])
  })

  it("leaves the file alone when its UUID's row is at another key, and says which", () => {
    const ledger = [atKey(1, "zz/elsewhere.pdf")]
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], ledger }))
    expect(duplicateFindings(next)).toEqual([[poolKey(1), "the ledger already gives this file key zz/elsewhere.pdf; left as it is"]])
  })

  it("also when the UUID is on two rows, one of them at the file's key", () => {
    // A ledger given to the phase as a value (a file with a UUID on two rows is refused on reading).
    const ledger = [atKey(1, poolKey(1)), atKey(1, "zz/elsewhere.pdf")]
    const next = linkPoolFiles(phase2State({ clients, objects: [poolFile(1)], ledger }))
    expect(duplicateFindings(next)).toEqual([[poolKey(1), "the ledger already gives this file key zz/elsewhere.pdf; left as it is"]])
  })
})
