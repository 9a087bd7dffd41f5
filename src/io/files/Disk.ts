/**
 * The file-system operations the write path needs, as one service. Every write of the clients
 * CSV, the ledger, their backups, the lock and the commit record goes through it, so tests can
 * put a real failure (a full disk, a file edited at the worst moment) at any step by wrapping
 * the real implementation, without patching `node:fs`.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type DiskError, toDiskError } from "./DiskError.ts"
import type { Digest } from "./FileDigest.ts"

/**
 * What `stat` tells about a path.
 *
 * @example
 * ```ts
 * import type { FileFacts } from "./Disk.ts"
 * const facts: FileFacts = { kind: "file", size: 10, mode: 0o600, uid: 1000, gid: 1000, dev: 2049, ino: 12 }
 * ```
 * @category models
 */
export interface FileFacts {
  readonly kind: "file" | "folder" | "symlink" | "other"
  readonly size: number
  /** Permission bits only (`mode & 0o7777`). */
  readonly mode: number
  readonly uid: number
  readonly gid: number
  readonly dev: number
  readonly ino: number
}

/**
 * How a new file is created: its permission bits and, where the process may set them, its
 * owner and group.
 *
 * @example
 * ```ts
 * import type { NewFileOptions } from "./Disk.ts"
 * const options: NewFileOptions = { mode: 0o600, owner: { uid: 1000, gid: 1000 } }
 * ```
 * @category models
 */
export interface NewFileOptions {
  readonly mode: number
  readonly owner?: { readonly uid: number; readonly gid: number } | undefined
}

/**
 * The operations of the `Disk` service (see `Disk`).
 *
 * @example
 * ```ts
 * import type { DiskShape } from "./Disk.ts"
 * ```
 * @category services
 */
export interface DiskShape {
  readonly readFile: (path: string) => Effect.Effect<Uint8Array, DiskError>
  readonly digest: (path: string) => Effect.Effect<Digest | undefined, DiskError>
  readonly stat: (path: string) => Effect.Effect<FileFacts | undefined, DiskError>
  readonly lstat: (path: string) => Effect.Effect<FileFacts | undefined, DiskError>
  readonly realPath: (path: string) => Effect.Effect<string, DiskError>
  readonly readLink: (path: string) => Effect.Effect<string, DiskError>
  readonly readFolder: (path: string) => Effect.Effect<ReadonlyArray<string>, DiskError>
  readonly createFile: (path: string, bytes: Uint8Array, options: NewFileOptions) => Effect.Effect<void, DiskError>
  readonly link: (existing: string, newPath: string) => Effect.Effect<void, DiskError>
  readonly rename: (from: string, to: string) => Effect.Effect<void, DiskError>
  readonly remove: (path: string) => Effect.Effect<void, DiskError>
  readonly syncFolder: (path: string) => Effect.Effect<void>
  readonly makeFolder: (path: string) => Effect.Effect<string | undefined, DiskError>
  readonly removeFolder: (path: string) => Effect.Effect<void>
  readonly checkWritable: (path: string) => Effect.Effect<void, DiskError>
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
 * - `freeBytes`: space available to this process in a folder's file system, when known.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Disk } from "./Disk.ts"
 * const program = Effect.gen(function*() {
 *   const disk = yield* Disk
 *   return yield* disk.readFile("clients.csv")
 * }).pipe(Effect.provide(Disk.layerNode))
 * ```
 * @category services
 */
export class Disk extends DiskBase {
  /** The real file system (Node, and Deno through its Node compatibility). */
  static readonly layerNode: Layer.Layer<Disk> = Layer.sync(Disk, () => nodeDisk)
}

/**
 * The operations of `Disk.layerNode`, for wrappers that change one of them.
 *
 * @example
 * ```ts
 * import * as Layer from "effect/Layer"
 * import { Disk, nodeDisk } from "./Disk.ts"
 * const layer = Layer.succeed(Disk, { ...nodeDisk })
 * ```
 * @category implementations
 */
export const nodeDisk: DiskShape = {
  readFile: (path) => attempt("read", path, () => fs.readFile(path)),
  digest: (path) =>
    attempt("read", path, () =>
      new Promise<Digest | undefined>((resolve, reject) => {
        const hash = createHash("sha256")
        let size = 0
        createReadStream(path)
          .on("data", (chunk) => {
            size += chunk.length
            hash.update(chunk)
          })
          .on("error", (error) => ((error as { code?: string }).code === "ENOENT" ? resolve(undefined) : reject(error)))
          .on("end", () => resolve({ size, sha256: hash.digest("hex") }))
      })),
  stat: (path) => attempt("stat", path, () => fs.stat(path).then(factsOf, absentAsUndefined)),
  lstat: (path) => attempt("stat", path, () => fs.lstat(path).then(factsOf, absentAsUndefined)),
  realPath: (path) => attempt("resolve", path, () => fs.realpath(path)),
  readLink: (path) => attempt("read link", path, () => fs.readlink(path)),
  readFolder: (path) => attempt("list", path, () => fs.readdir(path)),
  createFile: (path, bytes, options) =>
    attempt("write", path, async () => {
      const handle = await fs.open(path, "wx", options.mode)
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } catch (error) {
        await handle.close().catch(() => undefined)
        await fs.rm(path, { force: true })
        throw error
      }
      await handle.close()
      // The umask may have cleared bits that `open` asked for; chmod sets exactly these.
      await fs.chmod(path, options.mode).catch(async (error) => {
        await fs.rm(path, { force: true })
        throw error
      })
      const owner = options.owner
      if (owner !== undefined) await fs.chown(path, owner.uid, owner.gid).catch(() => undefined)
    }),
  link: (existing, newPath) => attempt("link", newPath, () => fs.link(existing, newPath)),
  rename: (from, to) => attempt("rename", to, () => fs.rename(from, to)),
  remove: (path) => attempt("remove", path, () => fs.rm(path, { force: true })),
  syncFolder: (path) =>
    Effect.promise(async () => {
      // Some platforms cannot open a folder; the rename is still atomic there.
      const handle = await fs.open(path, "r").catch(() => undefined)
      if (handle === undefined) return
      await handle.sync().catch(() => undefined)
      await handle.close().catch(() => undefined)
    }),
  makeFolder: (path) => attempt("create folder", path, () => fs.mkdir(path, { recursive: true })),
  removeFolder: (path) => Effect.promise(() => fs.rmdir(path).catch(() => undefined)),
  checkWritable: (path) => attempt("write", path, () => fs.access(path, fs.constants.W_OK | fs.constants.X_OK)),
  freeBytes: (path) =>
    Effect.promise(async () => {
      if (typeof fs.statfs !== "function") return undefined
      const facts = await fs.statfs(path).catch(() => undefined)
      return facts === undefined ? undefined : Number(facts.bavail) * Number(facts.bsize)
    })
}

const attempt = <A>(operation: string, path: string, run: () => Promise<A>): Effect.Effect<A, DiskError> =>
  Effect.tryPromise({ try: run, catch: toDiskError(operation, path) })

const factsOf = (stats: import("node:fs").Stats): FileFacts => ({
  kind: stats.isSymbolicLink() ? "symlink" : stats.isFile() ? "file" : stats.isDirectory() ? "folder" : "other",
  size: stats.size,
  mode: stats.mode & 0o7777,
  uid: stats.uid,
  gid: stats.gid,
  dev: stats.dev,
  ino: stats.ino
})

const absentAsUndefined = (error: unknown): undefined => {
  if ((error as { code?: string }).code === "ENOENT") return undefined
  throw error
}

// File systems without hard links (FAT, some network shares) answer `link` with one of these.
const noHardLinks = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"])

/**
 * Gives the complete temp file `temp` the name `name`, failing with reason `"Exists"` when
 * the name is taken. It is a `link`, so the name appears with its whole content at once; on a
 * file system without hard links the bytes are written to `name` directly (created
 * exclusively, removed again if the write fails).
 *
 * @example
 * ```ts
 * import { publishExclusive } from "./Disk.ts"
 * const published = publishExclusive("/data/.x.tmp", "/data/clients.csv.lock", bytes, { mode: 0o644 })
 * ```
 * @category operations
 */
export const publishExclusive = (
  temp: string,
  name: string,
  bytes: Uint8Array,
  options: NewFileOptions
): Effect.Effect<void, DiskError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    yield* disk.link(temp, name).pipe(
      Effect.catchTag("DiskError", (error) => (noHardLinks.has(error.code) ? disk.createFile(name, bytes, options) : Effect.fail(error)))
    )
  })
