/**
 * Object metadata with HeadObject: the `x-amz-meta-*` headers phase 2 reads as evidence
 * (`row-id`, `client-id`, `original-key`), named in lower case without the prefix.
 *
 * @module
 */
import { HeadObjectCommand } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import type { ObjectKey } from "../../domain/ObjectKey.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { S3Connection } from "./S3Connection.ts"
import { sendS3 } from "./S3Request.ts"
import type { ObjectMetadata } from "./ObjectStore.ts"

/**
 * Reads the user metadata of one object (`key` relative to the store prefix). A missing
 * object fails with reason `NoSuchKey`.
 *
 * @category metadata
 */
export const headS3Metadata = (
  connection: S3Connection,
  key: ObjectKey
): Effect.Effect<ObjectMetadata, StoreError> =>
  sendS3(
    connection,
    { operation: "metadata", key, objectsListed: () => 0 },
    (client, abortSignal) =>
      client.send(
        new HeadObjectCommand({ Bucket: connection.location.bucket, Key: connection.location.prefix + key }),
        { abortSignal }
      )
  ).pipe(
    Effect.map((response) => {
      const metadata: Record<string, string> = {}
      for (const [name, value] of Object.entries(response.Metadata ?? {})) {
        metadata[name.toLowerCase()] = value
      }
      return metadata
    })
  )
