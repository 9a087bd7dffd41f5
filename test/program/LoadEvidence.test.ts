import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterEach, describe, expect, it } from "vitest"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import { type ObjectKey, unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { Disk } from "../../src/io/files/Disk.ts"
import { claimsAbout, loadPoolEvidence, readEvidenceFiles } from "../../src/program/LoadEvidence.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { tempDir } from "../support/Cli.ts"
import { countingMetadataStore } from "../support/CountingMetadataStore.ts"

const U = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"

const metadataStore = countingMetadataStore

// A pool of the given keys, each under a UUID of its own, and the listed objects.
const poolOf = (keys: ReadonlyArray<ObjectKey>) =>
  new Map(keys.map((key, i) => [`${String(i).padStart(8, "0")}-0000-4000-8000-000000000000` as FileUuid, key]))
const objectsOf = (pool: ReadonlyMap<FileUuid, ObjectKey>): ReadonlyMap<ObjectKey, StoredObject> =>
  new Map([...pool.values()].map((key) => [key, { key, size: 1, etag: `"${key}"`, lastModified: "2024-05-01T10:00:00.000Z" }]))
const evidenceOf = (settings: Parameters<typeof loadPoolEvidence>[0], files: Parameters<typeof loadPoolEvidence>[1], pool: ReadonlyMap<FileUuid, ObjectKey>) =>
  loadPoolEvidence(settings, files, pool, [...objectsOf(pool).values()], new Map())

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
})

describe("loadPoolEvidence", () => {
  it("reads the metadata of every pool object of an S3 store with bounded concurrency", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => unsafeObjectKey(`files/${i}.pdf`))
    const { layer, seen } = metadataStore({ "files/3.pdf": { "row-id": "502" }, "files/4.pdf": { colour: "red" } })
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "s3://test", concurrency: 3 })
    const evidence = await Effect.runPromise(
      evidenceOf(settings, { files: [], sources: ["records"] }, poolOf([...keys, unsafeObjectKey("files/gone.pdf")])).pipe(Effect.provide(layer))
    )
    expect(seen.calls).toBe(21)
    expect(seen.maxInFlight).toBeLessThanOrEqual(3)
    expect(seen.maxInFlight).toBeGreaterThan(1)
    expect([...evidence.metadata.keys()]).toEqual(["files/3.pdf"])
    expect(evidence.sources).toEqual(["records", "metadata"])
  })

  it("asks a local folder for no metadata, where metadata names nobody", async () => {
    const { layer, seen } = metadataStore({})
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///tmp/x" })
    const evidence = await Effect.runPromise(evidenceOf(settings, { files: [], sources: [] }, poolOf([unsafeObjectKey("files/a")])).pipe(Effect.provide(layer)))
    expect(seen.calls).toBe(0)
    expect(evidence.sources).toEqual(["metadata"])
    expect(evidence.metadata.size).toBe(0)
  })
})

describe("readEvidenceFiles", () => {
  it("reads every migration log and records file, and says which sources were read", async () => {
    const tmp = await tempDir()
    cleanup = tmp.cleanup
    await fs.writeFile(path.join(tmp.dir, "m.csv"), `old_key,new_key\n502/a.pdf,files/${U}.pdf\n`)
    await fs.writeFile(path.join(tmp.dir, "r.csv"), `uuid,row_id\n${U},502\n`)
    const settings = makeSettings({
      clientsFile: "c.csv",
      bucket: "file:///x",
      evidence: { migrationLogs: [path.join(tmp.dir, "m.csv")], records: [path.join(tmp.dir, "r.csv")] }
    })
    const files = await Effect.runPromise(readEvidenceFiles(settings).pipe(Effect.provide(Disk.layerNode)))
    expect(files.files.map((f) => f.source)).toEqual(["migration-log", "records"])
    expect(files.sources).toEqual(["migration-log", "records"])
    const claims = await Effect.runPromise(claimsAbout(settings, files, () => true))
    expect(claims.map((c) => c.source)).toEqual(["migration-log", "records"])
  })

  // 120,000 rows is over the number of claims kept from the first reading: read again.
  for (const count of [1000, 120_000]) it(`keeps only the claims about the pool, so memory follows the pool and not the files (${count} rows)`, async () => {
    const tmp = await tempDir()
    cleanup = tmp.cleanup
    const rows = Array.from({ length: count }, (_, i) => `${i === 500 ? U : `4f2a9c4e-1b7d-4c1e-9f00-${String(i).padStart(12, "0")}`},502`)
    await fs.writeFile(path.join(tmp.dir, "r.csv"), `uuid,row_id\n${rows.join("\n")}\n`)
    await fs.writeFile(path.join(tmp.dir, "m.csv"), `old_key,new_key\n503/a.pdf,files/${U}.pdf\n503/b.pdf,files/nothing.pdf\n`)
    const settings = makeSettings({
      clientsFile: "c.csv",
      bucket: "file:///x",
      evidence: { migrationLogs: [path.join(tmp.dir, "m.csv")], records: [path.join(tmp.dir, "r.csv")] }
    })
    const files = await Effect.runPromise(readEvidenceFiles(settings).pipe(Effect.provide(Disk.layerNode)))
    const layer = metadataStore({}).layer
    const pool = new Map([[U as FileUuid, unsafeObjectKey(`files/${U}.pdf`)]])
    const evidence = await Effect.runPromise(evidenceOf(settings, files, pool).pipe(Effect.provide(layer)))
    expect(evidence.claims.map((c) => [c.source, c.rowId, c.detail])).toEqual([
      ["migration-log", "503", "m.csv line 2"],
      ["records", "502", "r.csv line 502"]
    ])
  })

  it("refuses a bad row before anything is listed, even far into a file", async () => {
    const tmp = await tempDir()
    cleanup = tmp.cleanup
    const rows = Array.from({ length: 200_000 }, (_, i) => (i === 199_998 ? "not-a-uuid,502" : `${U},502`))
    await fs.writeFile(path.join(tmp.dir, "r.csv"), `uuid,row_id\n${rows.join("\n")}\n`)
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///x", evidence: { migrationLogs: [], records: [path.join(tmp.dir, "r.csv")] } })
    const error = await Effect.runPromise(Effect.flip(readEvidenceFiles(settings)).pipe(Effect.provide(Disk.layerNode)))
    expect(error).toMatchObject({ _tag: "EvidenceError", reason: "InvalidValue", line: 200_000, column: 1 })
  })

  it("fails with an EvidenceError naming a file that does not exist", async () => {
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///x", evidence: { migrationLogs: [], records: ["/nope/records.csv"] } })
    const error = await Effect.runPromise(Effect.flip(readEvidenceFiles(settings)).pipe(Effect.provide(Disk.layerNode)))
    expect(error).toMatchObject({ _tag: "EvidenceError", reason: "Unreadable", file: "/nope/records.csv", message: "File does not exist" })
  })
})
