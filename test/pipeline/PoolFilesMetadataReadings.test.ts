/**
 * Phase 2 records, in each pool file's ledger row, the metadata reading its evidence came
 * from, so a later run can answer from the ledger; a run that read nothing for a file keeps
 * its last reading, and recording the same reading again changes nothing.
 */
import { describe, expect, it } from "vitest"
import type { MetadataReading } from "../../src/domain/MetadataReading.ts"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import { diffStates } from "../../src/pipeline/StateDiff.ts"
import { client, phase2State, poolFile, poolKey } from "./PoolFilesFixtures.ts"

const clients = [client("502"), client("503")]
const readingOf = (n: number, values: Record<string, string>): MetadataReading => ({
  etag: poolFile(n).etag,
  lastModified: poolFile(n).lastModified,
  names: ["client-id", "original-key", "row-id"],
  values
})

const withReadings = (readings: ReadonlyArray<readonly [number, MetadataReading]>, ledger = phase2State({ clients }).ledger) => {
  const state = phase2State({
    clients,
    objects: [poolFile(1), poolFile(2)],
    ledger,
    metadata: readings.filter(([, reading]) => Object.keys(reading.values).length > 0).map(([n, reading]) => [poolKey(n), reading.values])
  })
  return { ...state, evidence: { ...state.evidence, metadataReadings: new Map(readings.map(([n, reading]) => [unsafeObjectKey(poolKey(n)), reading])) } }
}

describe("linkPoolFiles (phase 2): metadata readings", () => {
  it("records each pool file's reading, with or without values, beside the decision it led to", () => {
    const first = linkPoolFiles(withReadings([[1, readingOf(1, { "row-id": "502" })], [2, readingOf(2, {})]]))
    const rows = new Map(first.ledger.map((mapping) => [mapping.key, mapping]))
    expect(rows.get(poolKey(1))).toMatchObject({ status: "mapped", rowId: "502", metadata: readingOf(1, { "row-id": "502" }) })
    expect(rows.get(poolKey(2))).toMatchObject({ status: "unmapped", metadata: readingOf(2, {}) })
  })

  it("changes nothing when run again with the same readings, and keeps a reading when none was taken", () => {
    const readings = [[1, readingOf(1, { "row-id": "502" })], [2, readingOf(2, {})]] as const
    const first = linkPoolFiles(withReadings(readings))
    const again = withReadings(readings, first.ledger)
    expect(diffStates(again, linkPoolFiles(again)).ledger).toEqual([])
    const unread = { ...again, evidence: { ...again.evidence, metadataReadings: new Map() } }
    const kept = linkPoolFiles(unread)
    expect(kept.ledger.map((mapping) => mapping.metadata)).toEqual(first.ledger.map((mapping) => mapping.metadata))
  })

  it("replaces a reading taken again, and that is a ledger change", () => {
    const first = linkPoolFiles(withReadings([[1, readingOf(1, {})]]))
    const reread = withReadings([[1, readingOf(1, { "row-id": "503" })]], first.ledger)
    const changes = diffStates(reread, linkPoolFiles(reread)).ledger
    expect(changes).toHaveLength(1)
    expect(changes[0]?.after).toMatchObject({ rowId: "503", metadata: { values: { "row-id": "503" } } })
  })
})
