/**
 * `uuidmap files [--format csv|json]`: every file with its uuid, owner, status, evidence and
 * why, then everything reported and never guessed. CSV cells are spreadsheet-safe. Reads only;
 * the state is computed as `run` would.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { Command } from "effect/cli"
import { listFiles } from "../../program/FilesListing.ts"
import { choiceWithDefault } from "../FlagKit.ts"
import { filesJson, renderFilesCsv } from "../render/FilesReport.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `files` command.
 *
 * @category commands
 */
export const filesCommand = Command.make("files", {
  ...sharedFlags,
  format: choiceWithDefault("format", "Output format", ["csv", "json"] as const, "csv")
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const rows = yield* listFiles(settings).pipe(withServices(settings, flags.quiet))
    const text = flags.format === "json" ? JSON.stringify(filesJson(rows), null, 2) + "\n" : renderFilesCsv(rows)
    yield* Effect.sync(() => process.stdout.write(text))
  })).pipe(Command.withDescription("List every file with its uuid, owner, status, evidence and why"))
