/**
 * One ListObjectsV2 request as a plain function from a query to an answer: the seam between
 * the listing algorithms (flat, tiled) and the SDK. The algorithms only ever see decoded full
 * keys, common prefixes and a continuation token, so they can be run against any server,
 * including a model one in tests, and never depend on how the SDK spells things.
 *
 * The S3 source sends the request with retries (`sendS3`), asks for url-encoded keys and
 * decodes them only when the server says it encoded them, and refuses a page that says the
 * listing goes on without a new continuation token (following it would loop forever).
 *
 * @module
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3"
import type { ListObjectsV2CommandOutput } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import { StoreError } from "../../domain/StoreError.ts"
import type { S3Connection } from "./S3Connection.ts"
import { sendS3 } from "./S3Request.ts"
import { decodeS3UrlKey } from "./S3UrlEncoding.ts"

/**
 * One ListObjectsV2 request: a full prefix (store prefix included), and optionally a
 * delimiter, a key to start after and a continuation token.
 *
 * @category models
 */
export interface S3ListQuery {
  readonly prefix: string
  readonly delimiter?: string | undefined
  readonly startAfter?: string | undefined
  readonly token?: string | undefined
}

/**
 * One listed object: its full key, decoded, and the facts the listing gives.
 *
 * @category models
 */
export interface S3ListedEntry {
  readonly key: string
  readonly size: number
  readonly etag: string
  readonly lastModified: string
}

/**
 * What the server answered, in its order: the objects, the common prefixes (full, decoded)
 * and the continuation token of the next page (undefined when it says the listing is over).
 *
 * @category models
 */
export interface S3ListAnswer {
  readonly entries: ReadonlyArray<S3ListedEntry>
  readonly commonPrefixes: ReadonlyArray<string>
  readonly next: string | undefined
}

/**
 * Sends one listing request.
 *
 * @category models
 */
export type S3ListSource = (query: S3ListQuery) => Effect.Effect<S3ListAnswer, StoreError>

const listingFailed = (store: string, message: string): StoreError =>
  new StoreError({ reason: "ListingFailed", store, message })

/**
 * The source of an S3 connection. `objectsListed` says how far the listing got, for the
 * message of a request that fails.
 *
 * @category constructors
 */
export const makeS3ListSource = (connection: S3Connection, objectsListed: () => number): S3ListSource => {
  const { bucket } = connection.location
  const { pageSize, urlEncodedListing } = connection.settings
  return (query) =>
    Effect.gen(function*() {
      const response = yield* sendS3(
        connection,
        { operation: "list", key: undefined, objectsListed },
        (client, abortSignal) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              MaxKeys: pageSize,
              ...(query.prefix === "" ? {} : { Prefix: query.prefix }),
              ...(query.delimiter === undefined ? {} : { Delimiter: query.delimiter }),
              // Sent with every page, as the SDK's own paginator does; S3 follows the token.
              ...(query.startAfter === undefined ? {} : { StartAfter: query.startAfter }),
              ...(query.token === undefined ? {} : { ContinuationToken: query.token }),
              ...(urlEncodedListing ? { EncodingType: "url" as const } : {})
            }),
            { abortSignal }
          )
      )
      const entries: Array<S3ListedEntry> = []
      for (const entry of response.Contents ?? []) {
        if (entry.Key === undefined) continue
        entries.push({
          key: yield* decoded(connection.store, response, entry.Key),
          size: entry.Size ?? 0,
          etag: entry.ETag ?? "",
          lastModified: entry.LastModified?.toISOString() ?? ""
        })
      }
      const commonPrefixes: Array<string> = []
      for (const entry of response.CommonPrefixes ?? []) {
        if (entry.Prefix !== undefined) commonPrefixes.push(yield* decoded(connection.store, response, entry.Prefix))
      }
      if (response.IsTruncated !== true) return { entries, commonPrefixes, next: undefined }
      const next = response.NextContinuationToken
      if (next === undefined || next === "" || next === query.token) {
        return yield* listingFailed(
          connection.store,
          `Listing ${connection.store} stopped after ${objectsListed()} objects: the server said the listing goes on but gave no new continuation token; check the S3 server`
        )
      }
      return { entries, commonPrefixes, next }
    })
}

const decoded = (
  store: string,
  response: ListObjectsV2CommandOutput,
  raw: string
): Effect.Effect<string, StoreError> => {
  if (response.EncodingType !== "url") return Effect.succeed(raw)
  const key = decodeS3UrlKey(raw)
  return key === undefined
    ? Effect.fail(listingFailed(
      store,
      `Listing ${store} returned a key that is not valid url-encoding ("${raw.slice(0, 80)}"); the server's EncodingType=url support is broken`
    ))
    : Effect.succeed(key)
}
