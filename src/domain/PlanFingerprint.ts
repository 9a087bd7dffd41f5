/**
 * The fingerprints a plan keeps of its inputs (files by sha256, touched objects by size and
 * ETag), which `apply` compares with what it finds to refuse a stale plan (SPEC §3).
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { ObjectKey } from "./ObjectKey.ts"

/**
 * A file's fingerprint: its path as given and the sha256 (hex) of its bytes, null when the
 * file did not exist (a ledger before the first run).
 *
 * @example A ledger that did not exist yet
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { FileFingerprint } from "uuidmap"
 *
 * const ledger = Schema.decodeUnknownSync(FileFingerprint)({ file: "clients.ledger.csv", sha256: null })
 * assert.equal(ledger.sha256, null)
 * ```
 * @category models
 */
export const FileFingerprint: Schema.Struct<{ readonly file: Schema.String; readonly sha256: Schema.NullOr<Schema.String> }> = Schema.Struct({ file: Schema.String, sha256: Schema.NullOr(Schema.String) })

/**
 * A file fingerprint as a value.
 *
 * @category models
 */
export interface FileFingerprint extends Schema.Schema.Type<typeof FileFingerprint> {}

/**
 * A touched object's fingerprint: key, size and ETag as listed, both null when the object was
 * not in the bucket (a file the plan records as missing).
 *
 * @example An object the plan saw as missing
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { ObjectFingerprint } from "uuidmap"
 *
 * const gone = Schema.decodeUnknownSync(ObjectFingerprint)({ key: "502/a.pdf", size: null, etag: null })
 * assert.deepStrictEqual(gone, { key: "502/a.pdf", size: null, etag: null })
 * ```
 * @category models
 */
export const ObjectFingerprint: Schema.Struct<{
  readonly key: typeof ObjectKey
  readonly size: Schema.NullOr<Schema.Number>
  readonly etag: Schema.NullOr<Schema.String>
}> = Schema.Struct({
  key: ObjectKey,
  size: Schema.NullOr(Schema.Number),
  etag: Schema.NullOr(Schema.String)
})

/**
 * An object fingerprint as a value.
 *
 * @category models
 */
export interface ObjectFingerprint extends Schema.Schema.Type<typeof ObjectFingerprint> {}
