/**
 * The in-memory store, `ObjectStore.layerMemory`: what it lists, what metadata it gives, what it
 * refuses, and that a whole program runs on it in process.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { unsafeObjectKey } from "../../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { Disk } from "../../../src/io/files/Disk.ts"
import { ObjectStore } from "../../../src/io/store/ObjectStore.ts"
import { UuidGenerator } from "../../../src/io/uuid/UuidGenerator.ts"
import { reconcile } from "../../../src/program/Reconcile.ts"
import { stateFileLayers } from "../../../src/program/Services.ts"
import { makeSettings } from "../../../src/program/Settings.ts"
import { tempDir } from "../../support/Cli.ts"

const stored = (key: string, size = 10): StoredObject => ({
  key: unsafeObjectKey(key),
  size,
  etag: `"${size.toString(16).padStart(32, "0")}"`,
  lastModified: "2024-05-01T12:00:00.000Z"
})

const poolKey = "files/3f2a9c4e-8b1d-4c2e-9f00-0123456789ab.pdf"

const withStore = <A, E, E2>(layer: Layer.Layer<ObjectStore, E>, use: (store: ObjectStore["Service"]) => Effect.Effect<A, E2>) =>
  Effect.gen(function*() {
    const store = yield* ObjectStore
    return yield* use(store)
  }).pipe(Effect.provide(layer))

const listedKeys = (store: ObjectStore["Service"], prefix: string) =>
  Effect.map(Stream.runCollect(store.list(prefix)), (objects) => [...objects].map((object) => object.key).sort())

describe("ObjectStore.layerMemory", () => {
  it.effect("lists every object, and only those under the prefix asked for", () =>
    Effect.gen(function*() {
      const layer = ObjectStore.layerMemory([stored("502/a.pdf"), stored("503/b.pdf"), stored(poolKey), stored("misc/x.txt")])
      const all = yield* withStore(layer, (store) => listedKeys(store, ""))
      const pool = yield* withStore(layer, (store) => listedKeys(store, "files/"))
      const client = yield* withStore(layer, (store) => listedKeys(store, "50"))
      assert.deepStrictEqual(all, ["502/a.pdf", "503/b.pdf", poolKey, "misc/x.txt"].sort())
      assert.deepStrictEqual(pool, [poolKey])
      assert.deepStrictEqual(client, ["502/a.pdf", "503/b.pdf"])
      assert.strictEqual(yield* withStore(layer, (store) => Effect.succeed(store.location)), "memory://")
    }))

  it.effect("gives each object's metadata with lower-case names, and none for an object without", () =>
    Effect.gen(function*() {
      const layer = ObjectStore.layerMemory([stored(poolKey), stored("502/a.pdf")], { [poolKey]: { "Row-Id": "502" } })
      assert.deepStrictEqual(yield* withStore(layer, (store) => store.metadata(unsafeObjectKey(poolKey))), { "row-id": "502" })
      assert.deepStrictEqual(yield* withStore(layer, (store) => store.metadata(unsafeObjectKey("502/a.pdf"))), {})
    }))

  it.effect("takes metadata as a Map too", () =>
    Effect.gen(function*() {
      const layer = ObjectStore.layerMemory([stored(poolKey)], new Map([[poolKey, { "client-id": "7" }]]))
      assert.deepStrictEqual(yield* withStore(layer, (store) => store.metadata(unsafeObjectKey(poolKey))), { "client-id": "7" })
    }))

  it.effect("fails metadata for a key it does not hold with NoSuchKey, as S3's HeadObject does", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(withStore(ObjectStore.layerMemory([stored("502/a.pdf")]), (store) => store.metadata(unsafeObjectKey("502/gone.pdf"))))
      assert.strictEqual(error._tag, "StoreError")
      assert.include(error.message, `"502/gone.pdf"`)
      assert.strictEqual(error._tag === "StoreError" ? error.reason : "", "NoSuchKey")
    }))

  it.effect("refuses a key given twice, naming it and its place", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(withStore(ObjectStore.layerMemory([stored("502/a.pdf"), stored("502/a.pdf", 20)]), (store) => listedKeys(store, "")))
      assert.strictEqual(error._tag, "PipelineInputError")
      assert.strictEqual(error._tag === "PipelineInputError" ? error.path : "", "objects[1].key")
      assert.include(error.message, `"502/a.pdf"`)
    }))

  it.effect("refuses metadata for a key that is not among the objects", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(withStore(ObjectStore.layerMemory([stored("502/a.pdf")], { [poolKey]: { "row-id": "502" } }), (store) => listedKeys(store, "")))
      assert.strictEqual(error._tag === "PipelineInputError" ? error.path : "", `metadata["${poolKey}"]`)
    }))

  it.effect("refuses a metadata name given twice in different cases", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(withStore(ObjectStore.layerMemory([stored(poolKey)], { [poolKey]: { "row-id": "1", "Row-Id": "2" } }), (store) => listedKeys(store, "")))
      assert.include(error.message, `"Row-Id"`)
    }))

  it.effect("is a snapshot: changing the caller's array or metadata afterwards changes nothing", () =>
    Effect.gen(function*() {
      const objects = [stored("502/a.pdf")]
      const metadata: Record<string, Record<string, string>> = { "502/a.pdf": { "row-id": "502" } }
      const layer = ObjectStore.layerMemory(objects, metadata)
      objects.push(stored("502/b.pdf"))
      objects[0] = stored("502/z.pdf")
      metadata["502/a.pdf"]!["row-id"] = "999"
      assert.deepStrictEqual(yield* withStore(layer, (store) => listedKeys(store, "")), ["502/a.pdf"])
      assert.deepStrictEqual(yield* withStore(layer, (store) => store.metadata(unsafeObjectKey("502/a.pdf"))), { "row-id": "502" })
    }))

  it.effect("takes any iterable, read once, so a generator's layer can be built again", () =>
    Effect.gen(function*() {
      const layer = ObjectStore.layerMemory((function*() {
        yield stored("502/a.pdf")
        yield stored("503/b.pdf")
      })())
      assert.deepStrictEqual(yield* withStore(layer, (store) => listedKeys(store, "")), ["502/a.pdf", "503/b.pdf"])
      assert.deepStrictEqual(yield* withStore(layer, (store) => listedKeys(store, "")), ["502/a.pdf", "503/b.pdf"])
    }))

  it.effect("runs a whole program in process: reconcile maps the client-folder files it lists", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.acquireRelease(Effect.promise(() => tempDir()), (made) => Effect.promise(made.cleanup))
      const clientsFile = path.join(dir.dir, "clients.csv")
      yield* Effect.promise(() => fs.writeFile(clientsFile, "row_id,name\n502,Sam\n503,Ann\n"))
      const settings = makeSettings({ clientsFile, bucket: "file:///not-read-the-memory-store-serves-it" })
      const outcome = yield* reconcile(settings, { phase: "all", dryRun: true }).pipe(
        Effect.provide(Layer.mergeAll(ObjectStore.layerMemory([stored("502/a.pdf"), stored("503/b.pdf"), stored("misc/x.txt")]), UuidGenerator.layerTest(4), stateFileLayers(settings)).pipe(Layer.provideMerge(Disk.layerNode)))
      )
      assert.deepStrictEqual(outcome.after.ledger.map((m): ReadonlyArray<string | null> => [m.key, m.rowId, m.status]), [
        ["502/a.pdf", "502", "mapped"],
        ["503/b.pdf", "503", "mapped"]
      ])
      assert.deepStrictEqual(outcome.after.findings.map((f) => [f.kind, f.subject]), [["stray", "misc/x.txt"]])
      assert.deepStrictEqual(outcome.written, [])
      assert.deepStrictEqual((yield* Effect.promise(() => fs.readdir(dir.dir))).sort(), ["clients.csv"])
    }).pipe(Effect.scoped))
})
