/**
 * Evidence: one reason to believe a file belongs to a client.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { RowId } from "./RowId.ts"

/**
 * Where a piece of evidence came from, most trusted first. `client-folder` and `tracking-cell`
 * are phase 1's sources; the rest are phase 2's (SPEC §2). `weak` is never enough on its own.
 *
 * @example The sources, most trusted first
 * ```ts
 * import assert from "node:assert/strict"
 * import { EvidenceSource } from "uuidmap"
 *
 * assert.deepStrictEqual(EvidenceSource.literals, [
 *   "human", "client-folder", "tracking-cell", "migration-log", "records", "metadata", "content", "weak"
 * ])
 * ```
 * @category models
 */
export const EvidenceSource: Schema.Literals<
  readonly ["human", "client-folder", "tracking-cell", "migration-log", "records", "metadata", "content", "weak"]
> = Schema.Literals([
  "human",
  "client-folder",
  "tracking-cell",
  "migration-log",
  "records",
  "metadata",
  "content",
  "weak"
])

/**
 * A source as a value, one of `EvidenceSource.literals`.
 *
 * @category models
 */
export type EvidenceSource = typeof EvidenceSource.Type

/**
 * One claim that `rowId` owns a file, with a human-readable detail (a file and line, the
 * matching key and ETag, …).
 *
 * @example Decoding evidence
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { Evidence } from "uuidmap"
 *
 * const decode = Schema.decodeUnknownSync(Evidence)
 * const evidence = decode({ source: "records", rowId: "502", detail: "records.csv line 2" })
 * assert.equal(evidence.rowId, "502")
 * assert.throws(() => decode({ source: "a hunch", rowId: "502", detail: "" }))
 * ```
 * @category models
 */
export const Evidence: Schema.Struct<{
  readonly source: typeof EvidenceSource
  readonly rowId: typeof RowId
  readonly detail: Schema.String
}> = Schema.Struct({
  source: EvidenceSource,
  rowId: RowId,
  detail: Schema.String
})

/**
 * A piece of evidence as a value.
 *
 * @category models
 */
export interface Evidence extends Schema.Schema.Type<typeof Evidence> {}

/**
 * The rank of a source: lower is more trusted.
 *
 * @category ordering
 */
const sourceRank = (source: EvidenceSource): number => EvidenceSource.literals.indexOf(source)

/**
 * Puts evidence in one canonical order (trust, then row id, then detail), so that decisions
 * and the ledger never depend on the order in which evidence was read.
 *
 * @example Trust first, then row id
 * ```ts
 * import assert from "node:assert/strict"
 * import { unsafeRowId } from "uuidmap"
 * import { sortEvidence } from "./Evidence.ts"
 *
 * const weak = { source: "weak", rowId: unsafeRowId("501"), detail: "same size" } as const
 * const records = { source: "records", rowId: unsafeRowId("503"), detail: "records.csv line 2" } as const
 * assert.deepStrictEqual(sortEvidence([weak, records]), [records, weak])
 * ```
 * @category ordering
 */
export const sortEvidence = (evidence: ReadonlyArray<Evidence>): ReadonlyArray<Evidence> =>
  [...evidence].sort((a, b) =>
    sourceRank(a.source) - sourceRank(b.source) || compareText(a.rowId, b.rowId) || compareText(a.detail, b.detail)
  )

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The row id a person's decision carries when they decided that no client owns the file
 * (`review accept` with the decision `none`). It is the word the review sheet uses, so the
 * ledger reads as the person wrote it; in human evidence it always means "no owner", even if a
 * client's row id happens to be `none`.
 *
 * @example A person's "no owner" decision
 * ```ts
 * import assert from "node:assert/strict"
 * import { type Evidence, isNoOwnerDecision, noOwnerRowId } from "uuidmap"
 *
 * const decision: Evidence = { source: "human", rowId: noOwnerRowId, detail: "2026-01-01T00:00:00.000Z not ours" }
 * assert.equal(decision.rowId, "none")
 * assert.equal(isNoOwnerDecision(decision), true)
 * ```
 * @category constructors
 */
export const noOwnerRowId: RowId = "none" as RowId

/**
 * Tells whether evidence is a person's decision that no client owns the file.
 *
 * @example Only a person's word means "no owner"
 * ```ts
 * import assert from "node:assert/strict"
 * import { isNoOwnerDecision, noOwnerRowId } from "uuidmap"
 *
 * assert.equal(isNoOwnerDecision({ source: "human", rowId: noOwnerRowId, detail: "" }), true)
 * assert.equal(isNoOwnerDecision({ source: "records", rowId: noOwnerRowId, detail: "records.csv line 4" }), false)
 * ```
 * @category predicates
 */
export const isNoOwnerDecision = (evidence: Evidence): boolean =>
  evidence.source === "human" && evidence.rowId === noOwnerRowId
