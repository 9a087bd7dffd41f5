// An Effect program that brings its own object store: the files come from an upload table,
// not from a bucket. Swap the layer and the same program runs on S3, a folder, or in memory.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { type ClientRow, ObjectStore, runPipeline, type StoredObject, unsafeObjectKey, unsafeRowId, UuidGenerator } from "uuidmap"

// Stands in for a query against the upload service's own database.
const uploadTable: ReadonlyArray<StoredObject> = [
  { key: unsafeObjectKey("502/Sam_Torode/resume.pdf"), size: 1024, etag: "\"9e107d9d372bb6826bd81d3542a419d6\"", lastModified: "2024-05-01T10:00:00.000Z" },
  { key: unsafeObjectKey("502/Sam_Torode/id-scan.jpg"), size: 4096, etag: "\"0cc175b9c0f1b6a831c399e269772661\"", lastModified: "2024-05-01T10:05:00.000Z" },
  { key: unsafeObjectKey("503/Ann_Lee/contract.docx"), size: 2048, etag: "\"e4d909c290d0fb1ca068ffaddf22cbd0\"", lastModified: "2024-05-02T09:30:00.000Z" }
]

// The store layer: list by prefix, and user metadata by key (the table keeps none).
const UploadTableStore = Layer.succeed(ObjectStore, {
  location: "uploads://table",
  list: (prefix: string) => Stream.fromIterable(uploadTable.filter((upload) => upload.key.startsWith(prefix))),
  metadata: () => Effect.succeed({}),
  // What it cost, for run --verbose and --json: a table sends no S3 requests.
  requests: Effect.succeed({ list: 0, head: 0 })
})

const clients: ReadonlyArray<ClientRow> = ["502", "503", "504"].map((id) => ({ rowId: unsafeRowId(id), tracked: false, uuids: [] }))

// The program only asks for an ObjectStore; it never knows which one it gets.
const mapUploads = Effect.gen(function*() {
  const store = yield* ObjectStore
  const result = yield* runPipeline({ clients, objects: store.list("") })
  for (const { rowId, after } of result.changes.cells) yield* Console.log(`client ${rowId}: ${after.uuids.length} file(s)`)
  return result
})

const live = await Effect.runPromise(mapUploads.pipe(Effect.provide(Layer.merge(UploadTableStore, UuidGenerator.layerV4))))
console.log(`mapped ${live.state.ledger.filter((row) => row.status === "mapped").length} of ${uploadTable.length} uploads`)

// In a test: the same program on the in-memory store, with repeatable UUIDs.
const inTest = await Effect.runPromise(
  mapUploads.pipe(Effect.provide(Layer.merge(ObjectStore.layerMemory(uploadTable), UuidGenerator.layerTest(1))))
)
console.log(`in memory: ${inTest.state.ledger.map((row) => `${row.uuid} ${row.key}`).join(", ")}`)
