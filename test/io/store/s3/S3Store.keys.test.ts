/**
 * Awkward keys and object metadata against s3rver, each listing on a single page (s3rver
 * pages mixed names out of order, and its multi-page tokens need DES, which Deno lacks — this
 * file also runs under Deno). Keys with `//` or a leading `/` are covered by the moto suite:
 * s3rver cannot store them.
 *
 * s3rver's `Delimiter` listing misses a first-level folder that holds only subfolders (its
 * directory walk stops one level down), so every folder here also holds an object of its own;
 * the moto suite covers folders of folders.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { unsafeObjectKey } from "../../../../src/domain/ObjectKey.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { byKey, expectedObject, seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import type { SeedObject } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions, readMetadata } from "../../../support/s3/S3TestStore.ts"

const awkward: Array<SeedObject> = [
  "502/Sam Torode/resume final.pdf",
  "503/Ünïcödé ✓/contract ü.docx",
  "504/a+b/c+d.txt",
  "505/Tom & Jerry/x&y.txt",
  "506/100%/p%20q%.txt",
  "507/q?x#y/z.txt",
  "508/tab\tkey",
  "509/ctl\u0001key",
  "files/3f2a9c4e-1111-4222-8333-444455556666.pdf",
  "files/",
  "readme +&%.txt",
  ...["502", "503", "504", "505", "506", "507"].map((folder) => `${folder}/index.txt`)
].map((key, i) => ({
  key,
  body: `body of ${key}`,
  lastModified: new Date(Date.UTC(2024, 4, 1, 10, i, 0))
}))

const withMetadata: Array<SeedObject> = [
  {
    key: "pool/files/3f2a9c4e-1111-4222-8333-444455556666.pdf",
    body: "pdf",
    metadata: { "Row-Id": "502", "client-id": "c-9", "Original-Key": "502/Sam Torode/resume.pdf" }
  },
  { key: "pool/files/plain.pdf", body: "no metadata" }
]

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "awkward", awkward)
  await seedS3rverFiles(server.directory, "meta", withMetadata)
})

afterAll(async () => {
  await server?.stop()
})

describe("S3 store keys and metadata on s3rver", () => {
  it.live("keys with spaces, unicode, +, &, %, ?, # and control characters come back exactly as stored", () =>
    Effect.gen(function*() {
      const want = byKey(awkward.map((object) => expectedObject(object)))
      const flat = yield* listSorted(localStoreOptions(server.endpoint, "s3://awkward"), "flat")
      const parallel = yield* listSorted(localStoreOptions(server.endpoint, "s3://awkward"), "prefix-parallel")
      assert.deepStrictEqual(flat, want)
      assert.deepStrictEqual(parallel, want)
    }))

  it.live("a store prefix holding awkward characters is stripped byte for byte", () =>
    Effect.gen(function*() {
      const listed = yield* listSorted(localStoreOptions(server.endpoint, "s3://awkward/506/100%"), "auto")
      assert.deepStrictEqual(listed.map((object) => object.key), ["p%20q%.txt"])
      const folder = yield* listSorted(localStoreOptions(server.endpoint, "s3://awkward"), "auto", "505/Tom & Jerry/")
      assert.deepStrictEqual(folder.map((object) => object.key), ["505/Tom & Jerry/x&y.txt"])
    }))

  it.live("metadata returns user metadata with lower-case names and no x-amz-meta- prefix", () =>
    Effect.gen(function*() {
      const metadata = yield* readMetadata(
        localStoreOptions(server.endpoint, "s3://meta"),
        unsafeObjectKey("pool/files/3f2a9c4e-1111-4222-8333-444455556666.pdf")
      )
      assert.deepStrictEqual(metadata, {
        "row-id": "502",
        "client-id": "c-9",
        "original-key": "502/Sam Torode/resume.pdf"
      })
    }))

  it.live("metadata of a key under a store prefix reads the prefixed object; no metadata is an empty record", () =>
    Effect.gen(function*() {
      const options = localStoreOptions(server.endpoint, "s3://meta/pool")
      const tagged = yield* readMetadata(options, unsafeObjectKey("files/3f2a9c4e-1111-4222-8333-444455556666.pdf"))
      const plain = yield* readMetadata(options, unsafeObjectKey("files/plain.pdf"))
      assert.strictEqual(tagged["row-id"], "502")
      assert.deepStrictEqual(plain, {})
    }))

  it.live("metadata of a missing object fails with NoSuchKey naming the key", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        readMetadata(localStoreOptions(server.endpoint, "s3://meta"), unsafeObjectKey("pool/files/gone.pdf"))
      )
      assert.strictEqual(error.reason, "NoSuchKey")
      assert.include(error.message, "pool/files/gone.pdf")
    }))
})
