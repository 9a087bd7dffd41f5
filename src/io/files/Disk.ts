/**
 * The file-system operations the write path needs, as one service. Every write of the clients
 * CSV, the ledger, their backups, the lock and the commit record goes through it, so tests can
 * put a real failure (a full disk, a file edited at the worst moment) at any step by wrapping
 * the real implementation, without patching `node:fs`.
 *
 * @module
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { DiskError } from "./DiskError.ts"
import type { Digest } from "./FileDigest.ts"
import { nodeDisk } from "./NodeDisk.ts"

/**
 * What `stat` tells about a path.
 *
 * @example What stat says about a new file
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import { Disk, type FileFacts } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * const facts: FileFacts | undefined = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const disk = yield* Disk
 *     yield* disk.createFile(path.join(folder, "a.csv"), new TextEncoder().encode("row_id\n"), { mode: 0o600 })
 *     return yield* disk.stat(path.join(folder, "a.csv"))
 *   }).pipe(Effect.provide(Disk.layerNode))
 * )
 * assert.equal(facts?.kind, "file")
 * assert.equal(facts?.size, 7)
 * assert.equal(facts?.mode, 0o600)
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category models
 */
export interface FileFacts {
  /** What the path is. */
  readonly kind: "file" | "folder" | "symlink" | "other"
  /** The size in bytes. */
  readonly size: number
  /** Permission bits only (`mode & 0o7777`). */
  readonly mode: number
  /** The owner's user id. */
  readonly uid: number
  /** The owner's group id. */
  readonly gid: number
  /** The device the file is on. */
  readonly dev: number
  /** The file's inode number; with `dev`, it tells whether two paths are one file. */
  readonly ino: number
}

/**
 * How a new file is created: its permission bits and, where the process may set them, its
 * owner and group.
 *
 * @example A file that already exists is not replaced
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import { Disk, type NewFileOptions } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * const options: NewFileOptions = { mode: 0o644 }
 * const create = Effect.gen(function*() {
 *   const disk = yield* Disk
 *   return yield* disk.createFile(path.join(folder, "a.csv"), new TextEncoder().encode("x"), options)
 * }).pipe(Effect.provide(Disk.layerNode))
 * await Effect.runPromise(create)
 * const error = await Effect.runPromise(Effect.flip(create))
 * assert.equal(error.reason, "Exists")
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category models
 */
export interface NewFileOptions {
  /** The permission bits, set exactly (the umask does not clear any, unless `keepUmask`). */
  readonly mode: number
  /** Let the process umask clear bits of `mode`, as for any new file (plans, reports). */
  readonly keepUmask?: boolean | undefined
  /** The owner and group, set when the process may. */
  readonly owner?: { readonly uid: number; readonly gid: number } | undefined
}

/**
 * The operations of the `Disk` service (see `Disk`).
 *
 * @example A disk that is always full
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { Disk, DiskError, type DiskShape } from "uuidmap"
 *
 * const full = (real: DiskShape): DiskShape => ({
 *   ...real,
 *   createFile: (path) => Effect.fail(new DiskError({ reason: "NoSpace", code: "ENOSPC", operation: "write", path, detail: "no space left on the device" }))
 * })
 * const layer = Layer.effect(Disk, Effect.map(Effect.service(Disk), full)).pipe(Layer.provide(Disk.layerNode))
 * const error = await Effect.runPromise(
 *   Effect.flip(Effect.flatMap(Effect.service(Disk), (disk) => disk.createFile("a.csv", new Uint8Array(), { mode: 0o644 }))).pipe(Effect.provide(layer))
 * )
 * assert.equal(error.reason, "NoSpace")
 * ```
 * @category services
 */
export interface DiskShape {
  /** A file's bytes. */
  readonly readFile: (path: string) => Effect.Effect<Uint8Array, DiskError>
  /** A file's size and sha256, streamed; undefined when there is no file. */
  readonly digest: (path: string) => Effect.Effect<Digest | undefined, DiskError>
  /** Facts about a path, through links; undefined when nothing is there. */
  readonly stat: (path: string) => Effect.Effect<FileFacts | undefined, DiskError>
  /** Facts about a path itself, a link not followed; undefined when nothing is there. */
  readonly lstat: (path: string) => Effect.Effect<FileFacts | undefined, DiskError>
  /** The path with every link resolved. */
  readonly realPath: (path: string) => Effect.Effect<string, DiskError>
  /** Where a link points. */
  readonly readLink: (path: string) => Effect.Effect<string, DiskError>
  /** The names in a folder. */
  readonly readFolder: (path: string) => Effect.Effect<ReadonlyArray<string>, DiskError>
  /** Creates a file that must not exist yet, with all of `bytes`, flushed to disk. */
  readonly createFile: (path: string, bytes: Uint8Array, options: NewFileOptions) => Effect.Effect<void, DiskError>
  /** A second name for a file; fails when the new name exists. */
  readonly link: (existing: string, newPath: string) => Effect.Effect<void, DiskError>
  /** Renames, replacing what `to` named. */
  readonly rename: (from: string, to: string) => Effect.Effect<void, DiskError>
  /** Removes a file; nothing there is not an error. */
  readonly remove: (path: string) => Effect.Effect<void, DiskError>
  /** Makes the renames in a folder durable, as far as the platform allows. */
  readonly syncFolder: (path: string) => Effect.Effect<void>
  /** Creates a folder and its parents; gives the first folder it created. */
  readonly makeFolder: (path: string) => Effect.Effect<string | undefined, DiskError>
  /** Removes an empty folder, if it can. */
  readonly removeFolder: (path: string) => Effect.Effect<void>
  /** Removes a folder and everything in it; nothing there is not an error. */
  readonly removeTree: (path: string) => Effect.Effect<void, DiskError>
  /** Sets a file's access and modification times. */
  readonly setTimes: (path: string, time: Date) => Effect.Effect<void, DiskError>
  /** Fails when the process may not create files in a folder. */
  readonly checkWritable: (path: string) => Effect.Effect<void, DiskError>
  /** The space this process may use in a folder's file system, when known. */
  readonly freeBytes: (path: string) => Effect.Effect<number | undefined>
}

/**
 * The `Context.Service` class `Disk` extends. It is exported only because JSR and `deno doc`
 * need the base of a public class to have a name; use `Disk`.
 *
 * @ignore
 */
export const DiskBase: Context.ServiceClass<Disk, "uuidmap/Disk", DiskShape> = Context.Service<Disk, DiskShape>()("uuidmap/Disk")

/**
 * The operations. Paths are absolute or relative to the working folder.
 * - `stat`/`lstat`: facts about a path (through links, or of the link itself); `undefined`
 *   when nothing is there.
 * - `digest`: the size and sha256 of a file, streamed (a large ledger is not read into memory
 *   again); `undefined` when there is no file.
 * - `createFile`: creates a file that must not exist yet, writes all of `bytes`, sets its mode
 *   (and owner when allowed) and flushes it to disk; on any failure the partial file is removed.
 * - `link`: a second name for a file, failing when the new name exists (exclusive creation).
 * - `remove`: removes a file; nothing there is not an error.
 * - `syncFolder`: makes renames in a folder durable (best effort).
 * - `makeFolder`: creates a folder and its parents; returns the first folder it created.
 * - `removeTree`: removes a folder with everything in it (only the demo replaces its folder).
 * - `setTimes`: sets a file's times (the demo's files all get one fixed time).
 * - `freeBytes`: space available to this process in a folder's file system, when known.
 *
 * @example Reading a file through the real file system
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import { Disk } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * await fs.writeFile(path.join(folder, "clients.csv"), "row_id\n502\n")
 * const bytes = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(Disk), (disk) => disk.readFile(path.join(folder, "clients.csv"))).pipe(Effect.provide(Disk.layerNode))
 * )
 * assert.equal(new TextDecoder().decode(bytes), "row_id\n502\n")
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category services
 */
export class Disk extends DiskBase {
  /** The real file system (Node, and Deno through its Node compatibility). */
  static readonly layerNode: Layer.Layer<Disk> = Layer.sync(Disk, () => nodeDisk)
}
