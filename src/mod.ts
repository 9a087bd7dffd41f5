/**
 * uuidmap as a library (SPEC §5): the domain schemas, the phases as pure functions, the store,
 * clients CSV, ledger and UUID services as Effect layers, and `runPipeline`, which takes your own client rows
 * and object stream and returns the new state. `runPipelinePromise` does the same for callers
 * who do not use Effect.
 *
 * This module only re-exports: everything it names is the public API, and every other module
 * of the package is internal.
 *
 * @example Mapping a client's files
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { runPipeline, unsafeObjectKey, unsafeRowId, UuidGenerator } from "uuidmap"
 *
 * const objects = Stream.make({
 *   key: unsafeObjectKey("502/Sam_Torode/resume.pdf"),
 *   size: 1024,
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z"
 * })
 * const result = await Effect.runPromise(
 *   runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }], objects }).pipe(
 *     Effect.provide(UuidGenerator.layerTest(1))
 *   )
 * )
 * assert.deepStrictEqual(result.state.clients[0]?.uuids, ["00000001-0000-4000-8000-000000000000"])
 * assert.equal(result.state.ledger[0]?.status, "mapped")
 * ```
 *
 * @module
 */

// The domain: schemas, their types, and the constructors and accessors a caller needs.
export { ClientRow } from "./domain/ClientRow.ts"
export { Evidence, EvidenceSource, isNoOwnerDecision, noOwnerRowId } from "./domain/Evidence.ts"
export { FileUuid, isFileUuid } from "./domain/FileUuid.ts"
export { Finding, FindingKind } from "./domain/Finding.ts"
export { Mapping, ownerOf } from "./domain/Mapping.ts"
export { MappingStatus } from "./domain/MappingStatus.ts"
export { MetadataReading } from "./domain/MetadataReading.ts"
export { ObjectKey, unsafeObjectKey } from "./domain/ObjectKey.ts"
export {
  PlanFile,
  planFormatVersion,
  PlanLedgerRow,
  PlanMetadataReading,
  PlanSettings,
  PlanTracking
} from "./domain/Plan.ts"
export { FileFingerprint, ObjectFingerprint } from "./domain/PlanFingerprint.ts"
export {
  type Claim,
  type ClaimTarget,
  defaultMetadataNames,
  defaultWeakWindowMs,
  emptyPoolEvidence,
  makePoolEvidence,
  type MetadataNames,
  type OutsideSource,
  type PoolEvidence
} from "./domain/PoolEvidence.ts"
export { RowId, unsafeRowId } from "./domain/RowId.ts"
export { defaultLayout, type Layout, makeState, type State } from "./domain/State.ts"
export { StoredObject } from "./domain/StoredObject.ts"

// The tagged errors, each with its reasons (and a one-line formatter where messages cite a file).
export { CsvError, type CsvErrorReason, formatCsvError } from "./domain/CsvError.ts"
export { EvidenceError, type EvidenceErrorReason, formatEvidenceError } from "./domain/EvidenceError.ts"
export { formatInventoryError, InventoryError, type InventoryErrorReason } from "./domain/InventoryError.ts"
export { PipelineInputError, type PipelineInputErrorReason } from "./domain/PipelineInputError.ts"
export { formatStalePlanError, type StaleCause, StalePlanError, type StaleReason } from "./domain/StalePlanError.ts"
export { StoreError, type StoreErrorReason } from "./domain/StoreError.ts"
export { UsageError, type UsageErrorReason } from "./domain/UsageError.ts"
export { DiskError, type DiskErrorReason } from "./io/files/DiskError.ts"

// The pure core: the phases, diffs and plans, metrics and the invariant checks.
export { trackAllClients } from "./pipeline/AllClients.ts"
export { assignClientFolderUuids, keysNeedingUuids } from "./pipeline/ClientFolders.ts"
export { computeMetrics, type Metrics } from "./pipeline/Metrics.ts"
export { type PhaseName, type PhaseRun, type PhaseSelection, runPhases } from "./pipeline/Phases.ts"
export { applyStateChanges, type PlanApplication } from "./pipeline/PlanChanges.ts"
export { linkPoolFiles } from "./pipeline/PoolFiles.ts"
export { type CellChange, diffStates, type LedgerChange, type StateChanges } from "./pipeline/StateDiff.ts"
export {
  type CheckResult,
  defaultVerifyOptions,
  type Severity,
  verify,
  type VerifyOptions,
  type VerifyReport
} from "./pipeline/Verify.ts"
export { verifyState } from "./pipeline/VerifyState.ts"
export { type CheckName, checkNames } from "./pipeline/checks/Check.ts"
export {
  type ClientRecord,
  type LedgerRecord,
  type Offence,
  type Replan,
  type VerifyInput
} from "./pipeline/checks/VerifyInput.ts"

// The clients CSV and the ledger: read (validated, with file, line and column in errors) and
// rendered back losslessly.
export {
  type ClientsColumns,
  type ClientsTable,
  type ClientsTableOptions,
  defaultClientsColumns,
  encodeClientsCsv,
  readClientsTable,
  renderClientsCsv
} from "./io/csv/ClientsTable.ts"
export { type CsvDelimiter, type CsvDialect, type CsvLineEnding } from "./io/csv/CsvDialect.ts"
export { type CsvEncoding, encodeCsvText } from "./io/csv/CsvEncoding.ts"
export { type CsvDocument, type CsvReadOptions, type CsvRecord } from "./io/csv/CsvReader.ts"
export { type LedgerContent, readLedgerContent } from "./io/csv/LedgerContent.ts"
export { encodeLedger, readLedger, renderLedger } from "./io/csv/LedgerFile.ts"

// The services and their layers.
export { type MigrationColumns } from "./io/evidence/MigrationLogFile.ts"
export { type RecordsColumns } from "./io/evidence/RecordsFile.ts"
export { Disk, DiskBase, type DiskShape, type FileFacts, type NewFileOptions } from "./io/files/Disk.ts"
export { type Digest } from "./io/files/FileDigest.ts"
export { type InventoryStoreOptions, layerInventory } from "./io/inventory/InventoryStore.ts"
export { layerLocalFolder } from "./io/store/LocalFolderStore.ts"
export { type MemoryMetadata } from "./io/store/MemoryStore.ts"
export {
  isUnreadable,
  type ListedEntry,
  type ObjectMetadata,
  ObjectStore,
  ObjectStoreBase,
  type ObjectStoreShape,
  type StoreRequests,
  type UnreadableEntry
} from "./io/store/ObjectStore.ts"
export { type ListingProgress } from "./io/store/S3ListingProgress.ts"
export { ClientsCsv, ClientsCsvBase, type ClientsCsvContent, type ClientsCsvShape } from "./io/state/ClientsCsv.ts"
export { Ledger, LedgerBase, type LedgerShape, type LedgerSnapshot } from "./io/state/Ledger.ts"
export { type StateBacking } from "./io/state/StateBacking.ts"
export { layerS3 } from "./io/store/S3Layer.ts"
export { type S3StoreOptions } from "./io/store/S3StoreOptions.ts"
export { UuidGenerator, UuidGeneratorBase, type UuidGeneratorShape } from "./io/uuid/UuidGenerator.ts"

// The programs: a whole run over files and a store, and the library's own entry points.
export { reconcile, type ReconcileOptions, type ReconcileOutcome } from "./program/Reconcile.ts"
export { type PipelineInput, type PipelineResult, runPipeline } from "./program/RunPipeline.ts"
export {
  type ClientRowInput,
  type MappingInput,
  pipelineFromRequest,
  type PipelineRequest,
  runPipelinePromise,
  type StoredObjectInput,
  type UuidSource
} from "./program/RunPipelinePromise.ts"
export {
  type Columns,
  defaultColumns,
  type EvidenceSettings,
  makeSettings,
  type S3Settings,
  type Settings
} from "./program/Settings.ts"
export { type WrittenFile } from "./program/WriteResult.ts"
