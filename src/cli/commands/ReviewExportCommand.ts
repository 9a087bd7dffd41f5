/**
 * `uuidmap review export FILE`: writes the files in review, with every candidate and its
 * evidence and empty `decision` and `note` columns, as a spreadsheet-safe CSV for a person.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Argument, Command } from "effect/cli"
import { exportReview } from "../../program/ReviewExport.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `review export` command.
 *
 * @category commands
 */
export const reviewExportCommand = Command.make("export", {
  ...sharedFlags,
  file: Argument.String("FILE").pipe(Argument.withDescription("The review sheet to write (CSV)"))
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const { file, rows } = yield* exportReview(settings, flags.file).pipe(withServices(settings, flags.quiet))
    yield* Console.log(
      rows === 0
        ? `Nothing is in review; wrote an empty sheet to ${file}.`
        : `Wrote ${rows} file${rows === 1 ? "" : "s"} in review to ${file}. Fill in "decision" (a row_id, or none) and "note", then run: uuidmap review accept ${file}`
    )
  })).pipe(Command.withDescription("Write the files in review, with their candidates, to a sheet for a person to decide"))
