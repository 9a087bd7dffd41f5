/**
 * `review export FILE`: writes the review sheet of the current state (every phase run in
 * memory, nothing else written) atomically to FILE, which must not be an input of the run.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { writeFileAtomic } from "../io/files/AtomicFile.ts"
import { loadCurrentState } from "./LookupState.ts"
import { refuseInputAsOutput } from "./OutputPaths.ts"
import { reviewSheetRows, renderReviewSheet } from "./ReviewSheet.ts"
import type { Settings } from "./Settings.ts"

/**
 * Exports the sheet; returns how many files are in it.
 *
 * @category programs
 */
export const exportReview = Effect.fn("uuidmap.exportReview")(function*(settings: Settings, file: string) {
  yield* refuseInputAsOutput(settings, file, `review export "${file}"`)
  const { state } = yield* loadCurrentState(settings)
  yield* writeFileAtomic(file, new TextEncoder().encode(renderReviewSheet(state)))
  return { file, rows: reviewSheetRows(state).length }
})
