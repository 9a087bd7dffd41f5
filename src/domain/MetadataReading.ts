/**
 * A metadata reading: what one HeadObject said about a pool object's metadata, kept in the
 * ledger so that a later run need not ask again. It records the object's ETag and
 * last-modified time as listed when it was read, the metadata names it was read for, and the
 * values of those names the object had.
 *
 * A reading can answer a later run only while it cannot be stale: the object still lists
 * with the same ETag and last-modified time (S3 cannot change user metadata without writing
 * the object again, which sets a new last-modified time), and the run looks for no name the
 * reading was not read for. Otherwise the object is read again.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import type { StoredObject } from "./StoredObject.ts"

/**
 * The reading. `names` are lower case, sorted, each once; `values` holds the names among
 * them that the object carries.
 *
 * @example Decoding a reading
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { MetadataReading } from "uuidmap"
 *
 * const reading = Schema.decodeUnknownSync(MetadataReading)({
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z",
 *   names: ["client-id", "original-key", "row-id"],
 *   values: { "row-id": "502" }
 * })
 * assert.deepStrictEqual(reading.values, { "row-id": "502" }) // read for three names, carries one
 * ```
 * @category models
 */
export const MetadataReading: Schema.Struct<{
  readonly etag: Schema.String
  readonly lastModified: Schema.String
  readonly names: Schema.$Array<Schema.String>
  readonly values: Schema.$Record<Schema.String, Schema.String>
}> = Schema.Struct({
  etag: Schema.String,
  lastModified: Schema.String,
  names: Schema.Array(Schema.String),
  values: Schema.Record(Schema.String, Schema.String)
})

/**
 * A metadata reading as a value.
 *
 * @category models
 */
export interface MetadataReading extends Schema.Schema.Type<typeof MetadataReading> {}

/**
 * Builds a reading of `object` for `names` from the metadata HeadObject returned: only the
 * values of those names are kept, so the ledger holds the claims and nothing else.
 *
 * @example Only the names asked for are kept
 * ```ts
 * import assert from "node:assert/strict"
 * import { unsafeObjectKey } from "uuidmap"
 * import { makeMetadataReading } from "./MetadataReading.ts"
 *
 * const object = { key: unsafeObjectKey("files/a.pdf"), size: 1, etag: "\"e\"", lastModified: "2024-05-01T10:00:00.000Z" }
 * assert.deepStrictEqual(makeMetadataReading(object, ["row-id"], { "row-id": "502", colour: "red" }).values, { "row-id": "502" })
 * ```
 * @category constructors
 */
export const makeMetadataReading = (
  object: StoredObject,
  names: ReadonlyArray<string>,
  metadata: Readonly<Record<string, string>>
): MetadataReading => {
  const sorted = [...new Set(names)].sort()
  const values: Record<string, string> = {}
  for (const name of sorted) {
    const value = metadata[name]
    if (value !== undefined) values[name] = value
  }
  return { etag: object.etag, lastModified: object.lastModified, names: sorted, values }
}

/**
 * The metadata a reading gives for `names` when it is still true of `object`, or undefined
 * when the object must be read again: its ETag or last-modified time changed, or a name was
 * not read.
 *
 * @example Answering again, or not
 * ```ts
 * import assert from "node:assert/strict"
 * import { unsafeObjectKey } from "uuidmap"
 * import { answerFromReading } from "./MetadataReading.ts"
 *
 * const object = { key: unsafeObjectKey("files/a.pdf"), size: 1, etag: "\"e\"", lastModified: "t" }
 * const reading = { etag: "\"e\"", lastModified: "t", names: ["row-id"], values: { "row-id": "502" } }
 * assert.deepStrictEqual(answerFromReading(reading, object, ["row-id"]), { "row-id": "502" })
 * assert.equal(answerFromReading(reading, object, ["owner"]), undefined) // never read for "owner"
 * assert.equal(answerFromReading(reading, { ...object, etag: "\"f\"" }, ["row-id"]), undefined) // the object changed
 * ```
 * @category accessors
 */
export const answerFromReading = (
  reading: MetadataReading,
  object: StoredObject,
  names: ReadonlyArray<string>
): Readonly<Record<string, string>> | undefined => {
  if (reading.etag !== object.etag || reading.lastModified !== object.lastModified) return undefined
  if (!names.every((name) => reading.names.includes(name))) return undefined
  const answer: Record<string, string> = {}
  for (const name of names) {
    const value = reading.values[name]
    if (value !== undefined) answer[name] = value
  }
  return answer
}

/**
 * Structural equality of two readings (or their absence).
 *
 * @example Equal readings
 * ```ts
 * import assert from "node:assert/strict"
 * import { sameReading } from "./MetadataReading.ts"
 *
 * const reading = { etag: "\"e\"", lastModified: "t", names: ["row-id"], values: { "row-id": "502" } }
 * assert.equal(sameReading(reading, { ...reading, values: { "row-id": "502" } }), true)
 * assert.equal(sameReading(reading, null), false)
 * ```
 * @category equality
 */
export const sameReading = (a: MetadataReading | null, b: MetadataReading | null): boolean => {
  if (a === b) return true
  if (a === null || b === null) return false
  if (a.etag !== b.etag || a.lastModified !== b.lastModified || a.names.length !== b.names.length) return false
  if (!a.names.every((name, i) => name === b.names[i])) return false
  const keys = Object.keys(a.values)
  return keys.length === Object.keys(b.values).length && keys.every((name) => a.values[name] === b.values[name])
}
