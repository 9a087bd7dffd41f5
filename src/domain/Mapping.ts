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
 * @example
 * ```ts
 * import type { Mapping } from "./Mapping.ts"
 * import { unsafeObjectKey } from "./ObjectKey.ts"
 * import { unsafeRowId } from "./RowId.ts"
 * const mapping: Mapping = {
 *   uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" as Mapping["uuid"],
 *   key: unsafeObjectKey("502/Sam_Torode/resume.pdf"),
 *   rowId: unsafeRowId("502"),
 *   status: "mapped",
 *   evidence: [{ source: "client-folder", rowId: unsafeRowId("502"), detail: "502/Sam_Torode/resume.pdf" }],
 *   confidence: 1,
 *   why: "in the folder of client 502",
 *   size: 1024,
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z",
 *   metadata: null
 * }
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

/** @category models */
export interface Mapping extends Schema.Schema.Type<typeof Mapping> {}

/**
 * The client that owns a mapping, if any: the row id of a `mapped` file, or of a `missing`
 * one that was owned before it disappeared. A `review` row id is only a candidate.
 *
 * @example
 * ```ts
 * import { ownerOf } from "./Mapping.ts"
 * // ownerOf(mapping) === mapping.rowId when mapping.status === "mapped"
 * ```
 * @category accessors
 */
export const ownerOf = (mapping: Mapping): Mapping["rowId"] =>
  mapping.status === "mapped" || mapping.status === "missing" ? mapping.rowId : null

/**
 * The canonical ledger order: by key (keyless rows last), then by UUID. Writing in one order
 * keeps a second run byte-identical.
 *
 * @example
 * ```ts
 * import { compareMappings } from "./Mapping.ts"
 * const sorted = [].sort(compareMappings)
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
 * @example
 * ```ts
 * import { undecidedMapping } from "./Mapping.ts"
 * const fresh = undecidedMapping(uuid, object.key, object)
 * fresh.status // "unmapped"
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
