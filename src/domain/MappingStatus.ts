/**
 * The status of a file in the ledger (SPEC §1).
 *
 * @module
 */
import * as Schema from "effect/Schema"

/**
 * - `mapped`: owned by the entry's row id.
 * - `review`: candidates exist but uuidmap is not sure; the row id is the best candidate.
 * - `unmapped`: no evidence.
 * - `missing`: recorded earlier, no longer in the bucket.
 *
 * @example
 * ```ts
 * import type { MappingStatus } from "./MappingStatus.ts"
 * const status: MappingStatus = "review"
 * ```
 * @category models
 */
export const MappingStatus: Schema.Literals<readonly ["mapped", "review", "unmapped", "missing"]> = Schema.Literals(["mapped", "review", "unmapped", "missing"])

/** @category models */
export type MappingStatus = typeof MappingStatus.Type
