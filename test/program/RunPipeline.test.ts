import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import {
  type ClientRow,
  type ObjectKey,
  runPipeline,
  type StoredObject,
  unsafeObjectKey,
  unsafeRowId,
  UuidGenerator
} from "../../src/mod.ts"

const stored = (key: string, size = 10): StoredObject => ({
  key: unsafeObjectKey(key),
  size,
  etag: `"${size.toString(16).padStart(32, "0")}"`,
  lastModified: "2024-05-01T12:00:00.000Z"
})

const clients: ReadonlyArray<ClientRow> = ["502", "503"].map((id) => ({ rowId: unsafeRowId(id), tracked: false, uuids: [] }))

describe("runPipeline, the library entry", () => {
  it("maps a caller's own object stream and client rows and returns the new state", async () => {
    const objects = Stream.make(stored("503/b.pdf"), stored("502/a.pdf"), stored("misc/x.txt"))
    const result = await Effect.runPromise(runPipeline({ clients, objects }).pipe(Effect.provide(UuidGenerator.layerTest(3))))
    expect(result.ran).toEqual(["1", "2", "3"])
    expect(result.state.ledger.map((m) => [m.key, m.rowId, m.status])).toEqual([
      ["502/a.pdf", "502", "mapped"],
      ["503/b.pdf", "503", "mapped"]
    ])
    expect(result.state.clients.map((c) => c.uuids.length)).toEqual([1, 1])
    expect(result.state.findings.map((f) => f.kind)).toEqual(["stray"])
  })

  it("takes a store's listing as it comes: an unreadable file it would map stops it, one it would not is reported", async () => {
    const unreadable = (key: string) => ({ _tag: "Unreadable" as const, key, problem: "unreadable" as const, detail: "permission denied" })
    const stopped = await Effect.runPromise(Effect.flip(
      runPipeline({ clients, objects: Stream.make(stored("502/a.pdf"), unreadable("503/b.pdf")) }).pipe(Effect.provide(UuidGenerator.layerTest(3)))
    ))
    expect(stopped).toMatchObject({ _tag: "PipelineInputError", path: "objects" })
    expect(stopped.message).toContain("503/b.pdf")
    const fine = await Effect.runPromise(
      runPipeline({ clients, objects: Stream.make(stored("502/a.pdf"), unreadable("misc/x.txt")) }).pipe(Effect.provide(UuidGenerator.layerTest(3)))
    )
    expect(fine.state.ledger.map((m) => m.key)).toEqual(["502/a.pdf"])
  })

  it("gives the same result whatever order the stream yields objects in", async () => {
    const keys = ["502/c.pdf", "503/a.pdf", "502/b.pdf"]
    const run = (order: ReadonlyArray<string>) =>
      Effect.runPromise(
        runPipeline({ clients, objects: Stream.fromIterable(order.map((key) => stored(key))), phase: "1" }).pipe(
          Effect.provide(UuidGenerator.layerTest(9))
        )
      )
    const a = await run(keys)
    const b = await run([...keys].reverse())
    expect(a.state.ledger).toEqual(b.state.ledger)
    expect(a.ran).toEqual(["1"])
  })

  it("keeps the UUIDs of a ledger it is given", async () => {
    const first = await Effect.runPromise(
      runPipeline({ clients, objects: Stream.make(stored("502/a.pdf")) }).pipe(Effect.provide(UuidGenerator.layerV4))
    )
    const again = await Effect.runPromise(
      runPipeline({ clients: first.state.clients, ledger: first.state.ledger, objects: Stream.make(stored("502/a.pdf")) }).pipe(
        Effect.provide(UuidGenerator.layerV4)
      )
    )
    expect(again.state.ledger).toEqual(first.state.ledger)
    const key: ObjectKey = unsafeObjectKey("502/a.pdf")
    expect(again.state.ledger[0]!.key).toBe(key)
  })
})
