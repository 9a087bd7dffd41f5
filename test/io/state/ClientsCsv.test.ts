/**
 * The in-memory clients CSV, `ClientsCsv.layerMemory`: what it reads, that its errors name
 * the file, line and column, that it copies its bytes in and out, and that the file layer
 * reads through `Disk`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { formatCsvError } from "../../../src/domain/CsvError.ts"
import { Disk } from "../../../src/io/files/Disk.ts"
import { nodeDisk } from "../../../src/io/files/NodeDisk.ts"
import { DiskError } from "../../../src/io/files/DiskError.ts"
import { ClientsCsv } from "../../../src/io/state/ClientsCsv.ts"

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes))

describe("ClientsCsv.layerMemory", () => {
  it.effect("reads the table and the exact bytes it was given", () =>
    Effect.gen(function*() {
      const clients = yield* ClientsCsv
      const content = yield* clients.read({})
      assert.deepStrictEqual<ReadonlyArray<unknown>>(content.table.clients, [
        { rowId: "502", tracked: true, uuids: ["3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"] },
        { rowId: "503", tracked: false, uuids: [] }
      ])
      assert.strictEqual(text(content.bytes), "row_id,file_uuids,file_count\r\n502,3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f,1\r\n503,,\r\n")
      assert.strictEqual(clients.file, "clients.csv")
      assert.strictEqual(clients.backing._tag, "Memory")
    }).pipe(Effect.provide(ClientsCsv.layerMemory("row_id,file_uuids,file_count\r\n502,3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f,1\r\n503,,\r\n"))))

  it.effect("refuses bad rows naming the given file, line and column", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip((yield* ClientsCsv).read({}))
      assert.strictEqual(error.reason, "DuplicateRowId")
      assert.strictEqual(formatCsvError(error).slice(0, "crm.csv:3:1: ".length), "crm.csv:3:1: ")
    }).pipe(Effect.provide(ClientsCsv.layerMemory("row_id,name\n502,Sam\n502,Ann\n", { file: "crm.csv" }))))

  it.effect("reads with the options given: another id column and windows-1252", () =>
    Effect.gen(function*() {
      const content = yield* (yield* ClientsCsv).read({ idColumn: "client_id", encoding: "windows-1252" })
      assert.strictEqual(content.table.clients[0]?.rowId, "Zoë")
    }).pipe(Effect.provide(ClientsCsv.layerMemory(new Uint8Array([...new TextEncoder().encode("client_id\nZo"), 0xeb, 0x0a])))))

  it.effect("replace swaps the bytes that readBytes gives, and neither side can change them afterwards", () =>
    Effect.gen(function*() {
      const clients = yield* ClientsCsv
      if (clients.backing._tag !== "Memory") return assert.fail("expected a memory backing")
      const next = new TextEncoder().encode("row_id\n503\n")
      yield* clients.backing.replace(next)
      next[7] = 0x39 // the caller's buffer changes; the held bytes do not
      const read = yield* clients.readBytes
      assert.strictEqual(text(read), "row_id\n503\n")
      read![7] = 0x39 // nor does the buffer a read gave out
      assert.strictEqual(text(yield* clients.readBytes), "row_id\n503\n")
    }).pipe(Effect.provide(ClientsCsv.layerMemory("row_id\n502\n"))))

  it.effect("copies the bytes it is built from", () =>
    Effect.gen(function*() {
      const given = new TextEncoder().encode("row_id\n502\n")
      const layer = ClientsCsv.layerMemory(given)
      given[7] = 0x39
      const read = yield* Effect.flatMap(Effect.service(ClientsCsv), (clients) => clients.readBytes).pipe(Effect.provide(layer))
      assert.strictEqual(text(read), "row_id\n502\n")
    }))
})

describe("ClientsCsv.layerFile", () => {
  it.effect("reads through Disk and says in words why a file cannot be read", () =>
    Effect.gen(function*() {
      const denied: Layer.Layer<Disk> = Layer.succeed(Disk, {
        ...nodeDisk,
        readFile: (path) => Effect.fail(new DiskError({ reason: "Denied", code: "EACCES", operation: "read", path, detail: "permission denied" }))
      })
      const error = yield* Effect.flip(
        Effect.flatMap(Effect.service(ClientsCsv), (clients) => clients.read({})).pipe(
          Effect.provide(ClientsCsv.layerFile("/nowhere/clients.csv").pipe(Layer.provide(denied)))
        )
      )
      assert.strictEqual(formatCsvError(error), "/nowhere/clients.csv: Cannot read the file: permission denied")
    }))

  it.effect("a missing file reads as no bytes, and read refuses it", () =>
    Effect.gen(function*() {
      const clients = yield* ClientsCsv
      assert.strictEqual(yield* clients.readBytes, undefined)
      assert.deepStrictEqual(clients.backing, { _tag: "File", path: "/nowhere/clients.csv" })
      const error = yield* Effect.flip(clients.read({}))
      assert.strictEqual(error.message, "File does not exist")
    }).pipe(Effect.provide(ClientsCsv.layerFile("/nowhere/clients.csv").pipe(Layer.provide(Disk.layerNode)))))
})
