/**
 * The clients CSV service: the one door through which a run reads the clients CSV and learns
 * how to write it back. A file on disk and a CSV held in memory are its two layers; the
 * program never knows which one it has.
 *
 * @module
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CsvError } from "../../domain/CsvError.ts"
import { type ClientsTable, type ClientsTableOptions, readClientsTable } from "../csv/ClientsTable.ts"
import type { Disk } from "../files/Disk.ts"
import { readOptionalFile } from "./InputFile.ts"
import { makeMemoryBytes } from "./MemoryBytes.ts"
import type { StateBacking } from "./StateBacking.ts"

/**
 * A read clients CSV: the validated table (which keeps the whole document, for lossless
 * writing) and the exact bytes it was read from.
 *
 * @example What a read gives
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { ClientsCsv, type ClientsCsvContent } from "uuidmap"
 *
 * const content: ClientsCsvContent = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(ClientsCsv), (clients) => clients.read({})).pipe(Effect.provide(ClientsCsv.layerMemory("row_id,name\n502,Sam\n")))
 * )
 * assert.deepStrictEqual(content.table.clients, [{ rowId: "502", tracked: false, uuids: [] }])
 * assert.equal(content.bytes.length, 20)
 * ```
 * @category models
 */
export interface ClientsCsvContent {
  /** The validated table. */
  readonly table: ClientsTable
  /** The bytes it was read from. */
  readonly bytes: Uint8Array
}

/**
 * What the clients CSV service does; see `ClientsCsv`.
 *
 * @example A clients CSV of your own, held in a string
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type ClientsCsvShape, readClientsTable } from "uuidmap"
 *
 * let text = "row_id\n502\n"
 * const bytes = Effect.sync(() => new TextEncoder().encode(text))
 * const mine: ClientsCsvShape = {
 *   file: "crm-export.csv",
 *   backing: { _tag: "Memory", replace: (next) => Effect.sync(() => { text = new TextDecoder().decode(next) }) },
 *   readBytes: bytes,
 *   read: (options) => Effect.flatMap(bytes, (read) => Effect.map(readClientsTable("crm-export.csv", read, options), (table) => ({ table, bytes: read })))
 * }
 * const content = await Effect.runPromise(mine.read({}))
 * assert.equal(content.table.clients[0]?.rowId, "502")
 * ```
 * @category services
 */
export interface ClientsCsvShape {
  /** How messages name the CSV: its path, or the name an in-memory CSV was given. */
  readonly file: string
  /** Where it lives, which says how a run writes it (see `StateBacking`). */
  readonly backing: StateBacking
  /** Its bytes as they are now; undefined when there is no file. */
  readonly readBytes: Effect.Effect<Uint8Array | undefined, CsvError>
  /** Reads and validates it (see `readClientsTable`); fails when there is none. */
  readonly read: (options: ClientsTableOptions) => Effect.Effect<ClientsCsvContent, CsvError>
}

/**
 * The `Context.Service` class `ClientsCsv` extends. It is exported only because JSR and
 * `deno doc` need the base of a public class to have a name; use `ClientsCsv`.
 *
 * @ignore
 */
export const ClientsCsvBase: Context.ServiceClass<ClientsCsv, "uuidmap/ClientsCsv", ClientsCsvShape> = Context.Service<
  ClientsCsv,
  ClientsCsvShape
>()("uuidmap/ClientsCsv")

const missing = (file: string) => new CsvError({ reason: "Unreadable", file, line: 0, column: 0, message: "File does not exist" })

const makeClientsCsv = (file: string, backing: StateBacking, readBytes: Effect.Effect<Uint8Array | undefined, CsvError>): ClientsCsvShape => ({
  file,
  backing,
  readBytes,
  read: (options) =>
    Effect.gen(function*() {
      const bytes = yield* readBytes
      if (bytes === undefined) return yield* missing(file)
      const table = yield* readClientsTable(file, bytes, options)
      const content: ClientsCsvContent = { table, bytes }
      return content
    })
})

/**
 * The clients CSV a run reads and writes.
 * - `file`: how messages name it (errors give this name with the line and column).
 * - `backing`: a file, or bytes in memory; a run writes the CSV and the ledger all or nothing
 *   either way (see `StateBacking`): files in one crash-safe commit under the CSV's lock,
 *   memory only once that commit has succeeded.
 * - `readBytes`: its bytes now (undefined when there is no file).
 * - `read(options)`: its bytes, validated into a table with the errors of `readClientsTable`.
 *
 * @example A run on an in-memory clients CSV
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, unsafeObjectKey, UuidGenerator } from "uuidmap"
 *
 * const services = Layer.mergeAll(
 *   ClientsCsv.layerMemory("row_id,name\n502,Sam\n"),
 *   Ledger.layerMemory(),
 *   ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]),
 *   UuidGenerator.layerTest(1),
 *   Disk.layerNode // not touched: nothing here is a file
 * )
 * const csv = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     yield* reconcile(makeSettings({ clientsFile: "clients.csv", bucket: "memory://" }), { phase: "all", dryRun: false })
 *     const clients = yield* ClientsCsv
 *     return new TextDecoder().decode(yield* clients.readBytes)
 *   }).pipe(Effect.provide(services))
 * )
 * assert.equal(csv, "row_id,name,file_uuids,file_count\n502,Sam,00000001-0000-4000-8000-000000000000,1\n")
 * ```
 * @category services
 */
export class ClientsCsv extends ClientsCsvBase {
  /**
   * The clients CSV in the file `path`, read through `Disk`. A run locks it and writes it
   * together with the ledger in one crash-safe commit.
   *
   * @example Reading a file
   * ```ts
   * import assert from "node:assert/strict"
   * import * as fs from "node:fs/promises"
   * import * as os from "node:os"
   * import * as path from "node:path"
   * import * as Effect from "effect/Effect"
   * import * as Layer from "effect/Layer"
   * import { ClientsCsv, Disk } from "uuidmap"
   *
   * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
   * await fs.writeFile(path.join(folder, "clients.csv"), "row_id\n502\n")
   * const layer = ClientsCsv.layerFile(path.join(folder, "clients.csv")).pipe(Layer.provide(Disk.layerNode))
   * const content = await Effect.runPromise(Effect.flatMap(Effect.service(ClientsCsv), (clients) => clients.read({})).pipe(Effect.provide(layer)))
   * assert.equal(content.table.clients[0]?.rowId, "502")
   * await fs.rm(folder, { recursive: true })
   * ```
   */
  static readonly layerFile = (path: string): Layer.Layer<ClientsCsv, never, Disk> =>
    Layer.effect(
      ClientsCsv,
      Effect.map(Effect.context<Disk>(), (context) =>
        makeClientsCsv(path, { _tag: "File", path }, Effect.provideContext(readOptionalFile(path), context)))
    )

  /**
   * A clients CSV held in memory, for tests and programs that run in process: `content` (text
   * is encoded as UTF-8) is copied now; a run replaces it with the new bytes, which `readBytes`
   * then gives. `file` names it in messages (default `clients.csv`).
   *
   * @example An error names the in-memory CSV, its line and column
   * ```ts
   * import assert from "node:assert/strict"
   * import * as Effect from "effect/Effect"
   * import { ClientsCsv, formatCsvError } from "uuidmap"
   *
   * const layer = ClientsCsv.layerMemory("row_id\n502\n502\n", { file: "crm.csv" })
   * const error = await Effect.runPromise(Effect.flip(Effect.flatMap(Effect.service(ClientsCsv), (clients) => clients.read({}))).pipe(Effect.provide(layer)))
   * assert.equal(formatCsvError(error).startsWith("crm.csv:3:1: "), true)
   * ```
   */
  static readonly layerMemory = (content: string | Uint8Array, options?: { readonly file?: string }): Layer.Layer<ClientsCsv> =>
    Layer.effect(
      ClientsCsv,
      Effect.map(makeMemoryBytes(content), (cell) =>
        makeClientsCsv(options?.file ?? "clients.csv", { _tag: "Memory", replace: cell.replace }, cell.read))
    )
}
