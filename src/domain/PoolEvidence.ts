/**
 * The outside evidence phase 2 weighs for pool files: claims read from migration logs and
 * database records, and object metadata read with HeadObject. Human decisions are not here:
 * they live in the ledger, as evidence with source `human`, so that no later run loses them.
 *
 * @module
 */
import type { EvidenceSource } from "./Evidence.ts"
import type { FileUuid } from "./FileUuid.ts"
import type { MetadataReading } from "./MetadataReading.ts"
import type { ObjectKey } from "./ObjectKey.ts"

/**
 * What a claim is about: a pool file by UUID, or an object by key.
 *
 * @example
 * ```ts
 * import type { ClaimTarget } from "./PoolEvidence.ts"
 * const target: ClaimTarget = { _tag: "ByKey", key: "files/x.pdf" as never }
 * ```
 * @category models
 */
export type ClaimTarget =
  | { readonly _tag: "ByUuid"; readonly uuid: FileUuid }
  | { readonly _tag: "ByKey"; readonly key: ObjectKey }

/**
 * One claim that `rowId` owns the target. `rowId` is a raw string: it may name a client that
 * is not in the CSV, which is reported and never mapped. `detail` says where the claim came
 * from (`migration.csv line 12`). A claim with `fromKey` (a migration log's old key, an
 * `original-key` metadata value) names whoever owns that key's folder: phase 2 classifies the
 * key itself, so a key outside every client folder names nobody, and `rowId` is only its first
 * segment, kept for messages.
 *
 * @example
 * ```ts
 * import type { Claim } from "./PoolEvidence.ts"
 * const claim: Claim = {
 *   target: { _tag: "ByUuid", uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" as never },
 *   source: "records",
 *   rowId: "502",
 *   detail: "records.csv line 2"
 * }
 * ```
 * @category models
 */
export interface Claim {
  readonly target: ClaimTarget
  readonly source: EvidenceSource
  readonly rowId: string
  readonly detail: string
  readonly fromKey?: ObjectKey | undefined
}

/**
 * The metadata names (lower case, without `x-amz-meta-`) that name a pool object's owner:
 * `row-id` and `client-id` hold a row id, `original-key` the key the object had in a client
 * folder.
 *
 * @example
 * ```ts
 * import { defaultMetadataNames } from "./PoolEvidence.ts"
 * defaultMetadataNames.originalKey // "original-key"
 * ```
 * @category models
 */
export interface MetadataNames {
  readonly rowId: string
  readonly clientId: string
  readonly originalKey: string
}

/**
 * The default metadata names (SPEC §2).
 *
 * @example
 * ```ts
 * import { defaultMetadataNames } from "./PoolEvidence.ts"
 * defaultMetadataNames.rowId // "row-id"
 * ```
 * @category constructors
 */
export const defaultMetadataNames: MetadataNames = { rowId: "row-id", clientId: "client-id", originalKey: "original-key" }

/**
 * The default weak-signal window: timestamps at most 24 hours apart.
 *
 * @example
 * ```ts
 * import { defaultWeakWindowMs } from "./PoolEvidence.ts"
 * defaultWeakWindowMs / 3_600_000 // 24
 * ```
 * @category constructors
 */
export const defaultWeakWindowMs = 24 * 60 * 60 * 1000

/**
 * The outside sources phase 2 reads from files or the store.
 *
 * @example
 * ```ts
 * import type { OutsideSource } from "./PoolEvidence.ts"
 * const source: OutsideSource = "records"
 * ```
 * @category models
 */
export type OutsideSource = Extract<EvidenceSource, "migration-log" | "records" | "metadata">

/**
 * All outside evidence of one run. `metadata` holds the user metadata of pool objects, by key,
 * with lower-case names and without the `x-amz-meta-` prefix, read through `metadataNames`.
 * `metadataReadings` holds, by key, the reading behind it (fresh or reused from the ledger),
 * which phase 2 records in the pool file's ledger row so a later run can reuse it.
 * `sources` lists the outside sources this run actually read: phase 2 replaces their earlier
 * evidence in the ledger, and keeps what earlier runs recorded for a source not read this time
 * (a run without `--records` does not forget the records of the last run). `weakWindowMs` is
 * how far apart timestamps may be for a weak signal.
 *
 * @example
 * ```ts
 * import { emptyPoolEvidence } from "./PoolEvidence.ts"
 * emptyPoolEvidence.claims.length // 0
 * ```
 * @category models
 */
export interface PoolEvidence {
  readonly claims: ReadonlyArray<Claim>
  readonly metadata: ReadonlyMap<ObjectKey, Readonly<Record<string, string>>>
  readonly metadataReadings: ReadonlyMap<ObjectKey, MetadataReading>
  readonly sources: ReadonlyArray<OutsideSource>
  readonly metadataNames: MetadataNames
  readonly weakWindowMs: number
}

/**
 * No outside evidence read at all: phase 2 keeps the outside evidence earlier runs recorded,
 * and recomputes only identical content and weak signals from the listing.
 *
 * @example
 * ```ts
 * import { emptyPoolEvidence } from "./PoolEvidence.ts"
 * const evidence = emptyPoolEvidence
 * ```
 * @category constructors
 */
export const emptyPoolEvidence: PoolEvidence = {
  claims: [],
  metadata: new Map(),
  metadataReadings: new Map(),
  sources: [],
  metadataNames: defaultMetadataNames,
  weakWindowMs: defaultWeakWindowMs
}

/**
 * Builds pool evidence. Unless `sources` says otherwise, the evidence given is taken as the
 * complete word of every outside source (a program feeding its own claims means "this is all
 * there is").
 *
 * @example
 * ```ts
 * import { makePoolEvidence } from "./PoolEvidence.ts"
 * const evidence = makePoolEvidence({ claims: [] })
 * evidence.sources // ["migration-log", "records", "metadata"]
 * ```
 * @category constructors
 */
export const makePoolEvidence = (parts: Partial<PoolEvidence>): PoolEvidence => ({
  claims: parts.claims ?? [],
  metadata: parts.metadata ?? new Map(),
  metadataReadings: parts.metadataReadings ?? new Map(),
  sources: parts.sources ?? ["migration-log", "records", "metadata"],
  metadataNames: parts.metadataNames ?? defaultMetadataNames,
  weakWindowMs: parts.weakWindowMs ?? defaultWeakWindowMs
})
