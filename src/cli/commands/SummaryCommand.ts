/**
 * `uuidmap summary`: the mapping statistics in a few lines (the report's first column, and
 * what a run would change).
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Command } from "effect/cli"
import { makeReport } from "../../program/ReportProgram.ts"
import { renderSummary } from "../render/report/ReportText.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `summary` command.
 *
 * @category commands
 */
export const summaryCommand = Command.make("summary", { ...sharedFlags }, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const data = yield* makeReport(settings).pipe(withServices(settings, flags.quiet))
    yield* Console.log(renderSummary(data).join("\n"))
  })).pipe(Command.withDescription("Mapping statistics in a few lines"))
