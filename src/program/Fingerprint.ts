/**
 * Fingerprints of a plan's inputs: the sha256 of each input file and the key, size and ETag of
 * each object a change touches. Comparing fingerprints tells `apply` whether the plan still
 * fits, and says exactly what moved.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { CsvError } from "../domain/CsvError.ts"
import type { FileFingerprint, ObjectFingerprint } from "../domain/PlanFingerprint.ts"
import type { StaleCause, StaleReason } from "../domain/StalePlanError.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import type { StateChanges } from "../pipeline/StateDiff.ts"
import { type Digest, sha256Hex } from "../io/files/FileDigest.ts"
import type { Disk } from "../io/files/Disk.ts"
import { readOptionalFile } from "../io/state/InputFile.ts"

/**
 * The sha256 of some bytes, lower-case hex.
 *
 * @category hashing
 */
export { sha256Hex }

/**
 * The fingerprint of bytes already read (undefined: the file does not exist).
 *
 * @category hashing
 */
export const fingerprintBytes = (file: string, bytes: Uint8Array | undefined): FileFingerprint => ({
  file,
  sha256: bytes === undefined ? null : sha256Hex(bytes)
})

/**
 * The fingerprint of a file whose digest is already known (undefined: the file does not exist).
 *
 * @category hashing
 */
export const fingerprintDigest = (file: string, digest: Digest | undefined): FileFingerprint => ({
  file,
  sha256: digest === undefined ? null : digest.sha256
})

/**
 * Reads a file, if it exists, and fingerprints it.
 *
 * @category hashing
 */
export const fingerprintFile = (file: string): Effect.Effect<FileFingerprint, CsvError, Disk> =>
  Effect.map(readOptionalFile(file), (bytes) => fingerprintBytes(file, bytes))

/**
 * Every key a set of changes touches (a ledger row's key before and after), sorted.
 *
 * @category objects
 */
export const touchedKeys = (changes: StateChanges): ReadonlyArray<StoredObject["key"]> => {
  const keys = new Set<StoredObject["key"]>()
  for (const change of changes.ledger) {
    if (change.before?.key != null) keys.add(change.before.key)
    if (change.after?.key != null) keys.add(change.after.key)
  }
  return [...keys].sort()
}

/**
 * The fingerprints of the touched objects, as the listing shows them now.
 *
 * @category objects
 */
export const fingerprintObjects = (
  keys: ReadonlyArray<StoredObject["key"]>,
  objects: ReadonlyMap<string, StoredObject>
): ReadonlyArray<ObjectFingerprint> =>
  keys.map((key) => {
    const object = objects.get(key)
    return { key, size: object?.size ?? null, etag: object?.etag ?? null }
  })

/**
 * Compares a recorded file fingerprint with the current one: no cause when they match.
 *
 * @category comparing
 */
export const compareFile = (
  reason: StaleReason,
  label: string,
  recorded: FileFingerprint,
  current: FileFingerprint
): StaleCause | undefined => {
  if (recorded.sha256 === current.sha256) return undefined
  const detail = recorded.sha256 === null
    ? `${label} ${current.file} exists now but did not when the plan was made`
    : current.sha256 === null
    ? `${label} ${current.file} is gone`
    : `${label} ${current.file} changed since the plan was made (sha256 ${recorded.sha256.slice(0, 12)}… is now ${current.sha256.slice(0, 12)}…)`
  return { reason, subject: current.file, detail }
}

/**
 * Compares the recorded fingerprints of the touched objects with the listing now.
 *
 * @category comparing
 */
export const compareObjects = (
  recorded: ReadonlyArray<ObjectFingerprint>,
  objects: ReadonlyMap<string, StoredObject>
): ReadonlyArray<StaleCause> => {
  const causes: Array<StaleCause> = []
  for (const fingerprint of recorded) {
    const object = objects.get(fingerprint.key)
    const quoted = JSON.stringify(fingerprint.key)
    if (fingerprint.size === null) {
      if (object !== undefined) {
        causes.push({ reason: "ObjectAppeared", subject: fingerprint.key, detail: `object ${quoted} is in the bucket again` })
      }
    } else if (object === undefined) {
      causes.push({ reason: "ObjectGone", subject: fingerprint.key, detail: `object ${quoted} is gone from the bucket` })
    } else if (object.size !== fingerprint.size || object.etag !== fingerprint.etag) {
      causes.push({
        reason: "ObjectChanged",
        subject: fingerprint.key,
        detail: `object ${quoted} changed (size ${fingerprint.size} → ${object.size}, ETag ${fingerprint.etag} → ${object.etag})`
      })
    }
  }
  return causes
}
