/**
 * One object as a store lists it: the facts uuidmap keeps about a file's bytes.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { ObjectKey } from "./ObjectKey.ts"

/**
 * An object's key, size in bytes, ETag (quoted, as S3 gives it) and last-modified time
 * (ISO 8601, UTC).
 *
 * @example Decoding a listed object
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { StoredObject } from "uuidmap"
 *
 * const object = Schema.decodeUnknownSync(StoredObject)({
 *   key: "502/Sam_Torode/resume.pdf",
 *   size: 1024,
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z"
 * })
 * assert.equal(object.key, "502/Sam_Torode/resume.pdf")
 * assert.throws(() => Schema.decodeUnknownSync(StoredObject)({ ...object, size: "1024" }))
 * ```
 * @category models
 */
export const StoredObject: Schema.Struct<{
  readonly key: typeof ObjectKey
  readonly size: Schema.Number
  readonly etag: Schema.String
  readonly lastModified: Schema.String
}> = Schema.Struct({
  key: ObjectKey,
  size: Schema.Number,
  etag: Schema.String,
  lastModified: Schema.String
})

/**
 * A listed object as a value.
 *
 * @category models
 */
export interface StoredObject extends Schema.Schema.Type<typeof StoredObject> {}

/**
 * Tells whether an ETag is the MD5 of the content. A multipart ETag (`"…-N"`) is not, so it
 * never counts as content identity.
 *
 * @example Single-part and multipart ETags
 * ```ts
 * import assert from "node:assert/strict"
 * import { isContentEtag } from "./StoredObject.ts"
 *
 * assert.equal(isContentEtag("\"9e107d9d372bb6826bd81d3542a419d6\""), true)
 * assert.equal(isContentEtag("\"9e107d9d372bb6826bd81d3542a419d6-3\""), false)
 * ```
 * @category predicates
 */
export const isContentEtag = (etag: string): boolean => {
  // Same as /^"?[0-9a-fA-F]{32}"?$/, without a regular expression: it runs once per object.
  const start = etag.charCodeAt(0) === 34 ? 1 : 0
  const end = etag.length > start && etag.charCodeAt(etag.length - 1) === 34 ? etag.length - 1 : etag.length
  if (end - start !== 32) return false
  for (let i = start; i < end; i++) {
    const code = etag.charCodeAt(i)
    const lower = code | 32 // lower-cases A-F
    if (!((code >= 48 && code <= 57) || (lower >= 97 && lower <= 102))) return false
  }
  return true
}
