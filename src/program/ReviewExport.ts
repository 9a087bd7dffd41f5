/**
 * `review export FILE`: writes the review sheet of the current state (every phase run in
 * memory, nothing else written) atomically to FILE.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { writeFileAtomic } from "../io/files/AtomicFile.ts"
import { loadCurrentState } from "./LookupState.ts"
import { reviewSheetRows, renderReviewSheet } from "./ReviewSheet.ts"
import type { Settings } from "./Settings.ts"

/**
 * Exports the sheet; returns how many files are in it.
 *
 * @example
 * ```ts
 * import { exportReview } from "./ReviewExport.ts"
 * const { rows } = exportReview(settings, "review.csv")
 * ```
 * @category programs
 */
export const exportReview = Effect.fn("uuidmap.exportReview")(function*(settings: Settings, file: string) {
  const { state } = yield* loadCurrentState(settings)
  yield* writeFileAtomic(file, new TextEncoder().encode(renderReviewSheet(state)))
  return { file, rows: reviewSheetRows(state).length }
})
