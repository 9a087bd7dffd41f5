/**
 * The pure half of `review accept`: checks a filled-in review sheet against the state, and
 * records each decision as human evidence (SPEC §2 source 0), which `decideOwner` always
 * follows and no later run replaces. A sheet with any invalid decision is refused whole; a row
 * whose decision is blank is left alone, so its file stays in review.
 *
 * @module
 */
import { type Evidence, noOwnerRowId, sortEvidence } from "../domain/Evidence.ts"
import { type FileUuid, isFileUuid } from "../domain/FileUuid.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { indexLedger } from "./internal/LedgerIndex.ts"
import { openLedgerBook } from "./LedgerBook.ts"
import { clientOrderOf, redecide } from "./Redecide.ts"
import { syncTrackingCells } from "./TrackingCells.ts"

/**
 * A cell of the sheet with its position.
 *
 * @category models
 */
export interface SheetCell {
  readonly text: string
  readonly line: number
  readonly column: number
}

/**
 * One row of a filled-in sheet: the file's UUID, the decision and the note.
 *
 * @category models
 */
export interface SheetRow {
  readonly line: number
  readonly uuid: SheetCell
  readonly decision: SheetCell
  readonly note: string
}

/**
 * A valid decision: an owner, or `noOwnerRowId` for `none`.
 *
 * @category models
 */
export interface ReviewDecision {
  readonly uuid: FileUuid
  readonly owner: RowId
  readonly note: string
  readonly line: number
}

/**
 * What is wrong with a cell.
 *
 * @category models
 */
export interface SheetProblem {
  readonly line: number
  readonly column: number
  readonly message: string
}

// The review sheet neutralises formula-like cells with a leading quote; a person copying a
// candidate back may keep it.
const cleanDecision = (text: string): string => text.trim().replace(/^'(?=[=+\-@\t\r])/, "")

/**
 * Checks every row. Rows without a decision are counted as blank. Problems: a UUID that is
 * not one or that the ledger does not know, a decision that is neither a row id of the CSV nor
 * `none` (any case), one file decided twice in different ways.
 *
 * @category checking
 */
export const checkReviewSheet = (state: State, rows: ReadonlyArray<SheetRow>) => {
  const order = clientOrderOf(state.clients)
  const known = new Set<string>(state.ledger.map((mapping) => mapping.uuid))
  const decisions = new Map<FileUuid, ReviewDecision>()
  const problems: Array<SheetProblem> = []
  let blank = 0
  for (const row of rows) {
    const decision = cleanDecision(row.decision.text)
    if (decision === "") {
      blank++
      continue
    }
    const uuid = row.uuid.text.trim().toLowerCase()
    const at = (cell: SheetCell, message: string) => problems.push({ line: cell.line, column: cell.column, message })
    if (!isFileUuid(uuid)) {
      at(row.uuid, `UUID ${JSON.stringify(row.uuid.text)} is not a UUID`)
      continue
    }
    if (!known.has(uuid)) {
      at(row.uuid, `UUID ${uuid} is not in the ledger`)
      continue
    }
    const owner = decision.toLowerCase() === "none" ? noOwnerRowId : decision
    if (owner !== noOwnerRowId && !order.has(owner as RowId)) {
      at(row.decision, `Decision ${JSON.stringify(decision)} is not a row_id in the CSV or "none"`)
      continue
    }
    const earlier = decisions.get(uuid)
    if (earlier !== undefined && earlier.owner !== owner) {
      at(row.decision, `UUID ${uuid} is decided twice: line ${earlier.line} says "${earlier.owner}", this line says "${owner}"`)
      continue
    }
    if (earlier === undefined) decisions.set(uuid, { uuid, owner: owner as RowId, note: row.note.trim(), line: row.line })
  }
  return { decisions: [...decisions.values()], problems, blank }
}

const notePrefix = " — note: "

// The note a decision's detail carries (see `acceptReviewDecisions`).
const noteOf = (detail: string): string => {
  const at = detail.indexOf(notePrefix)
  return at === -1 ? "" : detail.slice(at + notePrefix.length)
}

/**
 * Records decisions as human evidence, `detail` = `<time> review accept, <sheet> line <n>`
 * plus the note, then re-decides each file and re-derives the tracking cells. A decision equal
 * to the file's latest one (same owner, same note) is not recorded again, so accepting a sheet
 * twice changes nothing the second time.
 *
 * @category decisions
 */
export const acceptReviewDecisions = (
  state: State,
  decisions: ReadonlyArray<ReviewDecision>,
  time: string,
  sheet: string
): { readonly state: State; readonly recorded: number } => {
  const order = clientOrderOf(state.clients)
  const given = indexLedger(state.ledger)
  const book = openLedgerBook(given)
  let recorded = 0
  for (const decision of decisions) {
    const mapping = book.byUuid(decision.uuid)
    if (mapping === undefined) continue
    const latest = mapping.evidence
      .filter((item) => item.source === "human")
      .reduce<Evidence | undefined>((best, item) => (best === undefined || item.detail > best.detail ? item : best), undefined)
    if (latest !== undefined && latest.rowId === decision.owner && noteOf(latest.detail) === decision.note) continue
    const note = decision.note === "" ? "" : `${notePrefix}${decision.note}`
    const human: Evidence = { source: "human", rowId: decision.owner, detail: `${time} review accept, ${sheet} line ${decision.line}${note}` }
    book.put(redecide(mapping, sortEvidence([...mapping.evidence, human]), order, mapping.status !== "missing"))
    recorded++
  }
  const ledger = book.close()
  const next = ledger === given ? state : { ...state, ledger: ledger.rows }
  return { state: syncTrackingCells(next, ledger, () => false), recorded }
}
