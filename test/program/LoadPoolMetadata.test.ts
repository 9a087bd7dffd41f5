/**
 * Reading the pool's metadata: HeadObject with bounded concurrency for objects the ledger
 * cannot answer for, the ledger's readings for the rest, nothing with metadata evidence off,
 * and a line on stderr before more than 10,000 requests.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { type ObjectKey, unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { headRequestNoticeAbove, loadPoolMetadata } from "../../src/program/LoadPoolMetadata.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { countingMetadataStore as metadataStore } from "../support/CountingMetadataStore.ts"

const object = (key: ObjectKey, etag = `"etag of ${key}"`): StoredObject => ({
  key,
  size: 1,
  etag,
  lastModified: "2024-05-01T10:00:00.000Z"
})
const names = ["client-id", "original-key", "row-id"]

describe("loadPoolMetadata", () => {
  it("reads the metadata of every pool object of an S3 store with bounded concurrency", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => unsafeObjectKey(`files/${i}.pdf`))
    const { layer, seen } = metadataStore({ "files/3.pdf": { "row-id": "502" }, "files/4.pdf": { colour: "red" } })
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "s3://test", concurrency: 3 })
    const evidence = await Effect.runPromise(
      loadPoolMetadata(settings, [...keys, unsafeObjectKey("files/gone.pdf")].map((key) => object(key)), new Map()).pipe(Effect.provide(layer))
    )
    expect(seen.calls).toBe(21)
    expect(seen.maxInFlight).toBeLessThanOrEqual(3)
    expect(seen.maxInFlight).toBeGreaterThan(1)
    expect([...evidence.metadata.keys()]).toEqual(["files/3.pdf"])
    // Every object read gets a reading (only the names looked for), the deleted one none.
    expect(evidence.readings.size).toBe(20)
    expect(evidence.readings.get(unsafeObjectKey("files/4.pdf"))).toEqual({
      etag: "\"etag of files/4.pdf\"",
      lastModified: "2024-05-01T10:00:00.000Z",
      names,
      values: {}
    })
  })

  it("answers from a ledger reading that still holds, and reads again what changed or was read for other names", async () => {
    const key = (name: string) => unsafeObjectKey(`files/${name}.pdf`)
    const reading = (name: string, values: Record<string, string>, readFor = names) => ({
      etag: `"etag of files/${name}.pdf"`,
      lastModified: "2024-05-01T10:00:00.000Z",
      names: readFor,
      values
    })
    const ledger = new Map([
      [key("same"), reading("same", { "row-id": "502" })],
      [key("rewritten"), { ...reading("rewritten", { "row-id": "502" }), etag: "\"older\"" }],
      [key("touched"), { ...reading("touched", { "row-id": "502" }), lastModified: "2024-04-01T10:00:00.000Z" }],
      [key("narrow"), reading("narrow", { "row-id": "502" }, ["row-id"])]
    ])
    const { layer, seen } = metadataStore({
      "files/rewritten.pdf": { "row-id": "503" },
      "files/touched.pdf": { "row-id": "504" },
      "files/narrow.pdf": { "row-id": "502", "client-id": "505" }
    })
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "s3://test" })
    const pool = ["same", "rewritten", "touched", "narrow", "new"].map((name) => object(key(name)))
    const evidence = await Effect.runPromise(loadPoolMetadata(settings, pool, ledger).pipe(Effect.provide(layer)))
    expect(seen.calls).toBe(4)
    expect(Object.fromEntries(evidence.metadata)).toEqual({
      "files/same.pdf": { "row-id": "502" },
      "files/rewritten.pdf": { "row-id": "503" },
      "files/touched.pdf": { "row-id": "504" },
      "files/narrow.pdf": { "row-id": "502", "client-id": "505" }
    })
    expect(evidence.readings.get(key("same"))).toBe(ledger.get(key("same")))
    expect(evidence.readings.get(key("narrow"))?.names).toEqual(names)
    expect(evidence.readings.get(key("new"))?.values).toEqual({})
  })

  it("answers the names a reading covers from it, leaving out the values of names not asked for", async () => {
    const { layer, seen } = metadataStore({})
    const settings = makeSettings({
      clientsFile: "c.csv",
      bucket: "s3://test",
      evidence: { migrationLogs: [], records: [], metadataNames: { rowId: "row-id", clientId: "row-id", originalKey: "row-id" } }
    })
    const pool = [object(unsafeObjectKey("files/a.pdf"))]
    const ledger = new Map([[pool[0]!.key, { etag: pool[0]!.etag, lastModified: pool[0]!.lastModified, names, values: { "row-id": "1", "client-id": "2" } }]])
    const evidence = await Effect.runPromise(loadPoolMetadata(settings, pool, ledger).pipe(Effect.provide(layer)))
    expect(seen.calls).toBe(0)
    expect(evidence.metadata.get(pool[0]!.key)).toEqual({ "row-id": "1" })
  })

  it("sends no request with metadata evidence off, or for a local folder", async () => {
    for (const settings of [
      makeSettings({ clientsFile: "c.csv", bucket: "file:///tmp/x" }),
      makeSettings({ clientsFile: "c.csv", bucket: "s3://test", evidence: { migrationLogs: [], records: [], metadataEvidence: false } })
    ]) {
      const { layer, seen } = metadataStore({ "files/a": { "row-id": "502" } })
      const evidence = await Effect.runPromise(
        loadPoolMetadata(settings, [object(unsafeObjectKey("files/a"))], new Map()).pipe(Effect.provide(layer))
      )
      expect(seen.calls).toBe(0)
      expect(evidence.metadata.size).toBe(0)
      expect(evidence.readings.size).toBe(0)
    }
  })

  it("says on stderr, before sending them, that more than 10,000 HeadObject requests are coming", async () => {
    const lines: Array<string> = []
    const settings = makeSettings({ clientsFile: "c.csv", bucket: "s3://test", concurrency: 64 })
    const pool = (count: number) => Array.from({ length: count }, (_, i) => object(unsafeObjectKey(`files/${i}`)))
    for (const count of [headRequestNoticeAbove, headRequestNoticeAbove + 1]) {
      const { layer, seen } = metadataStore({})
      const capture = { ...globalThis.console, error: (...args: ReadonlyArray<unknown>) => lines.push(`${args.join(" ")} (after ${seen.calls} requests)`) }
      await Effect.runPromise(
        loadPoolMetadata(settings, pool(count), new Map()).pipe(
          Effect.provide(layer),
          Effect.provideService(Console.Console, capture)
        )
      )
      expect(seen.calls).toBe(count)
    }
    expect(lines).toEqual([
      "uuidmap: reading the metadata of 10,001 pool objects: 10,001 HeadObject requests; --metadata-evidence off avoids them (after 0 requests)"
    ])
  })
})

