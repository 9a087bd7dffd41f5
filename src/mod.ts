/**
 * uuidmap as a library (SPEC §5): the domain schemas, the phases as pure functions, the store,
 * CSV and UUID services as Effect layers, and `runPipeline`, which takes your own client rows
 * and object stream and returns the new state.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { runPipeline, UuidGenerator, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const objects = Stream.make({
 *   key: unsafeObjectKey("502/Sam_Torode/resume.pdf"),
 *   size: 1024,
 *   etag: "\"9e107d9d372bb6826bd81d3542a419d6\"",
 *   lastModified: "2024-05-01T10:00:00.000Z"
 * })
 * const result = await Effect.runPromise(
 *   runPipeline({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }], objects }).pipe(
 *     Effect.provide(UuidGenerator.layerV4)
 *   )
 * )
 * result.state.clients[0]?.uuids.length // 1
 * ```
 *
 * @module
 */
export * from "./domain/ClientRow.ts"
export * from "./domain/CsvError.ts"
export * from "./domain/EvidenceError.ts"
export * from "./domain/Evidence.ts"
export * from "./domain/FileUuid.ts"
export * from "./domain/Finding.ts"
export * from "./domain/Mapping.ts"
export * from "./domain/Plan.ts"
export * from "./domain/MappingStatus.ts"
export * from "./domain/ObjectKey.ts"
export * from "./domain/PipelineInputError.ts"
export * from "./domain/PoolEvidence.ts"
export * from "./domain/RowId.ts"
export * from "./domain/StalePlanError.ts"
export * from "./domain/State.ts"
export * from "./domain/StoredObject.ts"
export * from "./domain/StoreError.ts"
export * from "./domain/InventoryError.ts"
export * from "./domain/UsageError.ts"
export { trackAllClients } from "./pipeline/AllClients.ts"
export { assignClientFolderUuids, keysNeedingUuids } from "./pipeline/ClientFolders.ts"
export { decideOwner } from "./pipeline/Decision.ts"
export { reconcileExistingState } from "./pipeline/ExistingState.ts"
export { computeMetrics, type Metrics } from "./pipeline/Metrics.ts"
export { linkPoolFiles } from "./pipeline/PoolFiles.ts"
export { type PhaseName, type PhaseRun, type PhaseSelection, runPhases } from "./pipeline/Phases.ts"
export { diffStates, type StateChanges } from "./pipeline/StateDiff.ts"
export { allChecks, type VerifyReport, verify } from "./pipeline/Verify.ts"
export { encodeClientsCsv, readClientsTable, renderClientsCsv } from "./io/csv/ClientsTable.ts"
export { readLedgerContent } from "./io/csv/LedgerContent.ts"
export { encodeLedger, readLedger, renderLedger } from "./io/csv/LedgerFile.ts"
export { Disk } from "./io/files/Disk.ts"
export { layerInventory, type InventoryStoreOptions } from "./io/inventory/InventoryStore.ts"
export { layerLocalFolder } from "./io/store/LocalFolderStore.ts"
export { type MemoryMetadata } from "./io/store/MemoryStore.ts"
export { ObjectStore, type ObjectMetadata, type StoreRequests } from "./io/store/ObjectStore.ts"
export { layerS3 } from "./io/store/S3Store.ts"
export { UuidGenerator } from "./io/uuid/UuidGenerator.ts"
export { reconcile, type ReconcileOutcome } from "./program/Reconcile.ts"
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
export { makeSettings, type Settings } from "./program/Settings.ts"
