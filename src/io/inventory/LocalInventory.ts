/**
 * An inventory on disk (`file:///…/manifest.json`, or `file:///…/<config-id>/` for the newest
 * dated manifest). The manifest's file keys are keys of the destination bucket, so the mirror
 * of that bucket is found by walking up from the manifest's folder until the first key exists.
 *
 * @module
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import { InventoryError } from "../../domain/InventoryError.ts"
import { checkManifestChecksum, decodeManifest } from "./InventoryManifest.ts"
import { type InventoryFiles, isDatedFolder, type LocatedInventory } from "./InventorySource.ts"

const chunkBytes = 256 * 1024

const fail = (reason: InventoryError["reason"], file: string, message: string) =>
  new InventoryError({ reason, file, line: 0, column: 0, message })

const statOf = (file: string) => Effect.promise(() => fs.stat(file).then((stats) => stats, () => undefined))

const readBytes = (file: string) =>
  Effect.tryPromise({
    try: () => fs.readFile(file),
    catch: (cause) => fail("MissingFile", file, `Cannot read file: ${String((cause as Error).message ?? cause)}`)
  })

/** The newest dated folder of a config folder that holds a manifest.json. */
const newestManifest = (folder: string) =>
  Effect.gen(function*() {
    const entries = yield* Effect.tryPromise({
      try: () => fs.readdir(folder),
      catch: (cause) => fail("NoManifest", folder, `Cannot read folder: ${String((cause as Error).message ?? cause)}`)
    })
    const dated = entries.filter(isDatedFolder).sort().reverse()
    for (const name of dated) {
      const candidate = path.join(folder, name, "manifest.json")
      if ((yield* statOf(candidate))?.isFile() === true) return candidate
    }
    return yield* fail("NoManifest", folder, "Folder holds no dated folder (like 2024-05-01T01-00Z) with a manifest.json; give the manifest or the inventory configuration's folder")
  })

/** The folder above `start` (or `start` itself) under which `key` exists. */
const findMirror = (start: string, key: string) =>
  Effect.gen(function*() {
    let folder = start
    while (true) {
      if ((yield* statOf(path.join(folder, ...key.split("/"))))?.isFile() === true) return folder
      const parent = path.dirname(folder)
      if (parent === folder) return undefined
      folder = parent
    }
  })

const readable = (file: string): ReadableStream<Uint8Array> => {
  let handle: fs.FileHandle | undefined
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        handle ??= await fs.open(file, "r")
        const buffer = new Uint8Array(chunkBytes)
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null)
        if (bytesRead === 0) {
          await handle.close()
          controller.close()
        } else {
          controller.enqueue(buffer.subarray(0, bytesRead))
        }
      } catch (cause) {
        await handle?.close().catch(() => undefined)
        controller.error(fail("BadFile", file, `Cannot read file: ${String((cause as Error).message ?? cause)}`))
      }
    },
    async cancel() {
      await handle?.close()
    }
  })
}

const localFiles = (root: string): InventoryFiles => {
  const name = (key: string) => path.join(root, ...key.split("/"))
  const present = (key: string) =>
    Effect.flatMap(statOf(name(key)), (stats) =>
      stats?.isFile() === true
        ? Effect.void
        : Effect.fail(fail("MissingFile", name(key), `Data file named in the manifest does not exist (looked in the mirror ${root})`)))
  return {
    name,
    stream: (key) => Effect.as(present(key), readable(name(key))),
    randomAccess: (key, size) =>
      Effect.as(present(key), {
        byteLength: size,
        slice: async (start: number, end?: number) => {
          const stop = end ?? size
          const handle = await fs.open(name(key), "r")
          try {
            const buffer = new Uint8Array(stop - start)
            let done = 0
            while (done < buffer.length) {
              const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done)
              if (bytesRead === 0) break
              done += bytesRead
            }
            return buffer.buffer.slice(0, done)
          } finally {
            await handle.close()
          }
        }
      })
  }
}

/**
 * Finds and decodes a local inventory: the manifest (or the newest dated one of a config
 * folder), checked against `manifest.checksum` when that file is beside it.
 *
 * @category reading
 */
export const locateLocalInventory = (url: string): Effect.Effect<LocatedInventory, InventoryError> =>
  Effect.gen(function*() {
    const target = yield* Effect.try({
      try: () => fileURLToPath(url),
      catch: () => fail("NoManifest", url, "Inventory location is not a valid file:// URL")
    })
    const stats = yield* statOf(target)
    if (stats === undefined) return yield* fail("NoManifest", target, "Inventory manifest or folder does not exist")
    const manifestName = stats.isDirectory() ? yield* newestManifest(target) : target
    const bytes = yield* readBytes(manifestName)
    const checksumFile = path.join(path.dirname(manifestName), "manifest.checksum")
    if ((yield* statOf(checksumFile))?.isFile() === true) {
      yield* checkManifestChecksum(manifestName, bytes, new TextDecoder().decode(yield* readBytes(checksumFile)))
    }
    const manifest = yield* decodeManifest(manifestName, bytes)
    const first = manifest.files[0]
    const start = path.dirname(manifestName)
    const root = first === undefined ? start : yield* findMirror(start, first.key)
    if (root === undefined) {
      return yield* fail(
        "MissingFile",
        manifestName,
        `Data file "${first!.key}" was not found under any folder above the manifest; keep the mirror of the destination bucket around it`
      )
    }
    const located: LocatedInventory = { manifestName, manifest, files: localFiles(root) }
    return located
  })
