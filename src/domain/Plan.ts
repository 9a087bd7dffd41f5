/**
 * The plan file (`uuidmap plan --out plan.json`): versioned JSON holding the exact changes a
 * run would make and a fingerprint of every input they were computed from, so that `apply`
 * can make exactly those changes later, or refuse when an input moved (SPEC §3).
 *
 * Field names are snake_case like the ledger's columns and `run --json`. `format_version`
 * changes whenever a reader of the previous version would misread a file of the new one.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { EvidenceSource } from "./Evidence.ts"
import { FileUuid } from "./FileUuid.ts"
import { MappingStatus } from "./MappingStatus.ts"
import { ObjectKey } from "./ObjectKey.ts"
import { RowId } from "./RowId.ts"

/**
 * The plan format this uuidmap writes and reads.
 *
 * @example
 * ```ts
 * import { planFormatVersion } from "./Plan.ts"
 * planFormatVersion // 1
 * ```
 * @category constants
 */
export const planFormatVersion: 1 = 1

/**
 * A pool file's metadata reading as a plan holds it (the ledger's `metadata` cell).
 *
 * @example
 * ```ts
 * import type { PlanMetadataReading } from "./Plan.ts"
 * const reading: PlanMetadataReading = { etag: "\"e\"", last_modified: "2024-05-01T10:00:00.000Z", names: ["row-id"], values: {} }
 * ```
 * @category models
 */
export const PlanMetadataReading: Schema.Struct<{
  readonly etag: Schema.String
  readonly last_modified: Schema.String
  readonly names: Schema.$Array<Schema.String>
  readonly values: Schema.$Record<Schema.String, Schema.String>
}> = Schema.Struct({
  etag: Schema.String,
  last_modified: Schema.String,
  names: Schema.Array(Schema.String),
  values: Schema.Record(Schema.String, Schema.String)
})

/** @category models */
export interface PlanMetadataReading extends Schema.Schema.Type<typeof PlanMetadataReading> {}

/**
 * A ledger row as a plan holds it: every column of the ledger, evidence as objects.
 *
 * @example
 * ```ts
 * import type { PlanLedgerRow } from "./Plan.ts"
 * ```
 * @category models
 */
export const PlanLedgerRow: Schema.Struct<{
  readonly uuid: typeof FileUuid
  readonly key: Schema.NullOr<typeof ObjectKey>
  readonly row_id: Schema.NullOr<typeof RowId>
  readonly status: typeof MappingStatus
  readonly evidence: Schema.$Array<Schema.Struct<{ readonly source: typeof EvidenceSource; readonly row_id: typeof RowId; readonly detail: Schema.String }>>
  readonly confidence: Schema.Number
  readonly why: Schema.String
  readonly size: Schema.NullOr<Schema.Number>
  readonly etag: Schema.NullOr<Schema.String>
  readonly last_modified: Schema.NullOr<Schema.String>
  readonly metadata: Schema.optionalKey<Schema.NullOr<typeof PlanMetadataReading>>
}> = Schema.Struct({
  uuid: FileUuid,
  key: Schema.NullOr(ObjectKey),
  row_id: Schema.NullOr(RowId),
  status: MappingStatus,
  evidence: Schema.Array(Schema.Struct({ source: EvidenceSource, row_id: RowId, detail: Schema.String })),
  confidence: Schema.Number,
  why: Schema.String,
  size: Schema.NullOr(Schema.Number),
  etag: Schema.NullOr(Schema.String),
  last_modified: Schema.NullOr(Schema.String),
  // Absent from plans written before the ledger kept metadata readings.
  metadata: Schema.optionalKey(Schema.NullOr(PlanMetadataReading))
})

/** @category models */
export interface PlanLedgerRow extends Schema.Schema.Type<typeof PlanLedgerRow> {}

/**
 * A client's tracking as a plan holds it: `tracked` false is an empty count cell.
 *
 * @example
 * ```ts
 * import type { PlanTracking } from "./Plan.ts"
 * const tracking: PlanTracking = { tracked: true, file_uuids: [] }
 * ```
 * @category models
 */
export const PlanTracking: Schema.Struct<{ readonly tracked: Schema.Boolean; readonly file_uuids: Schema.$Array<typeof FileUuid> }> = Schema.Struct({ tracked: Schema.Boolean, file_uuids: Schema.Array(FileUuid) })

/** @category models */
export interface PlanTracking extends Schema.Schema.Type<typeof PlanTracking> {}

/**
 * A file's fingerprint: its path as given and the sha256 (hex) of its bytes, null when the
 * file did not exist (a ledger before the first run).
 *
 * @example
 * ```ts
 * import type { FileFingerprint } from "./Plan.ts"
 * const ledger: FileFingerprint = { file: "clients.ledger.csv", sha256: null }
 * ```
 * @category models
 */
export const FileFingerprint: Schema.Struct<{ readonly file: Schema.String; readonly sha256: Schema.NullOr<Schema.String> }> = Schema.Struct({ file: Schema.String, sha256: Schema.NullOr(Schema.String) })

/** @category models */
export interface FileFingerprint extends Schema.Schema.Type<typeof FileFingerprint> {}

/**
 * A touched object's fingerprint: key, size and ETag as listed, both null when the object was
 * not in the bucket (a file the plan records as missing).
 *
 * @example
 * ```ts
 * import type { ObjectFingerprint } from "./Plan.ts"
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

/** @category models */
export interface ObjectFingerprint extends Schema.Schema.Type<typeof ObjectFingerprint> {}

/**
 * The settings that shape a result; `apply` must be given the same ones. `evidence_options`
 * holds phase 2's options besides the evidence files themselves (column names, metadata
 * names, the weak-signal window), with sorted keys.
 *
 * @example
 * ```ts
 * import type { PlanSettings } from "./Plan.ts"
 * ```
 * @category models
 */
export const PlanSettings: Schema.Struct<{
  readonly bucket: Schema.String
  readonly id_column: Schema.String
  readonly uuids_column: Schema.String
  readonly count_column: Schema.String
  readonly pool_prefix: Schema.String
  readonly encoding: Schema.String
  readonly delimiter: Schema.NullOr<Schema.String>
  readonly evidence_options: Schema.Unknown
}> = Schema.Struct({
  bucket: Schema.String,
  id_column: Schema.String,
  uuids_column: Schema.String,
  count_column: Schema.String,
  pool_prefix: Schema.String,
  encoding: Schema.String,
  delimiter: Schema.NullOr(Schema.String),
  evidence_options: Schema.Unknown
})

/** @category models */
export interface PlanSettings extends Schema.Schema.Type<typeof PlanSettings> {}

/**
 * The whole plan file.
 * - `inputs`: fingerprints of the clients CSV, the ledger, each evidence file and every object
 *   a change touches;
 * - `changes.tracking_cells`: each client whose tracking changes, before and after;
 * - `changes.ledger`: each ledger row that changes (before null: a new UUID), with the
 *   evidence behind it;
 * - `summary`: counts for people; `apply` ignores it.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { PlanFile } from "./Plan.ts"
 * const decode = Schema.decodeUnknownEffect(PlanFile)
 * ```
 * @category models
 */
export const PlanFile: Schema.Struct<{
  readonly format_version: Schema.Literal<typeof planFormatVersion>
  readonly tool: Schema.String
  readonly created_at: Schema.String
  readonly phase: Schema.Literals<readonly ["1", "2", "3", "all"]>
  readonly phases_ran: Schema.$Array<Schema.Literals<readonly ["1", "2", "3"]>>
  readonly settings: typeof PlanSettings
  readonly inputs: Schema.Struct<{
    readonly clients: typeof FileFingerprint
    readonly ledger: typeof FileFingerprint
    readonly evidence: Schema.$Array<typeof FileFingerprint>
    readonly objects: Schema.$Array<typeof ObjectFingerprint>
  }>
  readonly summary: Schema.Struct<{ readonly new_uuids: Schema.Number; readonly ledger_rows: Schema.Number; readonly tracking_cells: Schema.Number }>
  readonly changes: Schema.Struct<{
    readonly tracking_cells: Schema.$Array<Schema.Struct<{ readonly row_id: typeof RowId; readonly before: typeof PlanTracking; readonly after: typeof PlanTracking }>>
    readonly ledger: Schema.$Array<
      Schema.Struct<{ readonly uuid: typeof FileUuid; readonly before: Schema.NullOr<typeof PlanLedgerRow>; readonly after: Schema.NullOr<typeof PlanLedgerRow> }>
    >
  }>
}> = Schema.Struct({
  format_version: Schema.Literal(planFormatVersion),
  tool: Schema.String,
  created_at: Schema.String,
  phase: Schema.Literals(["1", "2", "3", "all"]),
  phases_ran: Schema.Array(Schema.Literals(["1", "2", "3"])),
  settings: PlanSettings,
  inputs: Schema.Struct({
    clients: FileFingerprint,
    ledger: FileFingerprint,
    evidence: Schema.Array(FileFingerprint),
    objects: Schema.Array(ObjectFingerprint)
  }),
  summary: Schema.Struct({
    new_uuids: Schema.Number,
    ledger_rows: Schema.Number,
    tracking_cells: Schema.Number
  }),
  changes: Schema.Struct({
    tracking_cells: Schema.Array(Schema.Struct({ row_id: RowId, before: PlanTracking, after: PlanTracking })),
    ledger: Schema.Array(Schema.Struct({
      uuid: FileUuid,
      before: Schema.NullOr(PlanLedgerRow),
      after: Schema.NullOr(PlanLedgerRow)
    }))
  })
})

/** @category models */
export interface PlanFile extends Schema.Schema.Type<typeof PlanFile> {}
