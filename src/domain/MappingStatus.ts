/**
 * The status of a file in the ledger (SPEC §1).
 *
 * @module
 */
import * as Schema from "effect/Schema"

/**
 * A file's status in the ledger:
 * - `mapped`: owned by the entry's row id.
 * - `review`: candidates exist but uuidmap is not sure; the row id is the best candidate.
 * - `unmapped`: no evidence.
 * - `missing`: recorded earlier, no longer in the bucket.
 *
 * @example The four statuses
 * ```ts
 * import assert from "node:assert/strict"
 * import { MappingStatus } from "uuidmap"
 *
 * assert.deepStrictEqual(MappingStatus.literals, ["mapped", "review", "unmapped", "missing"])
 * ```
 * @category models
 */
export const MappingStatus: Schema.Literals<readonly ["mapped", "review", "unmapped", "missing"]> = Schema.Literals(["mapped", "review", "unmapped", "missing"])

/**
 * A status as a value: `"mapped"`, `"review"`, `"unmapped"` or `"missing"`.
 *
 * @category models
 */
export type MappingStatus = typeof MappingStatus.Type
