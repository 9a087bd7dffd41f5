/**
 * Conformance subset against moto's S3 server, a second implementation that lists in byte
 * order with correct pagination and url-encodes keys on request (so the decoding is really
 * exercised). moto must be installed: a missing moto fails this file, it is never skipped.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { unsafeObjectKey } from "../../../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../../../src/domain/StoredObject.ts"
import { startMoto } from "../../../support/s3/MotoServer.ts"
import type { MotoServer } from "../../../support/s3/MotoServer.ts"
import { byKey, expectedObject, seedThroughSdk } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions, readMetadata, withWarnings } from "../../../support/s3/S3TestStore.ts"

// Mixed case and punctuation over many pages: moto pages them correctly (s3rver would not).
const paged: Array<SeedObject> = Array.from({ length: 61 }, (_, i) => ({
  key: `${["A", "b", "C-d", "e.f", "G_h"][i % 5]}/${i % 2 === 0 ? "Up" : "low"}-${i}.${i % 3 === 0 ? "PDF" : "txt"}`,
  body: `paged ${i}`
}))

const awkward: Array<SeedObject> = [
  "502/Sam Torode/resume final.pdf",
  "503/Ünïcödé ✓/contract ü.docx",
  "504/a+b/c+d.txt",
  "505/Tom & Jerry/x&y.txt",
  "506/100%/p%20q%.txt",
  "507/q?x#y/z.txt",
  "508//double//slash.txt",
  "/leading-slash.txt",
  "509/tab\tkey",
  "510/ctl\u0001key",
  "files/",
  "deep/er/still/deeper.txt",
  "readme +&%.txt"
].map((key) => ({ key, body: `body of ${key}` }))

const withMetadata: Array<SeedObject> = [
  {
    key: "files/3f2a9c4e-1111-4222-8333-444455556666.pdf",
    body: "pdf",
    metadata: { "Row-Id": "502", "client-id": "c-9", "Original-Key": "502/Sam Torode/resume.pdf" }
  }
]

// Folders of folders with keys that sort next to folder boundaries: "502-x/" and "502.txt"
// sort before "502/" ("-" and "." are below "/"), "files0/" after every "files/" key, direct
// keys sit between folders, "503/" is also a key (a folder marker), and "！/" (U+FF01) sorts
// before "😀/" in S3's UTF-8 order though not in JavaScript's UTF-16 order.
const nested: Array<SeedObject> = [
  "!first.txt",
  "502-x/a.txt",
  "502.txt",
  "502/Sam_Torode/resume.pdf",
  "502/Sam_Torode/w9.pdf",
  "502/Sam_Torode/x/deep.pdf",
  "502/Zed Lee/a.pdf",
  "503/",
  "503/Ann_Lee/contract.docx",
  "503/Ann_Lee/sub/a b.pdf",
  "503/notes.txt",
  "files.txt",
  "files/3f2a9c4e-0000-4000-8000-000000000001.pdf",
  "files/3f2a9c4e-0000-4000-8000-000000000002.pdf",
  "files/3f2a9c4e-0000-4000-8000-000000000003.pdf",
  "files0/a.txt",
  "readme.txt",
  "ü/x/y.txt",
  "\uFF01/fullwidth.txt",
  "\u{1F600}/smile/a.txt",
  "\u{1F600}.txt",
  "zz.txt"
].map((key) => ({ key, body: `nested ${key}` }))

// moto stamps LastModified itself, so seeded objects are compared without it.
const withoutTime = (objects: ReadonlyArray<StoredObject>) =>
  objects.map(({ lastModified: _lastModified, ...rest }) => rest)

let moto: MotoServer

beforeAll(async () => {
  moto = await startMoto()
  await seedThroughSdk(moto.endpoint, "paged", paged)
  await seedThroughSdk(moto.endpoint, "awkward", awkward)
  await seedThroughSdk(moto.endpoint, "meta", withMetadata)
  await seedThroughSdk(moto.endpoint, "nested", nested)
})

afterAll(async () => {
  await moto?.stop()
})

describe("S3 store conformance on moto", () => {
  it.live("paginates with a small page size and yields exactly the seeded objects", () =>
    Effect.gen(function*() {
      const options = localStoreOptions(moto.endpoint, "s3://paged", { tuning: { pageSize: 7 } })
      const flat = yield* listSorted(options, "flat")
      const parallel = yield* listSorted({ ...options, concurrency: 3 }, "prefix-parallel")
      assert.deepStrictEqual(withoutTime(flat), withoutTime(byKey(paged.map((object) => expectedObject(object)))))
      assert.deepStrictEqual(parallel, flat)
      assert.isTrue(flat.every((object) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(object.lastModified)))
    }))

  it.live("url-encoded listings decode to the exact keys: spaces, unicode, +, &, %, //, leading / and control characters", () =>
    Effect.gen(function*() {
      const want = withoutTime(byKey(awkward.map((object) => expectedObject(object))))
      for (const urlEncodedListing of [true, false]) {
        const options = localStoreOptions(moto.endpoint, "s3://awkward", { tuning: { urlEncodedListing, pageSize: 4 } })
        const flat = yield* listSorted(options, "flat")
        const parallel = yield* listSorted({ ...options, concurrency: 4 }, "prefix-parallel")
        assert.deepStrictEqual(withoutTime(flat), want)
        assert.deepStrictEqual(parallel, flat)
      }
    }))

  it.live("auto lists folders of folders as the flat listing does, whichever key its first page ends on", () =>
    Effect.gen(function*() {
      const want = withoutTime(byKey(nested.map((object) => expectedObject(object))))
      const flat = yield* listSorted(localStoreOptions(moto.endpoint, "s3://nested"), "flat")
      assert.deepStrictEqual(withoutTime(flat), want)
      // Page size n ends the first page on the n-th key, so every key is once where auto resumes.
      for (let pageSize = 1; pageSize <= nested.length; pageSize++) {
        const auto = yield* listSorted(
          localStoreOptions(moto.endpoint, "s3://nested", { concurrency: 4, tuning: { pageSize } }),
          "auto"
        )
        assert.deepStrictEqual(auto, flat, `page size ${pageSize}`)
      }
    }))

  it.live("tiles cut at every folder or at every few give exactly the flat listing, with no fallback on a byte-ordered server", () =>
    Effect.gen(function*() {
      const flat = yield* listSorted(localStoreOptions(moto.endpoint, "s3://nested"), "flat")
      // A target of 1 key cuts a tile at every folder discovery reports; 3 and 50 every few or
      // none (one flat listing after the first page). Page sizes put boundaries everywhere.
      for (const tileTargetKeys of [1, 3, 50]) {
        for (const pageSize of [1, 2, 3, 5]) {
          const [listed, warnings] = yield* withWarnings(listSorted(
            localStoreOptions(moto.endpoint, "s3://nested", { concurrency: 3, tuning: { pageSize, tileTargetKeys } }),
            "auto"
          ))
          assert.deepStrictEqual(listed, flat, `tiles of ${tileTargetKeys} keys, page size ${pageSize}`)
          assert.deepStrictEqual(warnings, [], `tiles of ${tileTargetKeys} keys, page size ${pageSize}`)
        }
      }
    }))

  it.live("mixed case and punctuation over many pages: auto equals flat without falling back", () =>
    Effect.gen(function*() {
      const flat = yield* listSorted(localStoreOptions(moto.endpoint, "s3://paged", { tuning: { pageSize: 4 } }), "flat")
      const [auto, warnings] = yield* withWarnings(listSorted(
        localStoreOptions(moto.endpoint, "s3://paged", { concurrency: 4, tuning: { pageSize: 4, tileTargetKeys: 1 } }),
        "auto"
      ))
      assert.strictEqual(flat.length, paged.length)
      assert.deepStrictEqual(auto, flat)
      assert.deepStrictEqual(warnings, [])
    }))

  it.live("auto under a store prefix resumes inside it and strips it from keys", () =>
    Effect.gen(function*() {
      const want = withoutTime(byKey(
        nested.filter((o) => o.key.startsWith("502/")).map((object) => expectedObject(object, "502/"))
      ))
      for (const pageSize of [1, 2, 3]) {
        const auto = yield* listSorted(
          localStoreOptions(moto.endpoint, "s3://nested/502", { concurrency: 4, tuning: { pageSize } }),
          "auto"
        )
        assert.deepStrictEqual(withoutTime(auto), want, `page size ${pageSize}`)
      }
    }))

  it.live("a store prefix with // and spaces is stripped byte for byte", () =>
    Effect.gen(function*() {
      const doubled = yield* listSorted(localStoreOptions(moto.endpoint, "s3://awkward/508/"), "prefix-parallel")
      const spaced = yield* listSorted(localStoreOptions(moto.endpoint, "s3://awkward/502/Sam Torode"), "flat")
      assert.deepStrictEqual(doubled.map((object) => object.key), ["/double//slash.txt"])
      assert.deepStrictEqual(spaced.map((object) => object.key), ["resume final.pdf"])
    }))

  it.live("metadata returns user metadata with lower-case names and no x-amz-meta- prefix", () =>
    Effect.gen(function*() {
      const metadata = yield* readMetadata(
        localStoreOptions(moto.endpoint, "s3://meta"),
        unsafeObjectKey("files/3f2a9c4e-1111-4222-8333-444455556666.pdf")
      )
      assert.deepStrictEqual(metadata, {
        "row-id": "502",
        "client-id": "c-9",
        "original-key": "502/Sam Torode/resume.pdf"
      })
    }))

  it.live("an unknown bucket fails with NoSuchBucket", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(listSorted(localStoreOptions(moto.endpoint, "s3://absent-bucket"), "auto"))
      assert.strictEqual(error.reason, "NoSuchBucket")
      assert.include(error.message, "\"absent-bucket\"")
    }))

  it.live("metadata of a missing object fails with NoSuchKey", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        readMetadata(localStoreOptions(moto.endpoint, "s3://meta"), unsafeObjectKey("files/gone.pdf"))
      )
      assert.strictEqual(error.reason, "NoSuchKey")
      assert.include(error.message, "files/gone.pdf")
    }))
})
