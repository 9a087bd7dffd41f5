/**
 * Turns a file's evidence into a decision: status, owner or best candidate, confidence and a
 * one-line why. One function decides for every phase, so a file's status depends only on its
 * evidence, never on which phase or in which order it was seen.
 *
 * Conservative by law (SPEC §2): `mapped` only when trusted evidence names exactly one client
 * of the CSV; two names, or only weak signals, give `review`; nothing gives `unmapped`. A
 * person's decision always wins.
 *
 * @module
 */
import { type Evidence, type EvidenceSource, sortEvidence } from "../domain/Evidence.ts"
import type { MappingStatus } from "../domain/MappingStatus.ts"
import type { RowId } from "../domain/RowId.ts"

/**
 * The outcome for one file.
 *
 * @example
 * ```ts
 * import type { Decision } from "./Decision.ts"
 * const decision: Decision = { status: "unmapped", rowId: null, confidence: 0, why: "no evidence" }
 * ```
 * @category models
 */
export interface Decision {
  readonly status: Exclude<MappingStatus, "missing">
  readonly rowId: RowId | null
  readonly confidence: number
  readonly why: string
}

/**
 * How much each source is trusted when it alone names the owner.
 *
 * @example
 * ```ts
 * import { sourceConfidence } from "./Decision.ts"
 * sourceConfidence["records"] // 0.9
 * ```
 * @category models
 */
export const sourceConfidence: Readonly<Record<EvidenceSource, number>> = {
  "human": 1,
  "client-folder": 1,
  "tracking-cell": 0.99,
  "migration-log": 0.95,
  "records": 0.9,
  "metadata": 0.9,
  "content": 0.8,
  "weak": 0.3
}

const sourceLabel: Readonly<Record<EvidenceSource, string>> = {
  "human": "a person's decision",
  "client-folder": "client folder",
  "tracking-cell": "tracking cell",
  "migration-log": "migration log",
  "records": "database records",
  "metadata": "object metadata",
  "content": "identical content",
  "weak": "weak signals"
}

/**
 * Decides from evidence. `clientOrder` gives each known row id its position in the CSV: it
 * breaks ties, and evidence naming a row id it lacks is ignored (the caller reports it).
 *
 * @example
 * ```ts
 * import { decideOwner } from "./Decision.ts"
 * import { unsafeRowId } from "../domain/RowId.ts"
 * const order = new Map([[unsafeRowId("502"), 0]])
 * decideOwner([{ source: "records", rowId: unsafeRowId("502"), detail: "records.csv line 2" }], order)
 * // { status: "mapped", rowId: "502", confidence: 0.9, why: "database records names client 502 (records.csv line 2)" }
 * ```
 * @category decisions
 */
export const decideOwner = (evidence: ReadonlyArray<Evidence>, clientOrder: ReadonlyMap<RowId, number>): Decision => {
  const known = sortEvidence(evidence).filter((item) => clientOrder.has(item.rowId))
  const human = known.filter((item) => item.source === "human")
  if (human.length > 0) {
    // The latest decision wins; decisions carry their time first in `detail`.
    const latest = [...human].sort((a, b) => (a.detail < b.detail ? 1 : -1))[0]!
    return { status: "mapped", rowId: latest.rowId, confidence: 1, why: `decided by a person (${latest.detail})` }
  }
  const trusted = known.filter((item) => item.source !== "weak")
  const named = distinctRowIds(trusted)
  if (named.length === 1) {
    const best = strongest(trusted)
    return {
      status: "mapped",
      rowId: best.rowId,
      confidence: sourceConfidence[best.source],
      why: `${sourceLabel[best.source]} names client ${best.rowId} (${best.detail})`
    }
  }
  if (named.length > 1) {
    const candidate = bestCandidate(trusted, clientOrder)
    return {
      status: "review",
      rowId: candidate,
      confidence: 0.5,
      why: `conflicting evidence: ${describeCandidates(trusted)}`
    }
  }
  const weak = known.filter((item) => item.source === "weak")
  if (weak.length > 0) {
    return {
      status: "review",
      rowId: bestCandidate(weak, clientOrder),
      confidence: sourceConfidence.weak,
      why: `only weak signals: ${describeCandidates(weak)}`
    }
  }
  return { status: "unmapped", rowId: null, confidence: 0, why: "no evidence names an owner" }
}

const distinctRowIds = (evidence: ReadonlyArray<Evidence>): ReadonlyArray<RowId> => [
  ...new Set(evidence.map((item) => item.rowId))
]

const strongest = (evidence: ReadonlyArray<Evidence>): Evidence =>
  evidence.reduce((best, item) => (sourceConfidence[item.source] > sourceConfidence[best.source] ? item : best))

// The candidate with the most trusted source wins; ties go to the row that comes first in
// the CSV, so results never depend on listing or evidence order.
const bestCandidate = (evidence: ReadonlyArray<Evidence>, clientOrder: ReadonlyMap<RowId, number>): RowId =>
  evidence.reduce((best, item) => {
    const a = sourceConfidence[item.source]
    const b = sourceConfidence[best.source]
    if (a !== b) return a > b ? item : best
    return clientOrder.get(item.rowId)! < clientOrder.get(best.rowId)! ? item : best
  }).rowId

const describeCandidates = (evidence: ReadonlyArray<Evidence>): string =>
  distinctRowIds(evidence)
    .map((rowId) =>
      `client ${rowId} (${[...new Set(evidence.filter((item) => item.rowId === rowId).map((item) => sourceLabel[item.source]))].join(", ")})`
    )
    .join(" vs ")
