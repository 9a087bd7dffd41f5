/**
 * The key of an object in the store, relative to the bucket prefix, exactly as stored.
 *
 * @module
 */
import * as Schema from "effect/Schema"

/**
 * An object key. Keys are compared byte for byte: no normalisation of case, slashes or unicode.
 *
 * @example Decoding a key
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { ObjectKey } from "uuidmap"
 *
 * assert.equal(Schema.decodeUnknownSync(ObjectKey)("502/Sam_Torode/resume.pdf"), "502/Sam_Torode/resume.pdf")
 * assert.throws(() => Schema.decodeUnknownSync(ObjectKey)(""))
 * ```
 * @category models
 */
export const ObjectKey: Schema.brand<Schema.NonEmptyString, "uuidmap/ObjectKey"> = Schema.NonEmptyString.pipe(Schema.brand("uuidmap/ObjectKey"))

/**
 * An object key as a value: a string branded `uuidmap/ObjectKey`.
 *
 * @category models
 */
export type ObjectKey = typeof ObjectKey.Type

/**
 * Brands a string already known to be a key (one a store just listed, say).
 *
 * @example Branding a listed key
 * ```ts
 * import assert from "node:assert/strict"
 * import { type ObjectKey, unsafeObjectKey } from "uuidmap"
 *
 * const key: ObjectKey = unsafeObjectKey("files/readme.txt")
 * assert.equal(key, "files/readme.txt")
 * ```
 * @category constructors
 */
export const unsafeObjectKey = (value: string): ObjectKey => value as ObjectKey

/**
 * The first path segment of a key: a client's row id when the key is in a client folder.
 * A key with no `/` has no folder.
 *
 * @example A client folder's row id
 * ```ts
 * import assert from "node:assert/strict"
 * import { firstSegment } from "./ObjectKey.ts"
 *
 * assert.equal(firstSegment("502/Sam_Torode/resume.pdf"), "502")
 * assert.equal(firstSegment("readme.txt"), undefined)
 * ```
 * @category accessors
 */
export const firstSegment = (key: string): string | undefined => {
  const slash = key.indexOf("/")
  return slash <= 0 ? undefined : key.slice(0, slash)
}

/**
 * The last path segment of a key (its file name).
 *
 * @example A pool file's name
 * ```ts
 * import assert from "node:assert/strict"
 * import { fileName } from "./ObjectKey.ts"
 *
 * assert.equal(fileName("files/3f2a.pdf"), "3f2a.pdf")
 * ```
 * @category accessors
 */
export const fileName = (key: string): string => key.slice(key.lastIndexOf("/") + 1)
