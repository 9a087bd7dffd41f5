/**
 * Loads phase 2's outside evidence: the migration logs and records files the settings name
 * (checked before the listing, so a bad row fails fast and costs no requests; their claims
 * about the pool read again once the pool is known, so memory follows the pool, not the
 * files), then the metadata of the pool objects the listing found (`LoadPoolMetadata`). Only a
 * run whose phases include phase 2 loads any of it (see `loadRun`).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { EvidenceError } from "../domain/EvidenceError.ts"
import type { FileUuid } from "../domain/FileUuid.ts"
import type { MetadataReading } from "../domain/MetadataReading.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import {
  type Claim,
  defaultMetadataNames,
  defaultWeakWindowMs,
  type OutsideSource,
  type PoolEvidence
} from "../domain/PoolEvidence.ts"
import type { StoreError } from "../domain/StoreError.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { readEvidenceFile } from "../io/evidence/EvidenceFile.ts"
import { defaultMigrationColumns, readMigrationLog } from "../io/evidence/MigrationLogFile.ts"
import { defaultRecordsColumns, readRecords } from "../io/evidence/RecordsFile.ts"
import type { ObjectStore } from "../io/store/ObjectStore.ts"
import { claimTargetsPool } from "../pipeline/PoolClaims.ts"
import { loadPoolMetadata } from "./LoadPoolMetadata.ts"
import type { Settings } from "./Settings.ts"

/**
 * The evidence files of a run, every row already checked: their bytes (kept, so that the
 * claims that count are read from exactly what was checked) and the sources they cover.
 *
 * @category models
 */
export interface EvidenceFiles {
  readonly files: ReadonlyArray<CheckedEvidenceFile>
  readonly sources: ReadonlyArray<OutsideSource>
}

/**
 * One checked evidence file.
 *
 * @category models
 */
export interface CheckedEvidenceFile {
  readonly file: string
  readonly source: "migration-log" | "records"
  readonly bytes: Uint8Array
  /** The file's claims when there are few enough to keep; otherwise read again when needed. */
  readonly claims?: ReadonlyArray<Claim> | undefined
}

// About 30 MB of claims: a larger file is read a second time instead of held as claims.
const keptClaimsBudget = 100_000

const claimsOfFile = (
  settings: Settings,
  checked: CheckedEvidenceFile,
  keep: (claim: Claim) => boolean
): Effect.Effect<ReadonlyArray<Claim>, EvidenceError> =>
  checked.source === "migration-log"
    ? readMigrationLog(checked.file, checked.bytes, settings.evidence.migrationColumns ?? defaultMigrationColumns, keep)
    : readRecords(checked.file, checked.bytes, settings.evidence.recordsColumns ?? defaultRecordsColumns, keep)


/**
 * Reads and checks every `--migration-log` and `--records` file, before anything is listed:
 * the first bad row of any of them fails the run with an `EvidenceError` naming file, line and
 * column. The claims of a small file are kept; a file of more than 100,000 claims is read
 * again by `claimsAbout` once the pool is known, keeping only the claims about it, so a file
 * of millions of rows never sits in memory as claims.
 *
 * @category reading
 */
export const readEvidenceFiles = Effect.fn("uuidmap.readEvidenceFiles")(function*(settings: Settings) {
  const { evidence } = settings
  const files: Array<CheckedEvidenceFile> = []
  const named = [
    ...evidence.migrationLogs.map((file) => ({ file, source: "migration-log" as const })),
    ...evidence.records.map((file) => ({ file, source: "records" as const }))
  ]
  for (const { file, source } of named) {
    const read = { file, source, bytes: yield* readEvidenceFile(file) }
    let count = 0
    const claims = yield* claimsOfFile(settings, read, () => ++count <= keptClaimsBudget)
    files.push(count <= keptClaimsBudget ? { ...read, claims } : read)
  }
  const sources: Array<OutsideSource> = []
  if (evidence.migrationLogs.length > 0) sources.push("migration-log")
  if (evidence.records.length > 0) sources.push("records")
  const result: EvidenceFiles = { files, sources }
  return result
})

/**
 * The claims of the checked files that `keep` accepts, in file and row order.
 *
 * @category reading
 */
export const claimsAbout = (
  settings: Settings,
  files: EvidenceFiles,
  keep: (claim: Claim) => boolean
): Effect.Effect<ReadonlyArray<Claim>, EvidenceError> =>
  Effect.gen(function*() {
    const claims: Array<Claim> = []
    for (const checked of files.files) {
      // One claim at a time: spreading a file's claims into push() overflows the call stack
      // at about 130,000 rows. A file read again here is filtered as it is read, so only the
      // claims kept from the first reading are filtered now.
      if (checked.claims === undefined) for (const claim of yield* claimsOfFile(settings, checked, keep)) claims.push(claim)
      else for (const claim of checked.claims) if (keep(claim)) claims.push(claim)
    }
    return claims
  })

/**
 * The outside evidence about the pool (UUID → key of each pool file the listing found, and
 * those files' objects, in the same order): the
 * evidence files' claims about those files, and their metadata (`loadPoolMetadata`: from the
 * ledger's readings where they still hold, else with HeadObject). Metadata always counts as
 * read: with metadata evidence off it is read as empty and names nobody.
 *
 * @category reading
 */
export const loadPoolEvidence = (
  settings: Settings,
  files: EvidenceFiles,
  pool: ReadonlyMap<FileUuid, ObjectKey>,
  poolObjects: ReadonlyArray<StoredObject>,
  ledgerReadings: ReadonlyMap<ObjectKey, MetadataReading>
): Effect.Effect<PoolEvidence, StoreError | EvidenceError, ObjectStore> =>
  Effect.gen(function*() {
    const read = yield* loadPoolMetadata(settings, poolObjects, ledgerReadings)
    const evidence: PoolEvidence = {
      claims: yield* claimsAbout(settings, files, claimTargetsPool(pool)),
      metadata: read.metadata,
      metadataReadings: read.readings,
      sources: [...files.sources, "metadata"],
      metadataNames: settings.evidence.metadataNames ?? defaultMetadataNames,
      weakWindowMs: settings.evidence.weakWindowMs ?? defaultWeakWindowMs
    }
    return evidence
  })
