/**
 * The command tree: `uuidmap` and its subcommands. Only puts the commands together.
 *
 * @module
 */
import { Command } from "effect/cli"
import { applyCommand } from "./commands/ApplyCommand.ts"
import { demoCommand } from "./commands/DemoCommand.ts"
import { filesCommand } from "./commands/FilesCommand.ts"
import { lookupCommand } from "./commands/LookupCommand.ts"
import { planCommand } from "./commands/PlanCommand.ts"
import { reportCommand } from "./commands/ReportCommand.ts"
import { reviewCommand } from "./commands/ReviewCommand.ts"
import { runCommand } from "./commands/RunCommand.ts"
import { summaryCommand } from "./commands/SummaryCommand.ts"
import { verifyCommand } from "./commands/VerifyCommand.ts"

/**
 * The root command.
 *
 * @category commands
 */
export const cli = Command.make("uuidmap").pipe(
  Command.withDescription("Reconcile an S3 bucket with a CSV of clients: a UUID for every file, one owner for every file."),
  Command.withSubcommands([runCommand, planCommand, applyCommand, verifyCommand, reportCommand, summaryCommand, lookupCommand, filesCommand, reviewCommand, demoCommand])
)
