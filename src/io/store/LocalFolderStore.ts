/**
 * The local-folder store (`--bucket file:///DIR`): a folder served as a read-only object
 * store, so that uuidmap can be tried, demoed and tested without a cloud account.
 *
 * Keys are relative POSIX paths. Size and last-modified come from the file system; the ETag is
 * the quoted MD5 of the content, as S3 gives for single-part uploads, so content matching
 * behaves the same on both stores. Symbolic links are never followed and `..` is refused, so
 * nothing outside DIR is ever read. What cannot be read (a file deleted during the walk, one
 * without read permission, a name that is not UTF-8, a link) is listed as an
 * `UnreadableEntry`, for the program to report or refuse.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { constants } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { unsafeObjectKey } from "../../domain/ObjectKey.ts"
import { StoreError } from "../../domain/StoreError.ts"
import { type ListedEntry, ObjectStore } from "./ObjectStore.ts"
import { problemOf, type WalkedEntry, type WalkedFile, walkFolder } from "./LocalFolderWalk.ts"
import { errorCode } from "../files/ErrorCode.ts"

/**
 * Turns `file:///DIR` (or a plain path) into an absolute folder path. The path is taken
 * literally, without percent-decoding (as for an S3 prefix): a folder may be named `100%` or
 * `a%20b`, and decoding would name another folder, or crash on `%zz`.
 *
 * @example Taken literally
 * ```ts
 * import assert from "node:assert/strict"
 * import { folderFromUrl } from "./LocalFolderStore.ts"
 *
 * assert.equal(folderFromUrl("file:///tmp/bucket"), "/tmp/bucket")
 * assert.equal(folderFromUrl("file:///data/50%25 off"), "/data/50%25 off")
 * ```
 * @category parsing
 */
export const folderFromUrl = (url: string): string =>
  path.resolve(url.startsWith("file://") ? url.slice("file://".length) || "/" : url)

// What a user who wrote a URL-encoded path meant, when that folder exists and theirs does not.
const decodedAlternative = async (folder: string): Promise<string | undefined> => {
  let decoded: string
  try {
    decoded = decodeURIComponent(folder)
  } catch {
    return undefined
  }
  if (decoded === folder) return undefined
  return fs.stat(decoded).then((stats) => (stats.isDirectory() ? decoded : undefined), () => undefined)
}

const md5Etag = (handle: fs.FileHandle): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash("md5")
    handle.createReadStream({ autoClose: false })
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(`"${hash.digest("hex")}"`))
  })

const folderError = (location: string) => (cause: unknown): StoreError => {
  const code = errorCode(cause)
  return new StoreError({
    reason: code === "ENOENT" ? "NoSuchBucket" : code === "EACCES" ? "AccessDenied" : "ListingFailed",
    store: location,
    message: code === "ENOENT"
      ? `Folder ${location} does not exist; check --bucket`
      : `Cannot read folder ${location} (${code ?? String(cause)}); check its permissions`
  })
}

const fileError = (location: string, key: string, cause: unknown): StoreError =>
  new StoreError({
    reason: "UnreadableObject",
    store: location,
    message: `Cannot read ${JSON.stringify(key)} in ${location} (${errorCode(cause) ?? String(cause)})`
  })

// One walked file's facts: size, MD5 ETag and mtime, from the file it opened (not a link).
const readFile = async (file: WalkedFile): Promise<ListedEntry> => {
  const handle = await fs.open(file.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return { _tag: "Unreadable", key: file.key, problem: "skipped", detail: "not a regular file" }
    return { key: unsafeObjectKey(file.key), size: stats.size, etag: await md5Etag(handle), lastModified: stats.mtime.toISOString() }
  } finally {
    await handle.close()
  }
}

/**
 * Reads one walked entry into a listing entry: a file's facts, or what kept it from being
 * read (deleted since the walk saw it, no permission). Only an unexpected failure is an error.
 *
 * @category reading
 */
export const readWalkedEntry = (location: string) => (walked: WalkedEntry): Effect.Effect<ListedEntry, StoreError> => {
  if (walked._tag === "Problem") return Effect.succeed({ _tag: "Unreadable", key: walked.key, problem: walked.problem, detail: walked.detail })
  return Effect.tryPromise({ try: () => readFile(walked), catch: (cause) => cause }).pipe(
    Effect.catch((cause) => {
      const problem = problemOf(cause, true)
      return problem === undefined
        ? Effect.fail(fileError(location, walked.key, cause))
        : Effect.succeed<ListedEntry>({ _tag: "Unreadable", key: walked.key, ...problem })
    })
  )
}

const leavesFolder = (prefix: string): boolean => prefix.startsWith("/") || prefix.split("/").some((segment) => segment === "..")

/**
 * Builds the store for a folder (a real path: no symbolic link in it). `concurrency` bounds
 * how many files are hashed at once. A prefix that would lead out of the folder (`..`, `/…`)
 * is refused.
 *
 * @category constructors
 */
export const makeLocalFolderStore = (root: string, concurrency: number): ObjectStore["Service"] => {
  const location = `file://${root}`
  return {
    location,
    list: (prefix) => {
      if (leavesFolder(prefix)) {
        return Stream.fail(new StoreError({ reason: "InvalidLocation", store: location, message: `Prefix ${JSON.stringify(prefix)} leads out of ${location}` }))
      }
      // Walk only the folder the prefix names, then filter by the full prefix.
      const slash = prefix.lastIndexOf("/")
      const start = slash === -1 ? "" : prefix.slice(0, slash)
      const startPath = start === "" ? root : path.join(root, start)
      return Stream.fromAsyncIterable(walkFolder(root, start, startPath), folderError(location)).pipe(
        Stream.filter((entry) => entry.key.startsWith(prefix)),
        Stream.mapEffect(readWalkedEntry(location), { concurrency })
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
 * @example Listing a folder
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { layerLocalFolder, ObjectStore } from "uuidmap"
 *
 * const bucket = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * await fs.mkdir(path.join(bucket, "502"))
 * await fs.writeFile(path.join(bucket, "502", "a.txt"), "hello")
 * const listed = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(ObjectStore), (store) => Stream.runCollect(store.list(""))).pipe(Effect.provide(layerLocalFolder(`file://${bucket}`)))
 * )
 * assert.deepStrictEqual(Array.from(listed, (entry) => ("etag" in entry ? [entry.key, entry.size, entry.etag] : entry.key)), [
 *   ["502/a.txt", 5, "\"5d41402abc4b2a76b9719d911017c592\""] // the MD5 of the content, as S3 gives it
 * ])
 * await fs.rm(bucket, { recursive: true })
 * ```
 * @category layers
 */
export const layerLocalFolder = (url: string, concurrency = 8): Layer.Layer<ObjectStore, StoreError> =>
  Layer.effect(
    ObjectStore,
    Effect.gen(function*() {
      const folder = folderFromUrl(url)
      const location = `file://${folder}`
      const stats = yield* Effect.tryPromise({ try: () => fs.stat(folder), catch: folderError(location) }).pipe(
        Effect.catchIf((error) => error.reason === "NoSuchBucket", (error) =>
          Effect.flatMap(Effect.promise(() => decodedAlternative(folder)), (decoded) =>
            Effect.fail(decoded === undefined ? error : new StoreError({
              ...error,
              message: `${error.message} (the path is read literally, without %-decoding: did you mean file://${decoded}?)`
            }))))
      )
      if (!stats.isDirectory()) {
        return yield* new StoreError({ reason: "InvalidLocation", store: location, message: `${folder} is not a folder; check --bucket` })
      }
      // The real path, so that "inside the folder" means the same for every entry.
      const root = yield* Effect.tryPromise({ try: () => fs.realpath(folder), catch: folderError(location) })
      return makeLocalFolderStore(root, concurrency)
    })
  )
