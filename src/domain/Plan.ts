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
import { FileFingerprint, ObjectFingerprint } from "./PlanFingerprint.ts"
import { RowId } from "./RowId.ts"

/**
 * The plan format this uuidmap writes and reads.
 *
 * @example The version this uuidmap writes
 * ```ts
 * import assert from "node:assert/strict"
 * import { planFormatVersion } from "uuidmap"
 *
 * assert.equal(planFormatVersion, 1)
 * ```
 * @category constants
 */
export const planFormatVersion: 1 = 1

/**
 * A pool file's metadata reading as a plan holds it (the ledger's `metadata` cell).
 *
 * @example snake_case, as in the file
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { PlanMetadataReading } from "uuidmap"
 *
 * const reading = Schema.decodeUnknownSync(PlanMetadataReading)({ etag: "\"e\"", last_modified: "2024-05-01T10:00:00.000Z", names: ["row-id"], values: {} })
 * assert.equal(reading.last_modified, "2024-05-01T10:00:00.000Z")
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

/**
 * A plan's metadata reading as a value.
 *
 * @category models
 */
export interface PlanMetadataReading extends Schema.Schema.Type<typeof PlanMetadataReading> {}

/**
 * A ledger row as a plan holds it: every column of the ledger, evidence as objects.
 *
 * @example A row from an older plan, without `metadata`
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { PlanLedgerRow } from "uuidmap"
 *
 * const row = Schema.decodeUnknownSync(PlanLedgerRow)({
 *   uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f",
 *   key: "502/a.pdf",
 *   row_id: "502",
 *   status: "mapped",
 *   evidence: [{ source: "client-folder", row_id: "502", detail: "502/a.pdf" }],
 *   confidence: 1,
 *   why: "in the folder of client 502",
 *   size: 10,
 *   etag: "\"0123456789abcdef0123456789abcdef\"",
 *   last_modified: "2024-05-01T12:00:00.000Z"
 * })
 * assert.equal(row.metadata, undefined)
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

/**
 * A plan's ledger row as a value.
 *
 * @category models
 */
export interface PlanLedgerRow extends Schema.Schema.Type<typeof PlanLedgerRow> {}

/**
 * A client's tracking as a plan holds it: `tracked` false is an empty count cell.
 *
 * @example Tracked, with no files
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { PlanTracking } from "uuidmap"
 *
 * assert.deepStrictEqual(Schema.decodeUnknownSync(PlanTracking)({ tracked: true, file_uuids: [] }), { tracked: true, file_uuids: [] })
 * ```
 * @category models
 */
export const PlanTracking: Schema.Struct<{ readonly tracked: Schema.Boolean; readonly file_uuids: Schema.$Array<typeof FileUuid> }> = Schema.Struct({ tracked: Schema.Boolean, file_uuids: Schema.Array(FileUuid) })

/**
 * A plan's tracking cell as a value.
 *
 * @category models
 */
export interface PlanTracking extends Schema.Schema.Type<typeof PlanTracking> {}

/**
 * The settings that shape a result; `apply` must be given the same ones. `evidence_options`
 * holds phase 2's options besides the evidence files themselves (column names, metadata
 * names, the weak-signal window), with sorted keys.
 *
 * @example The settings of a plan made with the defaults
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { PlanSettings } from "uuidmap"
 *
 * const settings = Schema.decodeUnknownSync(PlanSettings)({
 *   bucket: "file:///data/bucket",
 *   id_column: "row_id",
 *   uuids_column: "file_uuids",
 *   count_column: "file_count",
 *   pool_prefix: "files/",
 *   encoding: "utf-8",
 *   delimiter: null,
 *   evidence_options: {}
 * })
 * assert.equal(settings.pool_prefix, "files/")
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

/**
 * A plan's settings as a value.
 *
 * @category models
 */
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
 * @example A plan with nothing to change
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { PlanFile } from "uuidmap"
 *
 * const plan = Schema.decodeUnknownSync(PlanFile)({
 *   format_version: 1,
 *   tool: "uuidmap 0.1.0",
 *   created_at: "2026-01-01T00:00:00.000Z",
 *   phase: "all",
 *   phases_ran: ["1", "2", "3"],
 *   settings: {
 *     bucket: "file:///data/bucket", id_column: "row_id", uuids_column: "file_uuids", count_column: "file_count",
 *     pool_prefix: "files/", encoding: "utf-8", delimiter: null, evidence_options: {}
 *   },
 *   inputs: {
 *     clients: { file: "clients.csv", sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
 *     ledger: { file: "clients.ledger.csv", sha256: null },
 *     evidence: [],
 *     objects: []
 *   },
 *   summary: { new_uuids: 0, ledger_rows: 0, tracking_cells: 0 },
 *   changes: { tracking_cells: [], ledger: [] }
 * })
 * assert.deepStrictEqual(plan.changes, { tracking_cells: [], ledger: [] })
 * assert.throws(() => Schema.decodeUnknownSync(PlanFile)({ ...plan, format_version: 2 })) // another version is refused
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

/**
 * A plan file as a value.
 *
 * @category models
 */
export interface PlanFile extends Schema.Schema.Type<typeof PlanFile> {}
