import { createHash } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { folderFromUrl, layerLocalFolder, makeLocalFolderStore, readWalkedEntry } from "../../../src/io/store/LocalFolderStore.ts"
import { walkFolder } from "../../../src/io/store/LocalFolderWalk.ts"
import { isUnreadable, ObjectStore, type UnreadableEntry } from "../../../src/io/store/ObjectStore.ts"
import { tempDir, writeTree } from "../../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  dir = await fs.realpath(dir)
})
afterEach(() => cleanup())

const byKey = <A extends { readonly key: string }>(entries: ReadonlyArray<A>) => [...entries].sort((a, b) => (a.key < b.key ? -1 : 1))

const listEntries = async (root: string, prefix = "") => {
  const entries = [...await Effect.runPromise(Stream.runCollect(makeLocalFolderStore(root, 4).list(prefix)))]
  return {
    objects: byKey(entries.filter((entry): entry is StoredObject => !isUnreadable(entry))),
    unreadable: byKey(entries.filter(isUnreadable))
  }
}
const listAll = async (root: string, prefix = "") => (await listEntries(root, prefix)).objects

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

  it("never follows a symbolic link, inside or outside the folder, and says it skipped each", async () => {
    const outside = await tempDir()
    try {
      await writeTree(outside.dir, { "secret.txt": "secret" })
      await writeTree(dir, { "502/a.pdf": "a" })
      await fs.symlink(outside.dir, path.join(dir, "escape"))
      await fs.symlink(path.join(outside.dir, "secret.txt"), path.join(dir, "502", "link.txt"))
      await fs.symlink(path.join(dir, "502"), path.join(dir, "loop"))
      await fs.symlink("../../..", path.join(dir, "502", "up"))
      const { objects, unreadable } = await listEntries(dir)
      expect(objects.map((o) => o.key)).toEqual(["502/a.pdf"])
      expect(unreadable.map((u) => [u.key, u.problem])).toEqual([
        ["502/link.txt", "skipped"],
        ["502/up", "skipped"],
        ["escape", "skipped"],
        ["loop", "skipped"]
      ])
    } finally {
      await outside.cleanup()
    }
  })

  it("refuses a prefix that leads out of the folder", async () => {
    await writeTree(dir, { "502/a.pdf": "a" })
    for (const prefix of ["../", "502/../../", "/etc/"]) {
      const error = await Effect.runPromise(Effect.flip(Stream.runCollect(makeLocalFolderStore(path.join(dir, "502"), 1).list(prefix))))
      expect(error).toMatchObject({ _tag: "StoreError", reason: "InvalidLocation" })
      expect(error.message).toContain("leads out of")
    }
  })

  it("lists only the keys under a prefix", async () => {
    await writeTree(dir, { "files/a": "1", "files2/b": "2", "502/c": "3" })
    expect((await listAll(dir, "files/")).map((o) => o.key)).toEqual(["files/a"])
    expect((await listAll(dir, "files")).map((o) => o.key)).toEqual(["files/a", "files2/b"])
  })

  it("lists a file deleted after the walk saw it as vanished, not as an error", async () => {
    await writeTree(dir, { "502/a.pdf": "a" })
    const walk = walkFolder(dir, "")
    const walked = (await walk.next()).value
    expect(walked).toMatchObject({ _tag: "File", key: "502/a.pdf" })
    await fs.rm(path.join(dir, "502", "a.pdf"))
    const read = await Effect.runPromise(readWalkedEntry(`file://${dir}`)(walked!))
    expect(read).toEqual({ _tag: "Unreadable", key: "502/a.pdf", problem: "vanished", detail: "it was deleted while the folder was being read" })
  })

  it("lists a file whose name is not UTF-8 as unreadable, its bytes escaped in the key", async () => {
    await writeTree(dir, { "502/ok.pdf": "a" })
    await fs.writeFile(Buffer.concat([Buffer.from(`${dir}/502/caf`), Buffer.from([0xe9]), Buffer.from(".pdf")]), "b")
    const { objects, unreadable } = await listEntries(dir)
    expect(objects.map((o) => o.key)).toEqual(["502/ok.pdf"])
    expect(unreadable).toEqual<Array<UnreadableEntry>>([
      { _tag: "Unreadable", key: "502/caf\\xe9.pdf", problem: "bad-name", detail: "its name is not valid UTF-8 (an S3 key is UTF-8): rename it" }
    ])
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

  it("reads the folder path literally, % included, and suggests the decoded folder when only that one exists", async () => {
    await writeTree(dir, { "100%/502/a.pdf": "a", "a b/502/c.pdf": "c" })
    expect(folderFromUrl(`file://${dir}/100%`)).toBe(`${dir}/100%`)
    const objects = await Effect.runPromise(Effect.gen(function*() {
      const store = yield* ObjectStore
      return yield* Stream.runCollect(store.list(""))
    }).pipe(Effect.provide(layerLocalFolder(`file://${dir}/100%`))))
    expect([...objects].map((o) => o.key)).toEqual(["502/a.pdf"])
    const error = await Effect.runPromise(Effect.flip(Effect.gen(function*() {
      return yield* ObjectStore
    }).pipe(Effect.provide(layerLocalFolder(`file://${dir}/a%20b`)))))
    expect(error.message).toContain(`did you mean file://${dir}/a b?`)
    const bad = await Effect.runPromise(Effect.flip(Effect.gen(function*() {
      return yield* ObjectStore
    }).pipe(Effect.provide(layerLocalFolder(`file://${dir}/50%zz`)))))
    expect(bad.reason).toBe("NoSuchBucket")
  })

  it("has no user metadata", async () => {
    await writeTree(dir, { "files/a": "1" })
    expect(await Effect.runPromise(makeLocalFolderStore(dir, 1).metadata("files/a" as never))).toEqual({})
  })
})
