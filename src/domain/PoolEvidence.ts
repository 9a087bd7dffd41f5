/**
 * The outside evidence phase 2 weighs for pool files: claims read from migration logs and
 * database records, and object metadata read with HeadObject. Human decisions are not here:
 * they live in the ledger, as evidence with source `human`, so that no later run loses them.
 *
 * @module
 */
import type { EvidenceSource } from "./Evidence.ts"
import type { FileUuid } from "./FileUuid.ts"
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
 * from (`migration.csv line 12`).
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
}

/**
 * All outside evidence of one run. `metadata` holds the user metadata of pool objects, by key,
 * with lower-case names and without the `x-amz-meta-` prefix.
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
}

/**
 * No outside evidence at all.
 *
 * @example
 * ```ts
 * import { emptyPoolEvidence } from "./PoolEvidence.ts"
 * const evidence = emptyPoolEvidence
 * ```
 * @category constructors
 */
export const emptyPoolEvidence: PoolEvidence = { claims: [], metadata: new Map() }
