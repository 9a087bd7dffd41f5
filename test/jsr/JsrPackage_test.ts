/**
 * The package as a JSR user gets it: `@uuidmap/uuidmap` resolved by name through the root
 * deno.json's `name` and `exports` (this folder is a member of the workspace that deno.json
 * declares), never through a relative path. Run by `npm run test:deno` with `deno test`.
 */
import assert from "node:assert/strict"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import {
  ObjectStore,
  runPipeline,
  runPipelinePromise,
  type StoredObject,
  unsafeObjectKey,
  unsafeRowId,
  UuidGenerator
} from "@uuidmap/uuidmap"

const configUrl = new URL("../../deno.json", import.meta.url)

const stored = (key: string): StoredObject => ({
  key: unsafeObjectKey(key),
  size: 10,
  etag: "\"0123456789abcdef0123456789abcdef\"",
  lastModified: "2024-05-01T12:00:00.000Z"
})

Deno.test("the name resolves to the module deno.json exports", async () => {
  const config = JSON.parse(await Deno.readTextFile(configUrl))
  assert.equal(config.name, "@uuidmap/uuidmap")
  assert.equal(import.meta.resolve("@uuidmap/uuidmap"), new URL(config.exports, configUrl).href)
})

Deno.test("runPipeline maps a stream read from an ObjectStore layer", async () => {
  const program = Effect.gen(function*() {
    const store = yield* ObjectStore
    return yield* runPipeline({
      clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
      objects: store.list("")
    })
  })
  const layer = Layer.merge(ObjectStore.layerMemory([stored("502/a.pdf"), stored("misc/x.txt")]), UuidGenerator.layerTest(5))
  const result = await Effect.runPromise(program.pipe(Effect.provide(layer)))
  assert.deepEqual(result.state.ledger.map((row) => [row.key, row.rowId, row.status]), [["502/a.pdf", "502", "mapped"]])
  assert.deepEqual(result.changes.cells.map((cell) => [cell.rowId, cell.after.uuids.length]), [["502", 1]])
  assert.deepEqual(result.state.findings.map((finding) => finding.subject), ["misc/x.txt"])
})

Deno.test("runPipelinePromise maps plain objects and refuses bad ones", async () => {
  const result = await runPipelinePromise({
    clients: [{ rowId: "502", tracked: false, uuids: [] }],
    objects: Stream.toAsyncIterable(Stream.make({ ...stored("502/a.pdf") })),
    uuids: { testSeed: 2 }
  })
  assert.deepEqual(result.state.ledger.map((row) => row.uuid), ["00000002-0000-4000-8000-000000000000"])
  await assert.rejects(runPipelinePromise({ clients: [{ rowId: "", tracked: false, uuids: [] }], objects: [] }), {
    _tag: "PipelineInputError",
    path: "clients[0].rowId"
  })
})
