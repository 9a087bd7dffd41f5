import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { afterEach, describe, expect, it } from "vitest"
import { type ObjectKey, unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { StoreError } from "../../src/domain/StoreError.ts"
import { ObjectStore } from "../../src/io/store/ObjectStore.ts"
import { loadPoolEvidence, readEvidenceFiles } from "../../src/program/LoadEvidence.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { tempDir } from "../support/Cli.ts"

const U = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"

// A store whose metadata answers after a tick and records how many requests overlap.
const metadataStore = (metadata: Record<string, Record<string, string>>) => {
  const seen = { calls: 0, inFlight: 0, maxInFlight: 0 }
  const layer = Layer.succeed(ObjectStore, {
    location: "s3://test",
    list: () => Stream.empty,
    requests: Effect.sync(() => ({ list: 0, head: seen.calls })),
    metadata: (key: ObjectKey) =>
      Effect.gen(function*() {
        seen.calls++
        seen.inFlight++
        seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight)
        yield* Effect.sleep("5 millis")
        seen.inFlight--
        if (key.includes("gone")) return yield* new StoreError({ reason: "NoSuchKey", store: "s3://test", message: "gone" })
        return metadata[key] ?? {}
      })
  })
  return { layer, seen }
}

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
      loadPoolEvidence(settings, { claims: [], sources: ["records"] }, [...keys, unsafeObjectKey("files/gone.pdf")]).pipe(Effect.provide(layer))
    )
    expect(seen.calls).toBe(21)
    expect(seen.maxInFlight).toBeLessThanOrEqual(3)
    expect(seen.maxInFlight).toBeGreaterThan(1)
    expect([...evidence.metadata.keys()]).toEqual(["files/3.pdf"])
    expect(evidence.sources).toEqual(["records", "metadata"])
  })

  it("asks a local folder for no metadata, and does not count metadata as read", async () => {
    const { layer, seen } = metadataStore({})
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///tmp/x" })
    const evidence = await Effect.runPromise(loadPoolEvidence(settings, { claims: [], sources: [] }, [unsafeObjectKey("files/a")]).pipe(Effect.provide(layer)))
    expect(seen.calls).toBe(0)
    expect(evidence.sources).toEqual([])
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
    const files = await Effect.runPromise(readEvidenceFiles(settings))
    expect(files.claims.map((c) => c.source)).toEqual(["migration-log", "records"])
    expect(files.sources).toEqual(["migration-log", "records"])
  })

  it("fails with an EvidenceError naming a file that does not exist", async () => {
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///x", evidence: { migrationLogs: [], records: ["/nope/records.csv"] } })
    const error = await Effect.runPromise(Effect.flip(readEvidenceFiles(settings)))
    expect(error).toMatchObject({ _tag: "EvidenceError", reason: "Unreadable", file: "/nope/records.csv", message: "File does not exist" })
  })
})
