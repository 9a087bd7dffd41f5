/**
 * A mapping: one row of the ledger, saying which key a UUID is, who owns it and why.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Evidence } from "./Evidence.ts"
import { FileUuid } from "./FileUuid.ts"
import { MappingStatus } from "./MappingStatus.ts"
import { MetadataReading } from "./MetadataReading.ts"
import { ObjectKey } from "./ObjectKey.ts"
import { RowId } from "./RowId.ts"
import type { StoredObject } from "./StoredObject.ts"

/**
 * A file's UUID, key (null once the object is gone and its key was never known), row id
 * (the owner when `mapped` or `missing`, the best candidate when `review`, null otherwise),
 * status, evidence, confidence (0 to 1), a one-line `why`, the object's size, ETag and
 * last-modified time when it was last seen, and, for a pool file, the last reading of its
 * metadata (`MetadataReading`; null when never read).
 *
 * @example A ledger row that survived JSON
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { Mapping } from "uuidmap"
 *
 * const saved = JSON.stringify({
 *   uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f",
 *   key: "502/Sam_Torode/resume.pdf",
 *   rowId: "502",
 *   status: "mapped",
 *   evidence: [{ source: "client-folder", rowId: "502", detail: "502/Sam_Torode/resume.pdf" }],
 *   confidence: 1,
 *   why: "client folder names client 502 (502/Sam_Torode/resume.pdf)",
 *   size: 1024,
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z",
 *   metadata: null
 * })
 * const mapping = Schema.decodeUnknownSync(Mapping)(JSON.parse(saved))
 * assert.equal(mapping.status, "mapped")
 * assert.equal(mapping.evidence[0]?.source, "client-folder")
 * ```
 * @category models
 */
export const Mapping: Schema.Struct<{
  readonly uuid: typeof FileUuid
  readonly key: Schema.NullOr<typeof ObjectKey>
  readonly rowId: Schema.NullOr<typeof RowId>
  readonly status: typeof MappingStatus
  readonly evidence: Schema.$Array<typeof Evidence>
  readonly confidence: Schema.Number
  readonly why: Schema.String
  readonly size: Schema.NullOr<Schema.Number>
  readonly etag: Schema.NullOr<Schema.String>
  readonly lastModified: Schema.NullOr<Schema.String>
  readonly metadata: Schema.NullOr<typeof MetadataReading>
}> = Schema.Struct({
  uuid: FileUuid,
  key: Schema.NullOr(ObjectKey),
  rowId: Schema.NullOr(RowId),
  status: MappingStatus,
  evidence: Schema.Array(Evidence),
  confidence: Schema.Number,
  why: Schema.String,
  size: Schema.NullOr(Schema.Number),
  etag: Schema.NullOr(Schema.String),
  lastModified: Schema.NullOr(Schema.String),
  metadata: Schema.NullOr(MetadataReading)
})

/**
 * A ledger row as a value.
 *
 * @category models
 */
export interface Mapping extends Schema.Schema.Type<typeof Mapping> {}

/**
 * The client that owns a mapping, if any: the row id of a `mapped` file, or of a `missing`
 * one that was owned before it disappeared. A `review` row id is only a candidate.
 *
 * @example Owners and candidates
 * ```ts
 * import assert from "node:assert/strict"
 * import { ownerOf, runPipelinePromise } from "uuidmap"
 *
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const row = state.ledger[0]!
 * assert.equal(ownerOf(row), "502")
 * assert.equal(ownerOf({ ...row, status: "review" }), null) // a candidate is not an owner
 * ```
 * @category accessors
 */
export const ownerOf = (mapping: Mapping): Mapping["rowId"] =>
  mapping.status === "mapped" || mapping.status === "missing" ? mapping.rowId : null

/**
 * The canonical ledger order: by key (keyless rows last), then by UUID. Writing in one order
 * keeps a second run byte-identical.
 *
 * @example Keyless rows go last
 * ```ts
 * import assert from "node:assert/strict"
 * import { unsafeObjectKey } from "uuidmap"
 * import { compareMappings, undecidedMapping } from "./Mapping.ts"
 *
 * const gone = undecidedMapping("00000000-0000-4000-8000-000000000001" as never, null, undefined)
 * const here = undecidedMapping("00000000-0000-4000-8000-000000000002" as never, unsafeObjectKey("502/a.pdf"), undefined)
 * assert.deepStrictEqual([gone, here].sort(compareMappings), [here, gone])
 * ```
 * @category ordering
 */
export const compareMappings = (a: Mapping, b: Mapping): number => {
  if (a.key !== b.key) {
    if (a.key === null) return 1
    if (b.key === null) return -1
    return a.key < b.key ? -1 : 1
  }
  return a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0
}

/**
 * A new, undecided ledger row for a UUID: no owner, no evidence, and the object's facts when
 * it is in the bucket. Phases give it evidence and a status with `redecide`.
 *
 * @example A new row for a listed object
 * ```ts
 * import assert from "node:assert/strict"
 * import { unsafeObjectKey } from "uuidmap"
 * import { undecidedMapping } from "./Mapping.ts"
 *
 * const object = { key: unsafeObjectKey("files/a.pdf"), size: 10, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" }
 * const fresh = undecidedMapping("00000000-0000-4000-8000-000000000001" as never, object.key, object)
 * assert.equal(fresh.status, "unmapped")
 * assert.equal(fresh.size, 10)
 * ```
 * @category constructors
 */
export const undecidedMapping = (uuid: Mapping["uuid"], key: Mapping["key"], object: StoredObject | undefined): Mapping => ({
  uuid,
  key,
  rowId: null,
  status: "unmapped",
  evidence: [],
  confidence: 0,
  why: "",
  size: object?.size ?? null,
  etag: object?.etag ?? null,
  lastModified: object?.lastModified ?? null,
  metadata: null
})
