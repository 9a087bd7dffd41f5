/**
 * Re-derives a mapping's status from its evidence after a phase has replaced the evidence it
 * owns. Each phase owns some sources (phase 1 the client folder, phase 2 the outside
 * evidence); replacing rather than appending keeps every phase idempotent.
 *
 * @module
 */
import { type Evidence, type EvidenceSource, sortEvidence } from "../domain/Evidence.ts"
import type { Mapping } from "../domain/Mapping.ts"
import { sameReading } from "../domain/MetadataReading.ts"
import type { RowId } from "../domain/RowId.ts"
import type { StoredObject } from "../domain/StoredObject.ts"
import { decideOwner } from "./Decision.ts"

/**
 * Replaces the evidence of the given sources with `fresh`, keeping every other source's.
 *
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
 * @category decisions
 */
export const redecide = (
  mapping: Mapping,
  evidence: ReadonlyArray<Evidence>,
  clientOrder: ReadonlyMap<RowId, number>,
  present: boolean
): Mapping => {
  const decision = decideOwner(evidence, clientOrder)
  const status = present ? decision.status : "missing"
  const rowId = present || decision.status === "mapped" ? decision.rowId : null
  const why = present ? decision.why : `not in the bucket; ${decision.why}`
  // Compared before anything is built: most mappings a phase looks at do not change.
  if (
    mapping.status === status && mapping.rowId === rowId && mapping.confidence === decision.confidence &&
    mapping.why === why && sameEvidence(mapping.evidence, evidence)
  ) return mapping
  return present
    ? { ...mapping, evidence, ...decision }
    : { ...mapping, evidence, status, rowId, confidence: decision.confidence, why }
}

/**
 * A new ledger row for a UUID with its evidence and decision: the same as
 * `redecide(undecidedMapping(uuid, key, object), evidence, clientOrder, true)`, built in one
 * step (phase 1 makes a row per file on a first run).
 *
 * @category decisions
 */
export const decideNew = (
  uuid: Mapping["uuid"],
  key: Mapping["key"],
  object: StoredObject | undefined,
  evidence: ReadonlyArray<Evidence>,
  clientOrder: ReadonlyMap<RowId, number>
): Mapping => {
  const decision = decideOwner(evidence, clientOrder)
  // Keys in the order `{ ...undecidedMapping(…), evidence, ...decision }` gives them.
  return {
    uuid,
    key,
    rowId: decision.rowId,
    status: decision.status,
    evidence,
    confidence: decision.confidence,
    why: decision.why,
    size: object?.size ?? null,
    etag: object?.etag ?? null,
    lastModified: object?.lastModified ?? null,
    metadata: null
  }
}

/**
 * Structural equality of two mappings, so that phases can keep the original object (and the
 * program can tell "nothing changed") without serialising.
 *
 * @category equality
 */
export const sameMapping = (a: Mapping, b: Mapping): boolean =>
  a.uuid === b.uuid && a.key === b.key && a.rowId === b.rowId && a.status === b.status &&
  a.confidence === b.confidence && a.why === b.why && a.size === b.size && a.etag === b.etag &&
  a.lastModified === b.lastModified && sameEvidence(a.evidence, b.evidence) && sameReading(a.metadata, b.metadata)

const sameEvidence = (a: ReadonlyArray<Evidence>, b: ReadonlyArray<Evidence>): boolean =>
  a === b || (a.length === b.length && a.every((item, i) => {
    const other = b[i]!
    return item.source === other.source && item.rowId === other.rowId && item.detail === other.detail
  }))

/**
 * Each client's position in the CSV, used to break ties and to know which row ids exist.
 *
 * @category decisions
 */
export const clientOrderOf = (clients: ReadonlyArray<{ readonly rowId: RowId }>): ReadonlyMap<RowId, number> =>
  new Map(clients.map((client, index) => [client.rowId, index]))
