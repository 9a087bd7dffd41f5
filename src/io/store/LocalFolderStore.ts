/**
 * The local-folder store (`--bucket file:///DIR`): a folder served as a read-only object
 * store, so that uuidmap can be tried, demoed and tested without a cloud account.
 *
 * Keys are relative POSIX paths. Size and last-modified come from the file system; the ETag is
 * the quoted MD5 of the content, as S3 gives for single-part uploads, so content matching
 * behaves the same on both stores. Symbolic links are never followed, so nothing outside DIR
 * is ever read.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { unsafeObjectKey } from "../../domain/ObjectKey.ts"
import { StoreError } from "../../domain/StoreError.ts"
import type { StoredObject } from "../../domain/StoredObject.ts"
import { ObjectStore } from "./ObjectStore.ts"

/**
 * Turns `file:///DIR` (or a plain path) into an absolute folder path.
 *
 * @example
 * ```ts
 * import { folderFromUrl } from "./LocalFolderStore.ts"
 * folderFromUrl("file:///tmp/bucket") // "/tmp/bucket"
 * ```
 * @category parsing
 */
export const folderFromUrl = (url: string): string =>
  url.startsWith("file://") ? path.resolve(decodeURIComponent(url.slice("file://".length)) || "/") : path.resolve(url)

// Walks depth-first, one directory handle open per level, so memory stays bounded by the depth
// of the tree rather than its size.
async function* walkFiles(root: string, relative: string): AsyncGenerator<string> {
  const dir = await fs.opendir(path.join(root, relative))
  for await (const entry of dir) {
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`
    if (entry.isDirectory()) yield* walkFiles(root, child)
    else if (entry.isFile()) yield child
    // Symlinks, sockets and devices are skipped: a link could lead outside the folder.
  }
}

const md5Etag = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash("md5")
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(`"${hash.digest("hex")}"`))
  })

const toStoreError = (location: string) => (cause: unknown): StoreError => {
  const code = (cause as { code?: string } | undefined)?.code
  return new StoreError({
    reason: code === "ENOENT" ? "NoSuchBucket" : code === "EACCES" ? "AccessDenied" : "ListingFailed",
    store: location,
    message: code === "ENOENT"
      ? `Folder ${location} does not exist; check --bucket`
      : `Cannot read folder ${location} (${code ?? String(cause)}); check its permissions`
  })
}

/**
 * Reads one file's facts: size, MD5 ETag, mtime.
 *
 * @example
 * ```ts
 * import { statObject } from "./LocalFolderStore.ts"
 * const object = statObject("/tmp/bucket", "502/a.pdf")
 * ```
 * @category constructors
 */
export const statObject = (root: string, key: string): Effect.Effect<StoredObject, StoreError> =>
  Effect.tryPromise({
    try: async () => {
      const file = path.join(root, key)
      const stats = await fs.lstat(file)
      return {
        key: unsafeObjectKey(key),
        size: stats.size,
        etag: await md5Etag(file),
        lastModified: stats.mtime.toISOString()
      }
    },
    catch: toStoreError(`file://${root}`)
  })

/**
 * Builds the store for a folder. `concurrency` bounds how many files are hashed at once.
 *
 * @example
 * ```ts
 * import { makeLocalFolderStore } from "./LocalFolderStore.ts"
 * const store = makeLocalFolderStore("/tmp/bucket", 8)
 * ```
 * @category constructors
 */
export const makeLocalFolderStore = (root: string, concurrency: number): ObjectStore["Service"] => {
  const location = `file://${root}`
  return {
    location,
    list: (prefix) => {
      // Walk only the folder the prefix names, then filter by the full prefix.
      const slash = prefix.lastIndexOf("/")
      const start = slash === -1 ? "" : prefix.slice(0, slash)
      return Stream.fromAsyncIterable(walkFiles(root, start), toStoreError(location)).pipe(
        Stream.filter((key) => key.startsWith(prefix)),
        Stream.mapEffect((key) => statObject(root, key), { concurrency })
      )
    },
    metadata: () => Effect.succeed({}),
    // A folder is read directly: no requests to count.
    requests: Effect.succeed({ list: 0, head: 0 })
  }
}

/**
 * The store as a Layer. Fails with a StoreError when the folder does not exist.
 *
 * @example
 * ```ts
 * import { layerLocalFolder } from "./LocalFolderStore.ts"
 * const layer = layerLocalFolder("file:///tmp/bucket")
 * ```
 * @category layers
 */
export const layerLocalFolder = (url: string, concurrency = 8): Layer.Layer<ObjectStore, StoreError> =>
  Layer.effect(
    ObjectStore,
    Effect.gen(function*() {
      const root = folderFromUrl(url)
      const stats = yield* Effect.tryPromise({ try: () => fs.stat(root), catch: toStoreError(`file://${root}`) })
      if (!stats.isDirectory()) {
        return yield* new StoreError({ reason: "InvalidLocation", store: `file://${root}`, message: `${root} is not a folder; check --bucket` })
      }
      return makeLocalFolderStore(root, concurrency)
    })
  )
