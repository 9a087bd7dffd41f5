/**
 * Puts fixture objects into a test S3 server and says what a listing must then return.
 *
 * Two ways in: through the SDK (any server; PutObject with metadata), or straight into
 * s3rver's directory (about 10× faster for thousands of objects): `<key>._S3rver_object`,
 * `<key>._S3rver_metadata.json` (`content-type` plus `x-amz-meta-*`, as s3rver writes them) and
 * `<key>._S3rver_object.md5`, with the object's mtime as its LastModified.
 *
 * @module
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3"
import { createHash } from "node:crypto"
import { mkdir, utimes, writeFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import type { StoredObject } from "../../../src/domain/StoredObject.ts"
import { unsafeObjectKey } from "../../../src/domain/ObjectKey.ts"

/**
 * One object to seed. `lastModified` defaults to a fixed instant (whole seconds: s3rver
 * reports seconds).
 *
 * @example
 * ```ts
 * import type { SeedObject } from "./S3Seeding.ts"
 * const object: SeedObject = { key: "files/a.pdf", body: "pdf", metadata: { "row-id": "502" } }
 * ```
 * @category models
 */
export interface SeedObject {
  readonly key: string
  readonly body: string | Uint8Array
  readonly metadata?: Readonly<Record<string, string>>
  readonly lastModified?: Date
}

const defaultLastModified = new Date("2024-05-01T10:00:00.000Z")

/**
 * The `StoredObject` a listing should report for a seeded object, with the key made relative
 * to `storePrefix`. `lastModified` is only right for file-seeded objects (SDK-seeded ones get
 * the server's clock).
 *
 * @example
 * ```ts
 * import { expectedObject } from "./S3Seeding.ts"
 * expectedObject({ key: "t/a", body: "x" }, "t/").key // "a"
 * ```
 * @category expectations
 */
export const expectedObject = (object: SeedObject, storePrefix = ""): StoredObject => ({
  key: unsafeObjectKey(object.key.slice(storePrefix.length)),
  size: Buffer.byteLength(object.body),
  etag: `"${createHash("md5").update(object.body).digest("hex")}"`,
  lastModified: (object.lastModified ?? defaultLastModified).toISOString()
})

/**
 * Writes objects straight into s3rver's directory (the bucket directory is created too).
 *
 * @example
 * ```ts
 * import { seedS3rverFiles } from "./S3Seeding.ts"
 * await seedS3rverFiles("/tmp/s3rver", "clients", [{ key: "502/a.pdf", body: "a" }])
 * ```
 * @category seeding
 */
export const seedS3rverFiles = async (
  directory: string,
  bucket: string,
  objects: Iterable<SeedObject>,
  parallelism = 64
): Promise<void> => {
  const pending = [...objects]
  // One mkdir per folder, shared by the workers that need it (they run concurrently).
  const folders = new Map<string, Promise<unknown>>()
  const writeOne = async (object: SeedObject) => {
    const base = join(directory, bucket, object.key)
    const folder = dirname(base)
    let made = folders.get(folder)
    if (made === undefined) {
      made = mkdir(folder, { recursive: true })
      folders.set(folder, made)
    }
    await made
    const metadata: Record<string, string> = { "content-type": "application/octet-stream" }
    for (const [name, value] of Object.entries(object.metadata ?? {})) {
      metadata[`x-amz-meta-${name.toLowerCase()}`] = value
    }
    const objectPath = `${base}._S3rver_object`
    const when = object.lastModified ?? defaultLastModified
    await Promise.all([
      writeFile(objectPath, object.body),
      writeFile(`${base}._S3rver_metadata.json`, JSON.stringify(metadata, null, 2)),
      writeFile(`${objectPath}.md5`, createHash("md5").update(object.body).digest("hex"))
    ])
    await utimes(objectPath, when, when)
  }
  await mkdir(join(directory, bucket), { recursive: true })
  let next = 0
  const worker = async () => {
    while (next < pending.length) {
      const object = pending[next++]
      if (object !== undefined) await writeOne(object)
    }
  }
  await Promise.all(Array.from({ length: parallelism }, worker))
}

/**
 * An SDK client for a local test server: path-style, fixed credentials (`S3RVER` is the only
 * key s3rver accepts; moto takes any), plain checksums (s3rver would store aws-chunked framing).
 *
 * @example
 * ```ts
 * import { testS3Client } from "./S3Seeding.ts"
 * const client = testS3Client("http://127.0.0.1:4568")
 * client.destroy()
 * ```
 * @category seeding
 */
export const testS3Client = (endpoint: string): S3Client =>
  new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: testCredentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED"
  })

/**
 * The credentials every test server accepts.
 *
 * @example
 * ```ts
 * import { testCredentials } from "./S3Seeding.ts"
 * testCredentials.accessKeyId // "S3RVER"
 * ```
 * @category seeding
 */
export const testCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const

/**
 * Creates a bucket and puts objects through the SDK (with their user metadata).
 *
 * @example
 * ```ts
 * import { seedThroughSdk } from "./S3Seeding.ts"
 * await seedThroughSdk("http://127.0.0.1:4568", "clients", [{ key: "a", body: "x" }])
 * ```
 * @category seeding
 */
export const seedThroughSdk = async (
  endpoint: string,
  bucket: string,
  objects: Iterable<SeedObject>
): Promise<void> => {
  const client = testS3Client(endpoint)
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }))
    for (const object of objects) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: object.key,
          Body: object.body,
          ...(object.metadata === undefined ? {} : { Metadata: { ...object.metadata } })
        })
      )
    }
  } finally {
    client.destroy()
  }
}

/**
 * Sorts listed or expected objects by key so two listings compare as sets.
 *
 * @example
 * ```ts
 * import { byKey } from "./S3Seeding.ts"
 * const sorted = byKey([])
 * ```
 * @category expectations
 */
export const byKey = <A extends { readonly key: string }>(objects: Iterable<A>): Array<A> =>
  [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
