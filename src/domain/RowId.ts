/**
 * The id of one client: the value of the clients CSV's id column (default `row_id`), and the
 * first segment of that client's folder in the bucket.
 *
 * @module
 */
import * as Schema from "effect/Schema"

/**
 * A non-empty client id, branded so that it cannot be mixed up with other strings.
 *
 * @example Decoding a row id
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { RowId } from "uuidmap"
 *
 * assert.deepStrictEqual(Schema.decodeUnknownSync(RowId)("502"), "502")
 * assert.throws(() => Schema.decodeUnknownSync(RowId)(""))
 * ```
 * @category models
 */
export const RowId: Schema.brand<Schema.NonEmptyString, "uuidmap/RowId"> = Schema.NonEmptyString.pipe(Schema.brand("uuidmap/RowId"))

/**
 * A row id as a value: a string branded `uuidmap/RowId`.
 *
 * @category models
 */
export type RowId = typeof RowId.Type

/**
 * Brands a string already known to be a valid, non-empty row id (for example one read from a
 * CSV that was checked on the way in).
 *
 * @example Branding a checked id
 * ```ts
 * import assert from "node:assert/strict"
 * import { type RowId, unsafeRowId } from "uuidmap"
 *
 * const id: RowId = unsafeRowId("502")
 * assert.equal(id, "502")
 * ```
 * @category constructors
 */
export const unsafeRowId = (value: string): RowId => value as RowId
