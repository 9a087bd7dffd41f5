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
 * @example
 * ```ts
 * import type { EvidenceSource } from "./Evidence.ts"
 * const source: EvidenceSource = "migration-log"
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

/** @category models */
export type EvidenceSource = typeof EvidenceSource.Type

/**
 * One claim that `rowId` owns a file, with a human-readable detail (a file and line, the
 * matching key and ETag, …).
 *
 * @example
 * ```ts
 * import type { Evidence } from "./Evidence.ts"
 * import { unsafeRowId } from "./RowId.ts"
 * const evidence: Evidence = { source: "client-folder", rowId: unsafeRowId("502"), detail: "502/Sam_Torode/resume.pdf" }
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

/** @category models */
export interface Evidence extends Schema.Schema.Type<typeof Evidence> {}

/**
 * The rank of a source: lower is more trusted.
 *
 * @example
 * ```ts
 * import { sourceRank } from "./Evidence.ts"
 * sourceRank("human") < sourceRank("records") // true
 * ```
 * @category ordering
 */
export const sourceRank = (source: EvidenceSource): number => EvidenceSource.literals.indexOf(source)

/**
 * Puts evidence in one canonical order (trust, then row id, then detail), so that decisions
 * and the ledger never depend on the order in which evidence was read.
 *
 * @example
 * ```ts
 * import { sortEvidence } from "./Evidence.ts"
 * const sorted = sortEvidence([])
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
 * @example
 * ```ts
 * import { noOwnerRowId } from "./Evidence.ts"
 * const decision = { source: "human" as const, rowId: noOwnerRowId, detail: "2026-01-01T00:00:00.000Z not ours" }
 * ```
 * @category constructors
 */
export const noOwnerRowId: RowId = "none" as RowId

/**
 * Tells whether evidence is a person's decision that no client owns the file.
 *
 * @example
 * ```ts
 * import { isNoOwnerDecision, noOwnerRowId } from "./Evidence.ts"
 * isNoOwnerDecision({ source: "human", rowId: noOwnerRowId, detail: "" }) // true
 * ```
 * @category predicates
 */
export const isNoOwnerDecision = (evidence: Evidence): boolean =>
  evidence.source === "human" && evidence.rowId === noOwnerRowId
