/**
 * Resolves outside evidence (migration logs, records, object metadata) into evidence about
 * pool files: each claim finds its pool file (by UUID, or by key, or by the UUID in the key's
 * file name), and each names its owner (a row id, or the client folder of an old key). A row
 * id that is not in the CSV stays in the file's evidence, where it blocks a mapping (phase 2
 * reports it). The result never depends on the order of claims.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { fileName, type ObjectKey, unsafeObjectKey } from "../domain/ObjectKey.ts"
import type { Claim, PoolEvidence } from "../domain/PoolEvidence.ts"
import { unsafeRowId } from "../domain/RowId.ts"
import type { KeyPlace } from "./ClassifyKey.ts"

/**
 * The claims that object metadata makes, read through `evidence.metadataNames`: `row-id` and
 * `client-id` name a row id, `original-key` a key whose folder names the owner.
 *
 * @category claims
 */
export const metadataClaims = (evidence: PoolEvidence): ReadonlyArray<Claim> => {
  const names = evidence.metadataNames
  const claims: Array<Claim> = []
  for (const [key, metadata] of evidence.metadata) {
    const target = { _tag: "ByKey", key } as const
    for (const name of new Set([names.rowId, names.clientId])) {
      const value = metadata[name]?.trim()
      if (value) claims.push({ target, source: "metadata", rowId: value, detail: `x-amz-meta-${name} of ${key}` })
    }
    const original = metadata[names.originalKey]?.trim()
    if (original) {
      claims.push({
        target,
        source: "metadata",
        rowId: original.split("/")[0] ?? "",
        detail: `x-amz-meta-${names.originalKey} of ${key}`,
        fromKey: unsafeObjectKey(original)
      })
    }
  }
  return claims
}

// The pool file a claim is about, if it is in the pool. A pool file's UUID is the one its
// name carries, so a key names the pool file of the UUID in its file name: the key itself,
// or the same UUID under another prefix or extension, which is the same file.
const targetOf = (claim: Claim, pool: ReadonlyMap<FileUuid, ObjectKey>): FileUuid | undefined => {
  if (claim.target._tag === "ByUuid") return pool.has(claim.target.uuid) ? claim.target.uuid : undefined
  const named = uuidFromFileName(fileName(claim.target.key))
  return named !== undefined && pool.has(named) ? named : undefined
}

/**
 * Tells whether a claim is about a file of `pool` (UUID → key), by the same rule that
 * `resolveClaims` follows; every other claim is ignored there. Lets the program keep only
 * the claims that count from an evidence file of millions of rows.
 *
 * @category claims
 */
export const claimTargetsPool = (pool: ReadonlyMap<FileUuid, ObjectKey>): (claim: Claim) => boolean => (claim) =>
  targetOf(claim, pool) !== undefined

// Who a claim names: a row id (perhaps unknown), or nobody when an old key lies outside every
// client folder.
const ownerOf = (claim: Claim, classify: (key: string) => KeyPlace): string | undefined => {
  if (claim.fromKey === undefined) return claim.rowId.trim() || undefined
  const place = classify(claim.fromKey)
  if (place._tag === "ClientFolder") return place.rowId
  if (place._tag === "UnknownClientFolder") return place.folder
  return undefined
}

/**
 * Resolves every claim of `evidence` (metadata included) against the pool (`uuid -> key`)
 * into evidence per pool file.
 * Claims about objects outside the pool are left to other phases; claims that name nobody are
 * dropped.
 *
 * @category claims
 */
export const resolveClaims = (
  evidence: PoolEvidence,
  pool: ReadonlyMap<FileUuid, ObjectKey>,
  classify: (key: string) => KeyPlace
): ReadonlyMap<FileUuid, ReadonlyArray<Evidence>> => {
  // Nearly every pool file has one claim or none: a list each, searched for a repeat.
  const byUuid = new Map<FileUuid, Array<Evidence>>()
  const add = (claim: Claim): void => {
    const uuid = targetOf(claim, pool)
    if (uuid === undefined) return
    const owner = ownerOf(claim, classify)
    if (owner === undefined) return
    const detail = claim.fromKey === undefined ? claim.detail : `${claim.detail}: ${claim.fromKey}`
    const item: Evidence = { source: claim.source, rowId: unsafeRowId(owner), detail }
    const list = byUuid.get(uuid)
    if (list === undefined) byUuid.set(uuid, [item])
    else if (!list.some((other) => other.source === item.source && other.rowId === item.rowId && other.detail === item.detail)) list.push(item)
  }
  for (const claim of evidence.claims) add(claim)
  for (const claim of metadataClaims(evidence)) add(claim)
  return byUuid
}
