/**
 * Reads the metadata of the pool objects for phase 2, sending HeadObject only where the
 * ledger cannot answer: a pool object whose last reading (`MetadataReading`, from the ledger)
 * still holds, same ETag and last-modified time and made for every name looked for, is
 * answered from it; only the others are read, at most `settings.concurrency` at a time, with
 * one line on stderr first when they are more than 10,000. With metadata evidence off
 * (`--metadata-evidence off`, or a local folder by default) nothing is read.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { answerFromReading, makeMetadataReading, type MetadataReading } from "../domain/MetadataReading.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import { defaultMetadataNames } from "../domain/PoolEvidence.ts"
import type { StoreError } from "../domain/StoreError.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { ObjectStore } from "../io/store/ObjectStore.ts"
import { metadataEvidenceOn, type Settings } from "./Settings.ts"

/**
 * More HeadObject requests than this, and the run says so before it sends them.
 *
 * @category constants
 */
export const headRequestNoticeAbove = 10_000

/**
 * The line a run prints on stderr before it sends more than `headRequestNoticeAbove`
 * HeadObject requests.
 *
 * @category rendering
 */
export const headRequestNotice = (count: number): string => {
  const shown = count.toLocaleString("en")
  return `uuidmap: reading the metadata of ${shown} pool objects: ${shown} HeadObject requests; --metadata-evidence off avoids them`
}

/**
 * The metadata of the pool, by key: the values of the names looked for (only objects that
 * have one of them), and every object's reading, for phase 2 to record in the ledger.
 *
 * @category models
 */
export interface PoolMetadata {
  readonly metadata: ReadonlyMap<ObjectKey, Readonly<Record<string, string>>>
  readonly readings: ReadonlyMap<ObjectKey, MetadataReading>
}

/**
 * Reads the pool's metadata, answering from `ledgerReadings` where they still hold. An object
 * deleted since the listing has none.
 *
 * @category reading
 */
export const loadPoolMetadata = (
  settings: Settings,
  pool: Iterable<StoredObject>,
  ledgerReadings: ReadonlyMap<ObjectKey, MetadataReading>
): Effect.Effect<PoolMetadata, StoreError, ObjectStore> =>
  Effect.gen(function*() {
    const metadata = new Map<ObjectKey, Readonly<Record<string, string>>>()
    const readings = new Map<ObjectKey, MetadataReading>()
    const result: PoolMetadata = { metadata, readings }
    if (!metadataEvidenceOn(settings)) return result
    const names = settings.evidence.metadataNames ?? defaultMetadataNames
    const wanted = [...new Set([names.rowId, names.clientId, names.originalKey])].sort()
    const record = (key: ObjectKey, reading: MetadataReading, values: Readonly<Record<string, string>>) => {
      readings.set(key, reading)
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
    return result
  })
