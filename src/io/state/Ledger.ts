/**
 * The ledger service: the one door through which a run reads the ledger and learns how to
 * write it back. A file on disk and a ledger held in memory are its two layers.
 *
 * @module
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { CsvError } from "../../domain/CsvError.ts"
import { type LedgerContent, readLedgerContent } from "../csv/LedgerContent.ts"
import type { Disk } from "../files/Disk.ts"
import { readOptionalFile } from "./InputFile.ts"
import { makeMemoryBytes } from "./MemoryBytes.ts"
import type { StateBacking } from "./StateBacking.ts"

/**
 * A read ledger: its rows and the `clients_sha256` it records (see `LedgerContent`), and the
 * exact bytes they were read from.
 *
 * @example What a read gives
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { Ledger, type LedgerSnapshot } from "uuidmap"
 *
 * const header = "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified\n"
 * const snapshot: LedgerSnapshot | undefined = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(Ledger), (ledger) => ledger.read).pipe(Effect.provide(Ledger.layerMemory(header)))
 * )
 * assert.deepStrictEqual(snapshot?.mappings, [])
 * assert.equal(snapshot?.bytes.length, header.length)
 * ```
 * @category models
 */
export interface LedgerSnapshot extends LedgerContent {
  /** The bytes it was read from. */
  readonly bytes: Uint8Array
}

/**
 * What the ledger service does; see `Ledger`.
 *
 * @example A ledger that is never there
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import type { LedgerShape } from "uuidmap"
 *
 * const none: LedgerShape = {
 *   file: "none.ledger.csv",
 *   backing: { _tag: "Memory", replace: () => Effect.void },
 *   readBytes: Effect.succeed(undefined),
 *   read: Effect.succeed(undefined)
 * }
 * assert.equal(await Effect.runPromise(none.read), undefined)
 * ```
 * @category services
 */
export interface LedgerShape {
  /** How messages name the ledger: its path, or the name an in-memory ledger was given. */
  readonly file: string
  /** Where it lives, which says how a run writes it (see `StateBacking`). */
  readonly backing: StateBacking
  /** Its bytes as they are now; undefined when there is no ledger yet. */
  readonly readBytes: Effect.Effect<Uint8Array | undefined, CsvError>
  /** Reads and validates it (see `readLedgerContent`); undefined when there is none yet. */
  readonly read: Effect.Effect<LedgerSnapshot | undefined, CsvError>
}

/**
 * The `Context.Service` class `Ledger` extends. It is exported only because JSR and `deno doc`
 * need the base of a public class to have a name; use `Ledger`.
 *
 * @ignore
 */
export const LedgerBase: Context.ServiceClass<Ledger, "uuidmap/Ledger", LedgerShape> = Context.Service<Ledger, LedgerShape>()(
  "uuidmap/Ledger"
)

const makeLedger = (file: string, backing: StateBacking, readBytes: Effect.Effect<Uint8Array | undefined, CsvError>): LedgerShape => ({
  file,
  backing,
  readBytes,
  read: Effect.gen(function*() {
    const bytes = yield* readBytes
    if (bytes === undefined) return undefined
    const content = yield* readLedgerContent(file, bytes)
    const snapshot: LedgerSnapshot = { ...content, bytes }
    return snapshot
  })
})

/**
 * The ledger a run reads and writes.
 * - `file`: how messages name it (errors give this name with the line and column).
 * - `backing`: a file, or bytes in memory; a run writes the ledger and the clients CSV all or
 *   nothing either way (see `StateBacking`).
 * - `readBytes`: its bytes now (undefined before the first run).
 * - `read`: its bytes, validated into rows with the errors of `readLedgerContent`.
 *
 * @example The ledger a run wrote in memory
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, unsafeObjectKey, UuidGenerator } from "uuidmap"
 *
 * const services = Layer.mergeAll(
 *   ClientsCsv.layerMemory("row_id\n502\n"),
 *   Ledger.layerMemory(),
 *   ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]),
 *   UuidGenerator.layerTest(1),
 *   Disk.layerNode // not touched: nothing here is a file
 * )
 * const rows = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     yield* reconcile(makeSettings({ clientsFile: "clients.csv", bucket: "memory://" }), { phase: "all", dryRun: false })
 *     const ledger = yield* Ledger
 *     return (yield* ledger.read)?.mappings ?? []
 *   }).pipe(Effect.provide(services))
 * )
 * assert.deepStrictEqual(rows.map((row) => [row.key, row.rowId, row.status]), [["502/a.pdf", "502", "mapped"]])
 * ```
 * @category services
 */
export class Ledger extends LedgerBase {
  /**
   * The ledger in the file `path`, read through `Disk`; a missing file is a ledger not written
   * yet. A run writes it together with the clients CSV in one crash-safe commit.
   *
   * @example No ledger before the first run
   * ```ts
   * import assert from "node:assert/strict"
   * import * as fs from "node:fs/promises"
   * import * as os from "node:os"
   * import * as path from "node:path"
   * import * as Effect from "effect/Effect"
   * import * as Layer from "effect/Layer"
   * import { Disk, Ledger } from "uuidmap"
   *
   * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
   * const layer = Ledger.layerFile(path.join(folder, "clients.ledger.csv")).pipe(Layer.provide(Disk.layerNode))
   * assert.equal(await Effect.runPromise(Effect.flatMap(Effect.service(Ledger), (ledger) => ledger.read).pipe(Effect.provide(layer))), undefined)
   * await fs.rm(folder, { recursive: true })
   * ```
   */
  static readonly layerFile = (path: string): Layer.Layer<Ledger, never, Disk> =>
    Layer.effect(
      Ledger,
      Effect.map(Effect.context<Disk>(), (context) => makeLedger(path, { _tag: "File", path }, Effect.provideContext(readOptionalFile(path), context)))
    )

  /**
   * A ledger held in memory, for tests and programs that run in process: `content` (text is
   * encoded as UTF-8; none: no ledger yet) is copied now; a run replaces it, and `readBytes`
   * then gives the new bytes. `file` names it in messages (default `clients.ledger.csv`).
   *
   * @example A bad cell is named by file, line and column
   * ```ts
   * import assert from "node:assert/strict"
   * import * as Effect from "effect/Effect"
   * import { formatCsvError, Ledger } from "uuidmap"
   *
   * const layer = Ledger.layerMemory("uuid,key,row_id,status,evidence,confidence,size,etag,last_modified\nnot-a-uuid,502/a.pdf,502,mapped,[],1,10,\"\"\"e\"\"\",2024-05-01T12:00:00.000Z\n")
   * const error = await Effect.runPromise(Effect.flip(Effect.flatMap(Effect.service(Ledger), (ledger) => ledger.read)).pipe(Effect.provide(layer)))
   * assert.equal(formatCsvError(error).startsWith("clients.ledger.csv:2:1: "), true)
   * ```
   */
  static readonly layerMemory = (content?: string | Uint8Array, options?: { readonly file?: string }): Layer.Layer<Ledger> =>
    Layer.effect(
      Ledger,
      Effect.map(makeMemoryBytes(content), (cell) => makeLedger(options?.file ?? "clients.ledger.csv", { _tag: "Memory", replace: cell.replace }, cell.read))
    )
}
