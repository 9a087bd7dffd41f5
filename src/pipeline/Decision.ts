/**
 * Turns a file's evidence into a decision: status, owner or best candidate, confidence and a
 * one-line why. One function decides for every phase, so a file's status depends only on its
 * evidence, never on which phase or in which order it was seen.
 *
 * Conservative by law (SPEC §2): `mapped` only when trusted evidence names exactly one client
 * of the CSV and nothing contradicts it; two names, a name outside the CSV, or only weak
 * signals give `review`; nothing gives `unmapped`. A person's decision always
 * wins, including a decision that no client owns the file.
 *
 * @module
 */
import { type Evidence, type EvidenceSource, isNoOwnerDecision, sortEvidence } from "../domain/Evidence.ts"
import type { MappingStatus } from "../domain/MappingStatus.ts"
import type { RowId } from "../domain/RowId.ts"

/**
 * The outcome for one file.
 *
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
 * breaks ties, and a row id it lacks is never an owner.
 *
 * - A person's latest decision wins: a client (mapped) or `none` (unmapped, never guessed
 *   again). A decision for a client that has left the CSV cannot be honoured, and nothing is
 *   mapped against it: the file goes to review (or stays unmapped).
 * - Trusted evidence naming exactly one known client, and nothing else, maps the file.
 * - Trusted evidence naming two clients, or one client and a row id that is not in the CSV,
 *   is a contradiction: review, with the best candidate (most trusted source, then CSV order).
 * - Weak signals alone: review. Outside evidence (records, migration logs, metadata) naming
 *   only row ids that are not in the CSV: review, with the best of those ids as candidate (a
 *   person adds the client or decides). A client folder not in the CSV, or nothing: unmapped.
 *
 * @category decisions
 */
export const decideOwner = (evidence: ReadonlyArray<Evidence>, clientOrder: ReadonlyMap<RowId, number>): Decision => {
  // The two commonest cases, decided without sorting or grouping; the outcome is exactly what
  // the general rules below give.
  if (evidence.length === 0) return noEvidence
  if (evidence.length === 1) {
    const only = evidence[0]!
    if (only.source !== "human" && only.source !== "weak" && clientOrder.has(only.rowId)) {
      return mappedBy(only)
    }
  }
  const sorted = sortEvidence(evidence)
  const person = latestHumanDecision(sorted)
  if (person !== undefined && isNoOwnerDecision(person)) {
    return { status: "unmapped", rowId: null, confidence: 1, why: `a person decided no client owns it (${person.detail})` }
  }
  if (person !== undefined && clientOrder.has(person.rowId)) {
    return { status: "mapped", rowId: person.rowId, confidence: 1, why: `decided by a person (${person.detail})` }
  }
  const machine = sorted.filter((item) => item.source !== "human")
  const known = machine.filter((item) => clientOrder.has(item.rowId))
  const trusted = known.filter((item) => item.source !== "weak")
  const strangers = machine.filter((item) => item.source !== "weak" && !clientOrder.has(item.rowId))
  const named = distinctRowIds(trusted)
  const overruled = person === undefined ? "" : `a person chose client ${person.rowId}, which is not in the CSV; `
  if (named.length === 1 && strangers.length === 0 && person === undefined) return mappedBy(strongest(trusted))
  if (named.length > 0) {
    const conflict = named.length > 1 || strangers.length > 0
    return {
      status: "review",
      rowId: bestCandidate(trusted, clientOrder),
      confidence: 0.5,
      why: `${overruled}${conflict ? "conflicting evidence: " : ""}${describeCandidates([...trusted, ...strangers], clientOrder)}`
    }
  }
  const weak = known.filter((item) => item.source === "weak")
  if (weak.length > 0) {
    return {
      status: "review",
      rowId: bestCandidate(weak, clientOrder),
      confidence: sourceConfidence.weak,
      why: `${overruled}only weak signals: ${describeCandidates([...weak, ...strangers], clientOrder)}`
    }
  }
  // Outside evidence (records, a migration log, metadata) naming only row ids the CSV lacks is
  // still evidence: a person decides (the client may be missing from the export). A client
  // folder of an id not in the CSV is only reported, as for any unknown client's folder.
  const outside = strangers.filter((item) => item.source !== "client-folder")
  if (outside.length > 0) {
    return {
      status: "review",
      rowId: strongest([...outside].sort((a, b) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0))).rowId,
      confidence: 0.5,
      why: `${overruled}evidence names only row ids that are not in the CSV: ${describeCandidates(strangers, clientOrder)}`
    }
  }
  if (strangers.length > 0) {
    return {
      status: "unmapped",
      rowId: null,
      confidence: 0,
      why: `${overruled}evidence names only row ids that are not in the CSV: ${describeCandidates(strangers, clientOrder)}`
    }
  }
  return { status: "unmapped", rowId: null, confidence: 0, why: `${overruled}no evidence names an owner` }
}

const noEvidence: Decision = { status: "unmapped", rowId: null, confidence: 0, why: "no evidence names an owner" }

// `join` builds one flat string, where a template would chain five pieces: a million of these
// are kept in the ledger and compared on every later run.
const mappedBy = (best: Evidence): Decision => ({
  status: "mapped",
  rowId: best.rowId,
  confidence: sourceConfidence[best.source],
  why: [sourceLabel[best.source], " names client ", best.rowId, " (", best.detail, ")"].join("")
})

// Decisions carry their ISO time first in `detail`, so the greatest detail is the latest.
const latestHumanDecision = (evidence: ReadonlyArray<Evidence>): Evidence | undefined =>
  evidence.reduce<Evidence | undefined>(
    (latest, item) => (item.source === "human" && (latest === undefined || item.detail > latest.detail) ? item : latest),
    undefined
  )

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

// Candidates in a stable order (most trusted source first, then CSV order, unknown row ids
// last), each with the sources that name it.
const describeCandidates = (evidence: ReadonlyArray<Evidence>, clientOrder: ReadonlyMap<RowId, number>): string => {
  const trust = (rowId: RowId) => Math.max(...evidence.filter((item) => item.rowId === rowId).map((item) => sourceConfidence[item.source]))
  return [...distinctRowIds(evidence)]
    .sort((a, b) =>
      trust(b) - trust(a) || (clientOrder.get(a) ?? Infinity) - (clientOrder.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0)
    )
    .map((rowId) => {
      const sources = [...new Set(evidence.filter((item) => item.rowId === rowId).map((item) => sourceLabel[item.source]))].join(", ")
      return clientOrder.has(rowId) ? `client ${rowId} (${sources})` : `row id ${rowId}, not in the CSV (${sources})`
    })
    .join(" vs ")
}
