/**
 * Loads phase 2's outside evidence: the migration logs and records files the settings name
 * (read before the listing, so a bad row fails fast and costs no requests), then the metadata
 * of the pool objects the listing found: from the ledger's readings where they still hold,
 * else through `ObjectStore.metadata` with bounded concurrency. Only a run whose phases
 * include phase 2 loads metadata at all (see `loadRun`).
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { answerFromReading, makeMetadataReading, type MetadataReading } from "../domain/MetadataReading.ts"
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
import { ObjectStore } from "../io/store/ObjectStore.ts"
import { metadataEvidenceOn, type Settings } from "./Settings.ts"

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
 * More HeadObject requests than this, and the run says so before it sends them.
 *
 * @example
 * ```ts
 * import { headRequestNoticeAbove } from "./LoadEvidence.ts"
 * headRequestNoticeAbove // 10000
 * ```
 * @category constants
 */
export const headRequestNoticeAbove = 10_000

/**
 * The line a run prints on stderr before it sends more than `headRequestNoticeAbove`
 * HeadObject requests.
 *
 * @example
 * ```ts
 * import { headRequestNotice } from "./LoadEvidence.ts"
 * headRequestNotice(12000) // "uuidmap: reading the metadata of 12,000 pool objects: 12,000 HeadObject requests; --metadata-evidence off avoids them"
 * ```
 * @category rendering
 */
export const headRequestNotice = (count: number): string => {
  const shown = count.toLocaleString("en")
  return `uuidmap: reading the metadata of ${shown} pool objects: ${shown} HeadObject requests; --metadata-evidence off avoids them`
}

/**
 * Adds the metadata of the pool objects to the evidence files' claims, when metadata is
 * evidence (`metadataEvidenceOn`). A pool object whose last reading (from the ledger) still
 * holds, same ETag and last-modified time and read for every name wanted, is answered from
 * it; only the others are read with HeadObject, at most `settings.concurrency` at a time.
 * Every object's reading goes into the evidence, for phase 2 to record. An object deleted
 * since the listing has none. With metadata evidence off nothing is read and metadata counts
 * as read and empty: it names nobody.
 *
 * @example
 * ```ts
 * import { loadPoolEvidence } from "./LoadEvidence.ts"
 * const evidence = loadPoolEvidence(settings, files, poolObjects, ledgerReadings)
 * ```
 * @category reading
 */
export const loadPoolEvidence = (
  settings: Settings,
  files: EvidenceFiles,
  pool: Iterable<StoredObject>,
  ledgerReadings: ReadonlyMap<ObjectKey, MetadataReading>
): Effect.Effect<PoolEvidence, StoreError, ObjectStore> =>
  Effect.gen(function*() {
    const names = settings.evidence.metadataNames ?? defaultMetadataNames
    const metadata = new Map<ObjectKey, Readonly<Record<string, string>>>()
    const metadataReadings = new Map<ObjectKey, MetadataReading>()
    const evidence: PoolEvidence = {
      claims: files.claims,
      metadata,
      metadataReadings,
      sources: [...files.sources, "metadata"],
      metadataNames: names,
      weakWindowMs: settings.evidence.weakWindowMs ?? defaultWeakWindowMs
    }
    if (!metadataEvidenceOn(settings)) return evidence
    const wanted = [...new Set([names.rowId, names.clientId, names.originalKey])].sort()
    const record = (key: ObjectKey, reading: MetadataReading, values: Readonly<Record<string, string>>) => {
      metadataReadings.set(key, reading)
      if (Object.keys(values).length > 0) metadata.set(key, values)
    }
    const toRead: Array<StoredObject> = []
    for (const object of pool) {
      const reading = ledgerReadings.get(object.key)
      const answer = reading === undefined ? undefined : answerFromReading(reading, object, wanted)
      if (reading === undefined || answer === undefined) toRead.push(object)
      else record(object.key, reading, answer)
    }
    if (toRead.length > headRequestNoticeAbove) yield* Console.error(headRequestNotice(toRead.length))
    const store = yield* ObjectStore
    yield* Effect.forEach(
      toRead,
      (object) =>
        store.metadata(object.key).pipe(
          Effect.map((found) => {
            const reading = makeMetadataReading(object, wanted, found)
            record(object.key, reading, reading.values)
          }),
          Effect.catchIf((error) => error.reason === "NoSuchKey", () => Effect.void)
        ),
      { concurrency: settings.concurrency, discard: true }
    )
    return evidence
  })
