/**
 * Re-derives a mapping's status from its evidence after a phase has replaced the evidence it
 * owns. Each phase owns some sources (phase 1 the client folder, phase 2 the outside
 * evidence); replacing rather than appending keeps every phase idempotent.
 *
 * @module
 */
import { type Evidence, type EvidenceSource, sortEvidence } from "../domain/Evidence.ts"
import type { Mapping } from "../domain/Mapping.ts"
import type { RowId } from "../domain/RowId.ts"
import { decideOwner } from "./Decision.ts"

/**
 * Replaces the evidence of the given sources with `fresh`, keeping every other source's.
 *
 * @example
 * ```ts
 * import { replaceEvidence } from "./Redecide.ts"
 * const evidence = replaceEvidence(mapping.evidence, ["client-folder"], [])
 * ```
 * @category evidence
 */
export const replaceEvidence = (
  evidence: ReadonlyArray<Evidence>,
  sources: ReadonlyArray<EvidenceSource>,
  fresh: ReadonlyArray<Evidence>
): ReadonlyArray<Evidence> => sortEvidence([...evidence.filter((item) => !sources.includes(item.source)), ...fresh])

/**
 * Gives a mapping new evidence and the status that evidence decides. A file that is not in
 * the bucket (`present` false) is `missing`, keeping its owner only when the evidence still
 * names exactly one.
 *
 * @example
 * ```ts
 * import { redecide } from "./Redecide.ts"
 * const updated = redecide(mapping, mapping.evidence, clientOrder, true)
 * ```
 * @category decisions
 */
export const redecide = (
  mapping: Mapping,
  evidence: ReadonlyArray<Evidence>,
  clientOrder: ReadonlyMap<RowId, number>,
  present: boolean
): Mapping => {
  const decision = decideOwner(evidence, clientOrder)
  const next: Mapping = present
    ? { ...mapping, evidence, ...decision }
    : {
      ...mapping,
      evidence,
      status: "missing",
      rowId: decision.status === "mapped" ? decision.rowId : null,
      confidence: decision.confidence,
      why: `not in the bucket; ${decision.why}`
    }
  return sameMapping(mapping, next) ? mapping : next
}

/**
 * Structural equality of two mappings, so that phases can keep the original object (and the
 * program can tell "nothing changed") without serialising.
 *
 * @example
 * ```ts
 * import { sameMapping } from "./Redecide.ts"
 * sameMapping(mapping, { ...mapping }) // true
 * ```
 * @category equality
 */
export const sameMapping = (a: Mapping, b: Mapping): boolean =>
  a.uuid === b.uuid && a.key === b.key && a.rowId === b.rowId && a.status === b.status &&
  a.confidence === b.confidence && a.why === b.why && a.size === b.size && a.etag === b.etag &&
  a.lastModified === b.lastModified && a.evidence.length === b.evidence.length &&
  a.evidence.every((item, i) => {
    const other = b.evidence[i]!
    return item.source === other.source && item.rowId === other.rowId && item.detail === other.detail
  })

/**
 * Each client's position in the CSV, used to break ties and to know which row ids exist.
 *
 * @example
 * ```ts
 * import { clientOrderOf } from "./Redecide.ts"
 * const order = clientOrderOf(state.clients)
 * ```
 * @category decisions
 */
export const clientOrderOf = (clients: ReadonlyArray<{ readonly rowId: RowId }>): ReadonlyMap<RowId, number> =>
  new Map(clients.map((client, index) => [client.rowId, index]))
