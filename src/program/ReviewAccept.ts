/**
 * `review accept FILE`: reads a filled-in review sheet, checks every decision against the
 * current state, and refuses the whole sheet (exit 2, nothing written) if any is invalid,
 * listing every bad line. Otherwise it records the decisions as human evidence, with the note
 * and the time from `Clock`, and writes the ledger and the clients CSV through the same safe
 * writer as `run` (backups, atomic replace), under the CSV's lock. Blank decisions are left in
 * review. The written state is the current one (every phase run) plus the decisions.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { EvidenceError } from "../domain/EvidenceError.ts"
import { cellNamed, evidenceFileLabel, type EvidenceTable, hasColumn, readEvidenceRows } from "../io/evidence/EvidenceRows.ts"
import { readEvidenceFile } from "../io/evidence/EvidenceFile.ts"
import { acceptReviewDecisions, checkReviewSheet, type SheetProblem, type SheetRow } from "../pipeline/ReviewDecisions.ts"
import { diffStates, hasChanges } from "../pipeline/StateDiff.ts"
import { loadCurrentState } from "./LookupState.ts"
import type { Settings } from "./Settings.ts"
import { writeResult } from "./WriteResult.ts"
import { openWriteSession } from "./WriteSession.ts"

const sheetRows = (table: EvidenceTable): ReadonlyArray<SheetRow> =>
  table.rows.map((row) => {
    const cell = (name: string) => cellNamed(row, name) ?? { text: "", line: row.line, column: 1 }
    return { line: row.line, uuid: cell("uuid"), decision: cell("decision"), note: cell("note").text }
  })

const refuse = (file: string, problems: ReadonlyArray<SheetProblem>): EvidenceError => {
  const [first, ...others] = problems
  const also = others.map((problem) => `\n  ${file}:${problem.line}:${problem.column}: ${problem.message}`).join("")
  return new EvidenceError({
    reason: "InvalidDecision",
    file,
    line: first!.line,
    column: first!.column,
    // One bad row is one line; more are listed below it, one per line.
    message: others.length === 0
      ? `${first!.message}; nothing was recorded: fix the sheet and accept it again`
      : `${first!.message}; ${others.length} more invalid row(s):${also}\nNothing was recorded; fix the sheet and accept it again.`
  })
}

/**
 * Accepts a sheet. Returns how many decisions were recorded, how many rows were blank, and the
 * files written.
 *
 * @category programs
 */
export const acceptReview = Effect.fn("uuidmap.acceptReview")(function*(settings: Settings, file: string) {
  const now = new Date(yield* Clock.currentTimeMillis)
  const table = yield* readEvidenceRows(file, yield* readEvidenceFile(file))
  const missing = ["uuid", "decision"].find((name) => !hasColumn(table, name))
  if (missing !== undefined) {
    return yield* new EvidenceError({ reason: "MissingColumn", file, line: 1, column: 1, message: `Review sheet has no "${missing}" column` })
  }
  const session = yield* openWriteSession(settings, now)
  const { loaded, state } = yield* loadCurrentState(settings)
  const checked = checkReviewSheet(state, sheetRows(table))
  if (checked.problems.length > 0) return yield* refuse(file, checked.problems)
  const accepted = acceptReviewDecisions(state, checked.decisions, now.toISOString(), evidenceFileLabel(file))
  const changes = diffStates(loaded.state, accepted.state)
  const written = hasChanges(changes) ? yield* writeResult(settings, session, loaded, accepted.state, now) : []
  return {
    recorded: accepted.recorded,
    decided: checked.decisions.length,
    blank: checked.blank,
    state: accepted.state,
    written
  }
}, Effect.scoped)
