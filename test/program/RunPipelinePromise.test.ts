/**
 * `runPipelinePromise`: the pipeline for callers who do not use Effect. It must give what the
 * Effect entry gives, take any iterable of plain objects, and refuse bad plain input with a
 * `PipelineInputError` naming the value, before any object is read.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import {
  type ClientRowInput,
  type PipelineRequest,
  runPipeline,
  runPipelinePromise,
  type StoredObjectInput,
  unsafeObjectKey,
  unsafeRowId,
  UuidGenerator
} from "../../src/mod.ts"

const object = (key: string, size = 10): StoredObjectInput => ({
  key,
  size,
  etag: `"${size.toString(16).padStart(32, "0")}"`,
  lastModified: "2024-05-01T12:00:00.000Z"
})

const clients: ReadonlyArray<ClientRowInput> = [
  { rowId: "502", tracked: false, uuids: [] },
  { rowId: "503", tracked: false, uuids: [] }
]
const objects = [object("503/b.pdf"), object("502/a.pdf", 20), object("misc/x.txt")]

async function* slowly<A>(items: ReadonlyArray<A>): AsyncGenerator<A> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve))
    yield item
  }
}

const rejection = (request: unknown) => runPipelinePromise(request as PipelineRequest).then(() => undefined, (error: unknown) => error)

describe("runPipelinePromise", () => {
  it("gives the state and changes the Effect entry gives for the same input", async () => {
    const viaPromise = await runPipelinePromise({ clients, objects, uuids: { testSeed: 7 } })
    const viaEffect = await Effect.runPromise(
      runPipeline({
        clients: clients.map((c) => ({ rowId: unsafeRowId(c.rowId), tracked: c.tracked, uuids: [] })),
        objects: Stream.fromIterable(objects.map((o) => ({ ...o, key: unsafeObjectKey(o.key) })))
      }).pipe(Effect.provide(UuidGenerator.layerTest(7)))
    )
    expect(viaPromise.state).toEqual(viaEffect.state)
    expect(viaPromise.changes).toEqual(viaEffect.changes)
    expect(viaPromise.ran).toEqual(["1", "2", "3"])
  })

  it("returns the change list: each new ledger row and each tracking cell that changes", async () => {
    const result = await runPipelinePromise({ clients, objects, uuids: { testSeed: 1 } })
    expect(result.changes.ledger.map((change) => [change.before, change.after?.key, change.after?.rowId])).toEqual([
      [null, "502/a.pdf", "502"],
      [null, "503/b.pdf", "503"]
    ])
    expect(result.changes.cells.map((cell) => [cell.rowId, cell.before.tracked, cell.after.tracked, cell.after.uuids.length])).toEqual([
      ["502", false, true, 1],
      ["503", false, true, 1]
    ])
    expect(result.before.ledger).toEqual([])
    expect(result.state.findings.map((finding) => finding.subject)).toEqual(["misc/x.txt"])
  })

  it("reads an async iterable and a generator as it reads an array", async () => {
    const fromArray = await runPipelinePromise({ clients, objects, uuids: { testSeed: 2 } })
    const fromAsync = await runPipelinePromise({ clients, objects: slowly(objects), uuids: { testSeed: 2 } })
    const fromGenerator = await runPipelinePromise({ clients, objects: new Set(objects).values(), uuids: { testSeed: 2 } })
    expect(fromAsync.state).toEqual(fromArray.state)
    expect(fromGenerator.state).toEqual(fromArray.state)
    expect(fromArray.state.ledger).toHaveLength(2)
  })

  it("changes nothing when run again on its own result, with the ledger passed through JSON", async () => {
    const first = await runPipelinePromise({ clients, objects })
    const stored = JSON.parse(JSON.stringify({ clients: first.state.clients, ledger: first.state.ledger }))
    const again = await runPipelinePromise({ clients: stored.clients, ledger: stored.ledger, objects })
    expect(again.changes).toEqual({ cells: [], ledger: [] })
    expect(again.state.ledger).toEqual(first.state.ledger)
  })

  it("draws version-7 UUIDs when asked, random version-4 ones by default, and repeatable ones for tests", async () => {
    const v7 = await runPipelinePromise({ clients, objects, uuids: "v7" })
    const v4 = await runPipelinePromise({ clients, objects })
    const seededA = await runPipelinePromise({ clients, objects, uuids: { testSeed: 3 } })
    const seededB = await runPipelinePromise({ clients, objects, uuids: { testSeed: 3 } })
    expect(v7.state.ledger.map((m) => m.uuid[14])).toEqual(["7", "7"])
    expect(v4.state.ledger.map((m) => m.uuid[14])).toEqual(["4", "4"])
    expect(seededA.state.ledger).toEqual(seededB.state.ledger)
  })

  it("runs only the phase asked for", async () => {
    const withoutFiles = [...clients, { rowId: "504", tracked: false, uuids: [] }]
    const phase1 = await runPipelinePromise({ clients: withoutFiles, objects, phase: "1" })
    const all = await runPipelinePromise({ clients: withoutFiles, objects })
    expect(phase1.ran).toEqual(["1"])
    // Phase 3 is what starts tracking a client with no files.
    expect(phase1.state.clients.map((c) => c.tracked)).toEqual([true, true, false])
    expect(all.state.clients.map((c) => c.tracked)).toEqual([true, true, true])
  })

  it.each([
    [{ clients: [{ rowId: "", tracked: false, uuids: [] }], objects: [] }, "clients[0].rowId", "Invalid value \"\" at clients[0].rowId"],
    [{ clients: [{ rowId: "5", tracked: false }], objects: [] }, "clients[0].uuids", "Missing clients[0].uuids"],
    [{ clients: [{ rowId: "5", tracked: true, uuids: ["nope"] }], objects: [] }, "clients[0].uuids[0]", "Invalid value \"nope\""],
    [{ clients: "502", objects: [] }, "clients", "Expected clients to be an array"],
    [{ clients: [], objects: [object("a"), { ...object("b"), size: "12" }] }, "objects[1].size", "Invalid value \"12\" at objects[1].size"],
    [{ clients: [], objects: [object("")] }, "objects[0].key", "at objects[0].key"],
    [{ clients: [], objects: 5 }, "objects", "Expected objects to be an iterable"],
    [{ clients: [], objects: [], ledger: [{ uuid: "x" }] }, "ledger[0].uuid", "at ledger[0].uuid"],
    [{ clients: [], objects: [], phase: "4" }, "phase", "Expected phase to be"],
    [{ clients: [], objects: [], uuids: "v5" }, "uuids", "Expected uuids to be"],
    [{ clients: [], objects: [], uuids: { testSeed: -1 } }, "uuids", "Expected uuids to be"],
    [{ clients: [], objects: [], layout: { poolPrefix: "" } }, "layout.poolPrefix", "non-empty string"],
    [null, "request", "Expected an object"]
  ])("refuses bad input %j, naming %s", async (request, path, message) => {
    const error = await rejection(request)
    expect(error).toMatchObject({ _tag: "PipelineInputError", reason: "InvalidValue", path })
    expect((error as Error).message).toContain(message)
  })

  it("refuses client rows that break the CSV's rules, before reading any object", async () => {
    let pulled = 0
    async function* counted() {
      pulled++
      yield object("502/a.pdf")
    }
    const twice = await rejection({ clients: [clients[0], clients[0]], objects: counted() })
    expect(twice).toMatchObject({ _tag: "PipelineInputError", reason: "DuplicateRowId", path: "clients[1].rowId" })
    expect(pulled).toBe(0)
  })

  it("rejects with the caller's own error when their async iterable throws", async () => {
    const failure = new Error("upload queue went away")
    async function* failing() {
      yield object("502/a.pdf")
      throw failure
    }
    expect(await rejection({ clients, objects: failing() })).toBe(failure)
  })
})
