/**
 * The real file system behind `Disk.layerNode`: `node:fs` (Node, and Deno through its Node
 * compatibility), every failure turned into a `DiskError` that names the operation and path.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as Effect from "effect/Effect"
import type { DiskShape, FileFacts } from "./Disk.ts"
import { type DiskError, toDiskError } from "./DiskError.ts"
import type { Digest } from "./FileDigest.ts"
import { errorCode } from "./ErrorCode.ts"

/**
 * The operations of `Disk.layerNode`, for wrappers that change one of them.
 *
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
          .on("error", (error) => (errorCode(error) === "ENOENT" ? resolve(undefined) : reject(error)))
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
      if (options.keepUmask === true) return
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
  removeTree: (path) => attempt("remove", path, () => fs.rm(path, { recursive: true, force: true })),
  setTimes: (path, time) => attempt("set the times of", path, () => fs.utimes(path, time, time)),
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
  if (errorCode(error) === "ENOENT") return undefined
  throw error
}

