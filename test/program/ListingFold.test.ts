import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { type ListedEntry, ObjectStore, type UnreadableEntry } from "../../src/io/store/ObjectStore.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { emptyListingFold, foldListing, ledgerKeysOf, listBucket } from "../../src/program/ListingFold.ts"
import { mapped, object as fixture, uuid } from "../support/StateBuilder.ts"

const layout = { poolPrefix: "files/" }
const vanished = (key: string): UnreadableEntry => ({ _tag: "Unreadable", key, problem: "vanished", detail: "it was deleted while the folder was being read" })
const object = (key: string): ListedEntry => ({ key: unsafeObjectKey(key), size: 1, etag: "\"e\"", lastModified: "2024-05-01T00:00:00.000Z" })

const list = (entries: ReadonlyArray<ListedEntry>, ledgerKeys: ReadonlyArray<string> = []) =>
  Effect.runPromise(Effect.result(listBucket(new Set(["502"]), layout, new Map(ledgerKeys.map((key) => [key, null]))).pipe(
    Effect.provide(Layer.succeed(ObjectStore, { location: "file:///bucket", list: () => Stream.fromIterable(entries), metadata: () => Effect.succeed({}), requests: Effect.succeed({ list: 0, head: 0 }) }))
  )))

describe("listing entries a local folder could not read", () => {
  it("reports what the run would not map, and carries on", async () => {
    const result = await list([
      object("502/a.pdf"),
      vanished("misc/readme.txt"),
      vanished("999/x.pdf"),
      vanished("files/notes.txt"),
      vanished("misc/"),
      { _tag: "Unreadable", key: "502/link.pdf", problem: "skipped", detail: "a symbolic link, never followed" }
    ])
    expect(result._tag).toBe("Success")
    if (result._tag !== "Success") return
    expect([...result.success.objects.keys()]).toEqual(["502/a.pdf"])
    expect(result.success.findings.map((f) => [f.kind, f.subject])).toEqual([
      ["unreadable", "502/link.pdf"],
      ["unreadable", "999/x.pdf"],
      ["unreadable", "files/notes.txt"],
      ["unreadable", "misc/"],
      ["unreadable", "misc/readme.txt"]
    ])
  })

  const blocking: ReadonlyArray<readonly [string, ListedEntry, ReadonlyArray<string>]> = [
    ["a client-folder file", vanished("502/a.pdf"), []],
    ["a pool file", vanished(`files/${uuid(1)}.pdf`), []],
    ["a file the ledger knows, wherever it is", vanished("misc/old.pdf"), ["misc/old.pdf"]],
    ["a client folder", vanished("502/sub/"), []],
    ["the pool folder", vanished("files/"), []],
    ["a folder holding a ledger key", vanished("misc/"), ["misc/old.pdf"]],
    ["an unreadable client-folder file", { _tag: "Unreadable", key: "502/a.pdf", problem: "unreadable", detail: "permission denied: check its permissions" }, []],
    ["a client-folder file named in bad UTF-8", { _tag: "Unreadable", key: "502/caf\\xe9.pdf", problem: "bad-name", detail: "its name is not valid UTF-8" }, []]
  ]
  for (const [name, entry, ledgerKeys] of blocking) {
    it(`fails with exit-4 StoreError naming ${name} and what is wrong`, async () => {
      const result = await list([object("502/b.pdf"), entry], ledgerKeys)
      expect(result._tag).toBe("Failure")
      if (result._tag !== "Failure") return
      expect(result.failure).toMatchObject({ _tag: "StoreError", reason: "UnreadableObject", store: "file:///bucket" })
      expect(result.failure.message).toContain(`Cannot read ${JSON.stringify((entry as UnreadableEntry).key)} in file:///bucket: ${(entry as UnreadableEntry).detail}`)
      expect(result.failure.message).toContain("nothing was written")
    })
  }
})

describe("listed objects the ledger saw", () => {
  const fold = (listed: StoredObject, row: Mapping) =>
    foldListing(new Set(["502"]), layout, ledgerKeysOf([row]))(emptyListingFold(), listed).objects.get(listed.key)

  it("keep the listed facts when the row saw them as they are now (sharing the row's strings)", () => {
    const listed = fixture("502/a.pdf")
    const row: Mapping = { ...mapped(uuid(1), "502/a.pdf", "502"), size: listed.size, etag: listed.etag, lastModified: listed.lastModified }
    const kept = fold(listed, row)
    expect(kept).toEqual(listed)
    expect(kept).not.toBe(listed)
  })

  it("keep the listed object itself when any fact changed since the row", () => {
    const listed = fixture("502/a.pdf")
    const seen = { ...mapped(uuid(1), "502/a.pdf", "502"), size: listed.size, etag: listed.etag, lastModified: listed.lastModified }
    for (const row of [{ ...seen, size: listed.size + 1 }, { ...seen, etag: "\"changed\"" }, { ...seen, lastModified: null }, mapped(uuid(1), "502/a.pdf", "502")]) {
      expect(fold(listed, row)).toBe(listed)
    }
  })
})
