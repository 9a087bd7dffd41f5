import { createHash } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { layerLocalFolder, makeLocalFolderStore } from "../../../src/io/store/LocalFolderStore.ts"
import { ObjectStore } from "../../../src/io/store/ObjectStore.ts"
import { tempDir, writeTree } from "../../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const listAll = (root: string, prefix = "") =>
  Effect.runPromise(Stream.runCollect(makeLocalFolderStore(root, 4).list(prefix))).then((objects) =>
    [...objects].sort((a, b) => (a.key < b.key ? -1 : 1))
  )

describe("local-folder store", () => {
  it("lists every file with its relative POSIX key, size, MD5 ETag and mtime", async () => {
    await writeTree(dir, { "502/Sam Torode/résumé.pdf": "hello", "files/a.bin": "xy" })
    const when = new Date("2024-05-01T12:00:00.000Z")
    await fs.utimes(path.join(dir, "files/a.bin"), when, when)
    const objects = await listAll(dir)
    expect(objects.map((o) => o.key)).toEqual(["502/Sam Torode/résumé.pdf", "files/a.bin"])
    expect(objects[0]!.size).toBe(5)
    expect(objects[0]!.etag).toBe(`"${createHash("md5").update("hello").digest("hex")}"`)
    expect(objects[1]!.lastModified).toBe("2024-05-01T12:00:00.000Z")
  })

  it("never follows a symbolic link, inside or outside the folder", async () => {
    const outside = await tempDir()
    try {
      await writeTree(outside.dir, { "secret.txt": "secret" })
      await writeTree(dir, { "502/a.pdf": "a" })
      await fs.symlink(outside.dir, path.join(dir, "escape"))
      await fs.symlink(path.join(outside.dir, "secret.txt"), path.join(dir, "502", "link.txt"))
      await fs.symlink(path.join(dir, "502"), path.join(dir, "loop"))
      expect((await listAll(dir)).map((o) => o.key)).toEqual(["502/a.pdf"])
    } finally {
      await outside.cleanup()
    }
  })

  it("lists only the keys under a prefix", async () => {
    await writeTree(dir, { "files/a": "1", "files2/b": "2", "502/c": "3" })
    expect((await listAll(dir, "files/")).map((o) => o.key)).toEqual(["files/a"])
    expect((await listAll(dir, "files")).map((o) => o.key)).toEqual(["files/a", "files2/b"])
  })

  it("fails with NoSuchBucket naming the folder when it does not exist", async () => {
    const program = Effect.gen(function*() {
      return yield* ObjectStore
    }).pipe(Effect.provide(layerLocalFolder(`file://${dir}/missing`)), Effect.flip)
    const error = await Effect.runPromise(program)
    expect(error._tag).toBe("StoreError")
    expect(error.reason).toBe("NoSuchBucket")
    expect(error.message).toContain(`${dir}/missing`)
  })

  it("has no user metadata", async () => {
    await writeTree(dir, { "files/a": "1" })
    expect(await Effect.runPromise(makeLocalFolderStore(dir, 1).metadata("files/a" as never))).toEqual({})
  })
})
