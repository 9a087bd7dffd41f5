/**
 * Phase 2 (SPEC §2): every UUID-named object in the pool gets a ledger row, and an owner when
 * the evidence allows it, conservatively. Evidence, most trusted first: a person's decision
 * (kept in the ledger, never replaced here), migration logs, records, object metadata,
 * identical content, weak signals. `decideOwner` turns it into mapped, review or unmapped.
 *
 * Choices worth knowing:
 * - The phase replaces the evidence of the outside sources this run read (`evidence.sources`)
 *   and recomputes content and weak signals; a source not read this run keeps what earlier runs
 *   recorded, so a run without `--records` forgets nothing.
 * - An owner never switches silently: a file whose UUID sits in a client's tracking cell keeps
 *   that cell as evidence when the new evidence does not name that client. New evidence naming
 *   another client then means review (with the old owner as best candidate); no evidence at
 *   all leaves it mapped, as the existing state says (SPEC §2).
 * - Weak signals are looked for only when nothing trusted names a client of the CSV.
 * - Each pool file's ledger row records the metadata reading this run's evidence came from
 *   (`evidence.metadataReadings`), so a later run can answer from it instead of asking the
 *   store again; a file read for nothing this run keeps its last reading.
 *
 * @module
 */
import { type Evidence, type EvidenceSource, sortEvidence } from "../domain/Evidence.ts"
import { sameReading } from "../domain/MetadataReading.ts"
import type { Finding } from "../domain/Finding.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { contentEvidence } from "./ContentIndex.ts"
import { cellClaims, finishStep, reconcileStep } from "./ExistingState.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { hasOneRowPerUuid, ledgerKeyLookup, ledgerUuidLookupAmong } from "./LedgerLookups.ts"
import { type PhaseStep, startStep } from "./PhaseStep.ts"
import { resolveClaims } from "./PoolClaims.ts"
import { decideNew, redecide } from "./Redecide.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"
import { syncTrackingCells } from "./TrackingCells.ts"
import { weakEvidence } from "./WeakSignals.ts"

/**
 * Phase 2. Pure and idempotent; decisions depend on neither listing order nor the order of
 * evidence files or their rows.
 *
 * @example Conflicting evidence goes to review
 * ```ts
 * import assert from "node:assert/strict"
 * import { type FileUuid, linkPoolFiles, makePoolEvidence, makeState, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const uuid = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" as FileUuid
 * const key = unsafeObjectKey(`files/${uuid}.pdf`)
 * const claim = (rowId: string, detail: string) => ({ target: { _tag: "ByUuid" as const, uuid }, source: "records" as const, rowId, detail })
 * const state = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }, { rowId: unsafeRowId("503"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]]),
 *   evidence: makePoolEvidence({ claims: [claim("502", "records.csv line 2"), claim("503", "records.csv line 3")] })
 * })
 * const row = linkPoolFiles(state).ledger[0]
 * assert.equal(row?.status, "review")
 * assert.equal(row?.rowId, "502") // the best candidate: ties go to the row that comes first in the CSV
 * ```
 * @category phases
 */
export const linkPoolFiles = (input: State): State => poolFileStep(startStep(input), buildRunIndex(input)).state

/**
 * Phase 2 within a run, on the run's index.
 *
 * @category phases
 */
export const poolFileStep = (input: PhaseStep, index: RunIndex): PhaseStep => {
  const reconciled = reconcileStep(input, index)
  const { state } = reconciled
  const { order, classify, pool } = index
  const claims = resolveClaims(state.evidence, pool, classify)
  const content = index.content()
  const weak = index.weak()
  // Pool files only: the cells hold every file of every client.
  const cells = cellClaims(state.clients, (uuid) => pool.has(uuid))
  const replaced: ReadonlyArray<EvidenceSource> = [...state.evidence.sources, "content", "weak"]
  // Each pool UUID is visited once, and `existing` is its row in the ledger as given.
  const book = openLedgerBook(reconciled.ledger, { eachUuidOnce: true })
  // Each put below is at the visited key and UUID, each visited once, so the ledger as given
  // knows every other key's and UUID's row.
  const holderOf = ledgerKeyLookup(reconciled.ledger)
  const rowOf = ledgerUuidLookupAmong(reconciled.ledger, pool)
  // With one row per UUID, the row at a pool file's key that has its UUID is that UUID's row:
  // a daily run finds every pool file's row so, walking the ledger in key order, without a
  // look-up by UUID in a map of a million rows.
  const holderIsRow = hasOneRowPerUuid(reconciled.ledger)
  const findings: Array<Finding> = []
  const { metadataReadings, weakWindowMs } = state.evidence

  const { poolKeys, poolUuids, poolObjects, poolFirst } = index.catalogue
  // The catalogue holds the pool in key order.
  for (let i = 0; i < poolKeys.length; i++) {
    if (!poolFirst[i]) continue
    const key = poolKeys[i]!
    const uuid = poolUuids[i]!
    const object = poolObjects[i]!
    const holder = holderOf(key)
    const existing = holderIsRow && holder !== undefined && holder.uuid === uuid ? holder : rowOf(uuid)
    if ((holder !== undefined && holder.uuid !== uuid) || (existing !== undefined && existing.key !== key)) {
      const other = holder !== undefined && holder.uuid !== uuid ? `UUID ${holder.uuid}` : `key ${existing?.key}`
      findings.push({ kind: "duplicate-uuid", subject: key, detail: `the ledger already gives this file ${other}; left as it is` })
      continue
    }
    const kept = existing === undefined ? noEvidence : existing.evidence.filter((item) => !replaced.includes(item.source))
    let evidence = keepCellOwners(merge(kept, joined(claims.get(uuid), contentEvidence(content, object))), cells.get(uuid))
    if (!namesKnownClient(evidence, order)) evidence = merge(evidence, weakEvidence(weak, object, weakWindowMs))
    const decided = existing === undefined ? decideNew(uuid, key, object, evidence, order) : redecide(existing, evidence, order, true)
    const reading = metadataReadings.get(key)
    const next = reading === undefined || sameReading(decided.metadata, reading) ? decided : { ...decided, metadata: reading }
    if (next !== existing) book.replace(next, existing)
    addUnknownRowIds(findings, evidence, order, key)
  }
  const ledger = book.close()
  const reported = mergeFindings(state.findings, findings.sort(compareFindings))
  const next = ledger === reconciled.ledger && reported === state.findings ? state : { ...state, ledger: ledger.rows, findings: reported }
  return finishStep(syncTrackingCells(next, ledger, () => false), ledger, index)
}

const noEvidence: ReadonlyArray<Evidence> = []

// Both lists, allocating only when both have items (most pool files have no claim or copy).
const joined = (first: ReadonlyArray<Evidence> | undefined, second: ReadonlyArray<Evidence>): ReadonlyArray<Evidence> =>
  first === undefined || first.length === 0 ? second : second.length === 0 ? first : [...first, ...second]

// Adds evidence not already present, in the canonical order.
const merge = (evidence: ReadonlyArray<Evidence>, extra: ReadonlyArray<Evidence>): ReadonlyArray<Evidence> => {
  if (extra.length === 0) return evidence.length <= 1 ? evidence : sortEvidence(evidence)
  const seen = new Set(evidence.map(identity))
  const added = extra.filter((item) => {
    const id = identity(item)
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
  return sortEvidence([...evidence, ...added])
}

const identity = (item: Evidence): string => `${item.source}\u0000${item.rowId}\u0000${item.detail}`

// A person decided, or trusted evidence names a client of the CSV.
const namesKnownClient = (evidence: ReadonlyArray<Evidence>, order: ReadonlyMap<RowId, number>): boolean =>
  evidence.some((item) => item.source === "human" || (item.source !== "weak" && order.has(item.rowId)))

// A client whose cell holds the file stays a candidate until a person says otherwise; the
// detail matches the one `reconcileExistingState` writes, so the item is the same either way.
const keepCellOwners = (evidence: ReadonlyArray<Evidence>, owners: ReadonlyArray<RowId> | undefined): ReadonlyArray<Evidence> => {
  if (owners === undefined || owners.length === 0) return evidence
  const missing = owners.filter((rowId) => !evidence.some((item) => item.rowId === rowId && item.source !== "weak"))
  return missing.length === 0
    ? evidence
    : merge(evidence, missing.map((rowId) => ({ source: "tracking-cell", rowId, detail: `tracking cell of client ${rowId}` })))
}

// Machine evidence naming a row id that is not in the CSV: reported, never mapped.
const addUnknownRowIds = (findings: Array<Finding>, evidence: ReadonlyArray<Evidence>, order: ReadonlyMap<RowId, number>, key: ObjectKey): void => {
  for (const item of evidence) {
    if (item.source === "human" || item.source === "weak" || order.has(item.rowId)) continue
    findings.push({
      kind: "unknown-row-id",
      subject: item.detail,
      detail: `${item.source} names row id "${item.rowId}", which is not in the CSV, as the owner of ${key}`
    })
  }
}

const compareFindings = (a: Finding, b: Finding): number =>
  a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0

// Adds new findings, once each, keeping the earlier array when nothing is new.
const mergeFindings = (existing: ReadonlyArray<Finding>, fresh: ReadonlyArray<Finding>): ReadonlyArray<Finding> => {
  const seen = new Set(existing.map((finding) => `${finding.kind}\u0000${finding.subject}\u0000${finding.detail}`))
  const added = fresh.filter((finding) => {
    const id = `${finding.kind}\u0000${finding.subject}\u0000${finding.detail}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
  return added.length === 0 ? existing : [...existing, ...added]
}
