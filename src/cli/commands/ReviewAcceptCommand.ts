/**
 * `uuidmap review accept FILE`: records the decisions a person filled into a review sheet.
 * Every decision must be a row_id of the CSV or `none`; one invalid row refuses the whole
 * sheet (exit 2, nothing written). Blank decisions stay in review.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Argument, Command } from "effect/cli"
import { acceptReview } from "../../program/ReviewAccept.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `review accept` command.
 *
 * @category commands
 */
export const reviewAcceptCommand = Command.make("accept", {
  ...sharedFlags,
  file: Argument.String("FILE").pipe(Argument.withDescription("The filled-in review sheet (CSV)"))
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const outcome = yield* acceptReview(settings, flags.file).pipe(withServices(settings, flags.quiet))
    const again = outcome.decided - outcome.recorded
    yield* Console.log(
      `Recorded ${outcome.recorded} decision${outcome.recorded === 1 ? "" : "s"}` +
        (again > 0 ? ` (${again} already recorded)` : "") +
        `; ${outcome.blank} blank row${outcome.blank === 1 ? "" : "s"} stay${outcome.blank === 1 ? "s" : ""} in review.`
    )
    for (const file of outcome.written) {
      yield* Console.log(`Wrote ${file.file}${file.backup === undefined ? "" : ` (backup: ${file.backup})`}`)
    }
  })).pipe(Command.withDescription(
    "Record the decisions a person filled into a review sheet: each decision a row_id of the CSV, or none (no client owns the file); blank decisions stay in review; one invalid decision refuses the whole sheet"
  ))
