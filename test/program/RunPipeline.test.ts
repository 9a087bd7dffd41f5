import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import type { ListedEntry } from "../../src/io/store/ObjectStore.ts"
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
  it("reports an unreadable entry it would not map, and refuses one it would map", async () => {
    const pipeline = (key: string) =>
      runPipeline({
        clients,
        objects: Stream.make<ReadonlyArray<ListedEntry>>(stored("502/a.pdf"), { _tag: "Unreadable", key, problem: "unreadable", detail: "permission denied" })
      }).pipe(Effect.provide(UuidGenerator.layerTest(3)))
    const stray = await Effect.runPromise(pipeline("misc/secret.txt"))
    expect(stray.state.findings.map((f) => [f.kind, f.subject])).toEqual([["unreadable", "misc/secret.txt"]])
    const refused = await Effect.runPromise(Effect.flip(pipeline("503/b.pdf")))
    expect([refused._tag, "reason" in refused ? refused.reason : undefined]).toEqual(["PipelineInputError", "UnreadableObject"])
  })

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
