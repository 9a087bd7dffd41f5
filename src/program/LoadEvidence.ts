/**
 * Loads phase 2's outside evidence: the migration logs and records files the settings name
 * (read before the listing, so a bad row fails fast and costs no requests), then the metadata
 * of the pool objects the listing found, through `ObjectStore.metadata` with bounded
 * concurrency. A local folder has no metadata; only an S3 store's metadata counts as read.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import {
  type Claim,
  defaultMetadataNames,
  defaultWeakWindowMs,
  type OutsideSource,
  type PoolEvidence
} from "../domain/PoolEvidence.ts"
import type { StoreError } from "../domain/StoreError.ts"
import { readEvidenceFile } from "../io/evidence/EvidenceFile.ts"
import { defaultMigrationColumns, readMigrationLog } from "../io/evidence/MigrationLogFile.ts"
import { defaultRecordsColumns, readRecords } from "../io/evidence/RecordsFile.ts"
import { type ObjectMetadata, ObjectStore } from "../io/store/ObjectStore.ts"
import type { Settings } from "./Settings.ts"

/**
 * The claims of the evidence files, and which sources they cover.
 *
 * @example
 * ```ts
 * import type { EvidenceFiles } from "./LoadEvidence.ts"
 * const none: EvidenceFiles = { claims: [], sources: [] }
 * ```
 * @category models
 */
export interface EvidenceFiles {
  readonly claims: ReadonlyArray<Claim>
  readonly sources: ReadonlyArray<OutsideSource>
}

/**
 * Reads every `--migration-log` and `--records` file. The first bad row of any of them fails
 * the run with an `EvidenceError` naming file, line and column.
 *
 * @example
 * ```ts
 * import { readEvidenceFiles } from "./LoadEvidence.ts"
 * const files = readEvidenceFiles(settings)
 * ```
 * @category reading
 */
export const readEvidenceFiles = Effect.fn("uuidmap.readEvidenceFiles")(function*(settings: Settings) {
  const { evidence } = settings
  const claims: Array<Claim> = []
  for (const file of evidence.migrationLogs) {
    const bytes = yield* readEvidenceFile(file)
    claims.push(...(yield* readMigrationLog(file, bytes, evidence.migrationColumns ?? defaultMigrationColumns)))
  }
  for (const file of evidence.records) {
    const bytes = yield* readEvidenceFile(file)
    claims.push(...(yield* readRecords(file, bytes, evidence.recordsColumns ?? defaultRecordsColumns)))
  }
  const sources: Array<OutsideSource> = []
  if (evidence.migrationLogs.length > 0) sources.push("migration-log")
  if (evidence.records.length > 0) sources.push("records")
  const files: EvidenceFiles = { claims, sources }
  return files
})

/**
 * Adds the metadata of the pool objects to the evidence files' claims. Only metadata holding
 * one of the configured names is kept. An object deleted since the listing has none.
 *
 * @example
 * ```ts
 * import { loadPoolEvidence } from "./LoadEvidence.ts"
 * const evidence = loadPoolEvidence(settings, files, poolKeys)
 * ```
 * @category reading
 */
export const loadPoolEvidence = (
  settings: Settings,
  files: EvidenceFiles,
  poolKeys: Iterable<ObjectKey>
): Effect.Effect<PoolEvidence, StoreError, ObjectStore> =>
  Effect.gen(function*() {
    const names = settings.evidence.metadataNames ?? defaultMetadataNames
    const readsMetadata = settings.bucket.startsWith("s3://")
    const metadata = new Map<ObjectKey, ObjectMetadata>()
    if (readsMetadata) {
      const store = yield* ObjectStore
      const wanted = [names.rowId, names.clientId, names.originalKey]
      yield* Effect.forEach(
        poolKeys,
        (key) =>
          store.metadata(key).pipe(
            Effect.catchIf((error) => error.reason === "NoSuchKey", () => Effect.succeed({} as ObjectMetadata)),
            Effect.map((found) => {
              if (wanted.some((name) => found[name] !== undefined)) metadata.set(key, found)
            })
          ),
        { concurrency: settings.concurrency, discard: true }
      )
    }
    const evidence: PoolEvidence = {
      claims: files.claims,
      metadata,
      sources: readsMetadata ? [...files.sources, "metadata"] : files.sources,
      metadataNames: names,
      weakWindowMs: settings.evidence.weakWindowMs ?? defaultWeakWindowMs
    }
    return evidence
  })
