/**
 * Evidence as people read it, for the review sheet, `files` and `lookup`: one line per item,
 * and a file's candidates in the order a reviewer should consider them.
 *
 * @module
 */
import { type Evidence, isNoOwnerDecision } from "../domain/Evidence.ts"
import type { Mapping } from "../domain/Mapping.ts"
import type { RowId } from "../domain/RowId.ts"
import { sourceConfidence } from "./Decision.ts"

/**
 * One evidence item as text: `source -> owner: detail`.
 *
 * @category formatting
 */
export const evidenceLine = (item: Evidence): string =>
  `${item.source} -> ${isNoOwnerDecision(item) ? "no owner" : item.rowId}: ${item.detail}`

/**
 * A file's evidence as one cell: items joined by ` | `.
 *
 * @category formatting
 */
export const evidenceCell = (evidence: ReadonlyArray<Evidence>): string => evidence.map(evidenceLine).join(" | ")

/**
 * The clients of the CSV that a file's machine evidence names, most trusted source first, then
 * in CSV order (the order `decideOwner` picks its best candidate in).
 *
 * @category formatting
 */
export const candidatesOf = (mapping: Mapping, clientOrder: ReadonlyMap<RowId, number>): ReadonlyArray<RowId> => {
  const trust = new Map<RowId, number>()
  for (const item of mapping.evidence) {
    if (item.source === "human" || !clientOrder.has(item.rowId)) continue
    trust.set(item.rowId, Math.max(trust.get(item.rowId) ?? 0, sourceConfidence[item.source]))
  }
  return [...trust.keys()].sort((a, b) => trust.get(b)! - trust.get(a)! || clientOrder.get(a)! - clientOrder.get(b)!)
}
