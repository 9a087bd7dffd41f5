/**
 * An inventory in its destination bucket on S3 (`s3://dest/…/manifest.json`, or the config
 * folder `s3://dest/…/<source-bucket>/<config-id>/` for its newest dated manifest). Everything is
 * read with GetObject through the same connection code as the S3 store: retries with backoff,
 * one-line failures, exit 4 when the store cannot be reached. A file that does not exist is bad
 * input (exit 2), like a local one.
 *
 * @module
 */
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { InventoryError } from "../../domain/InventoryError.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import { acquireS3Connection, type S3Connection } from "../store/S3Connection.ts"
import { toStoreError } from "../store/S3Failure.ts"
import { sendS3 } from "../store/S3Request.ts"
import type { S3StoreOptions } from "../store/S3StoreOptions.ts"
import { guardSource } from "./CheckedBytes.ts"
import { checkManifestChecksum, decodeManifest } from "./InventoryManifest.ts"
import { type InventoryFiles, isDatedFolder, type LocatedInventory } from "./InventorySource.ts"

const urlOf = (connection: S3Connection, key: string) => `s3://${connection.location.bucket}/${key}`

const missing = (connection: S3Connection, key: string, message: string) =>
  new InventoryError({ reason: "MissingFile", file: urlOf(connection, key), line: 0, column: 0, message })

const getObject = (connection: S3Connection, key: string, range?: string) =>
  sendS3(connection, { operation: "read", key, objectsListed: () => 0 }, (client, abortSignal) =>
    client.send(new GetObjectCommand({ Bucket: connection.location.bucket, Key: key, ...(range === undefined ? {} : { Range: range }) }), { abortSignal }))

/** The bytes of `key`, or `undefined` when it does not exist. */
const readOptional = (connection: S3Connection, key: string): Effect.Effect<Uint8Array | undefined, StoreError> =>
  getObject(connection, key).pipe(
    Effect.flatMap((response) => Effect.promise(() => response.Body!.transformToByteArray())),
    Effect.map((bytes): Uint8Array | undefined => bytes),
    Effect.catchIf((error) => error.reason === "NoSuchKey", () => Effect.succeed(undefined))
  )

const readFailure = (connection: S3Connection, key: string) => (cause: unknown) =>
  toStoreError(cause, {
    store: connection.store,
    bucket: connection.location.bucket,
    endpoint: connection.endpoint,
    region: connection.region,
    operation: "read",
    key,
    objectsListed: 0,
    attempts: 1
  })

/** The newest dated folder under `folder` (which ends in `/`) that has a manifest.json. */
const newestManifestKey = (connection: S3Connection, folder: string) =>
  Effect.gen(function*() {
    const dated: Array<string> = []
    let token: string | undefined
    do {
      const page = yield* sendS3(connection, { operation: "list", key: undefined, objectsListed: () => 0 }, (client, abortSignal) =>
        client.send(
          new ListObjectsV2Command({ Bucket: connection.location.bucket, Prefix: folder, Delimiter: "/", ContinuationToken: token }),
          { abortSignal }
        ))
      for (const entry of page.CommonPrefixes ?? []) {
        const name = (entry.Prefix ?? "").slice(folder.length).replace(/\/$/, "")
        if (isDatedFolder(name)) dated.push(name)
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined
    } while (token !== undefined)
    dated.sort().reverse()
    return dated.length === 0 ? undefined : `${folder}${dated[0]}/manifest.json`
  })

const s3Files = (connection: S3Connection): InventoryFiles => ({
  name: (key) => urlOf(connection, key),
  stream: (key) =>
    getObject(connection, key).pipe(
      Effect.catchIf((error) => error.reason === "NoSuchKey", () => Effect.fail(missing(connection, key, "Data file named in the manifest does not exist"))),
      Effect.map((response) =>
        guardSource(response.Body!.transformToWebStream() as ReadableStream<Uint8Array>, readFailure(connection, key))
      )
    ),
  randomAccess: (key, size) =>
    Effect.succeed({
      byteLength: size,
      slice: (start: number, end?: number) =>
        Effect.runPromise(
          getObject(connection, key, `bytes=${start}-${(end ?? size) - 1}`).pipe(
            Effect.flatMap((response) =>
              Effect.tryPromise({ try: () => response.Body!.transformToByteArray(), catch: readFailure(connection, key) })
            ),
            Effect.map((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
          )
        )
    })
})

/**
 * Finds and decodes an inventory on S3. `options` say how to reach the destination bucket (the
 * bucket of `url`); its `bucket` is ignored.
 *
 * @category reading
 */
export const locateS3Inventory = (
  url: string,
  options: S3StoreOptions
): Effect.Effect<LocatedInventory, StoreError | InventoryError, Scope.Scope> =>
  Effect.gen(function*() {
    const bucket = url.replace(/^s3:\/\//i, "").split("/")[0] ?? ""
    const connection = yield* acquireS3Connection({ ...options, bucket: `s3://${bucket}` })
    const path = url.replace(/^s3:\/\//i, "").slice(bucket.length + 1)
    const manifestKey = path.endsWith(".json") ? path : yield* newestManifestKey(connection, path === "" || path.endsWith("/") ? path : `${path}/`)
    if (manifestKey === undefined) {
      return yield* new InventoryError({
        reason: "NoManifest",
        file: url,
        line: 0,
        column: 0,
        message: "Folder holds no dated folder (like 2024-05-01T01-00Z) with a manifest.json; give the manifest or the inventory configuration's folder"
      })
    }
    const manifestName = urlOf(connection, manifestKey)
    const bytes = yield* readOptional(connection, manifestKey)
    if (bytes === undefined) {
      return yield* missing(connection, manifestKey, "Inventory manifest does not exist")
    }
    const checksum = yield* readOptional(connection, manifestKey.replace(/manifest\.json$/, "manifest.checksum"))
    if (checksum !== undefined && manifestKey.endsWith("manifest.json")) {
      yield* checkManifestChecksum(manifestName, bytes, new TextDecoder().decode(checksum))
    }
    const located: LocatedInventory = { manifestName, manifest: yield* decodeManifest(manifestName, bytes), files: s3Files(connection) }
    return located
  })
