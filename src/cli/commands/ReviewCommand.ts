/**
 * `uuidmap review export FILE` / `uuidmap review accept FILE`: the manual-review round trip.
 *
 * @module
 */
import { Command } from "effect/cli"
import { reviewAcceptCommand } from "./ReviewAcceptCommand.ts"
import { reviewExportCommand } from "./ReviewExportCommand.ts"

/**
 * The `review` command and its two subcommands.
 *
 * @category commands
 */
export const reviewCommand = Command.make("review").pipe(
  Command.withDescription("Export the files in review for a person, and accept their decisions"),
  Command.withSubcommands([reviewExportCommand, reviewAcceptCommand])
)
