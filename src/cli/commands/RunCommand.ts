/**
 * `uuidmap run [--phase 1|2|3|all] [--diff] [--json]`: compute and apply; with `--diff`, print
 * what would change and write nothing (and, with `--detailed-exitcode`, exit 5 when there is
 * something to change).
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Command } from "effect/cli"
import { UsageError } from "../../domain/UsageError.ts"
import { hasChanges } from "../../pipeline/StateDiff.ts"
import { reconcile } from "../../program/Reconcile.ts"
import { ExitCode, exitWith } from "../ExitCode.ts"
import { choiceWithDefault, switchFlag } from "../FlagKit.ts"
import { makePainter, stdoutWantsColour } from "../render/Colour.ts"
import { diffLines } from "../render/DiffText.ts"
import { printLines } from "../render/PrintLines.ts"
import { renderMetricsTable } from "../render/MetricsTable.ts"
import { outcomeJson } from "../render/OutcomeJson.ts"
import { formatRequests } from "../render/RequestsText.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"
import { detailedExitcodeFlag } from "./PlanCommand.ts"

/**
 * The `run` command.
 *
 * @category commands
 */
export const runCommand = Command.make("run", {
  ...sharedFlags,
  phase: choiceWithDefault("phase", "Phase to run: 1 client folders, 2 pool files, 3 all clients", ["1", "2", "3", "all"] as const, "all"),
  diff: switchFlag("diff", "Print what would change and write nothing"),
  json: switchFlag("json", "Print the changes as JSON"),
  detailedExitcode: detailedExitcodeFlag,
  strict: switchFlag("strict", "Exit 1 when any file is left in review")
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    if (flags.detailedExitcode && !flags.diff) {
      return yield* new UsageError({ reason: "BadFlag", message: "--detailed-exitcode needs --diff (or use uuidmap plan --detailed-exitcode)" })
    }
    const outcome = yield* reconcile(settings, { phase: flags.phase, dryRun: flags.diff }).pipe(withServices(settings, flags.quiet || flags.json))
    if (flags.detailedExitcode && hasChanges(outcome.changes)) yield* exitWith(ExitCode.ChangesPending)
    const inReview = outcome.after.ledger.filter((mapping) => mapping.status === "review").length
    if (flags.strict && inReview > 0) {
      yield* Console.error(`${inReview} file${inReview === 1 ? " needs" : "s need"} review (--strict): see uuidmap review export`)
      yield* exitWith(ExitCode.Violation)
    }
    if (flags.verbose) {
      for (const finding of outcome.after.findings) yield* Console.error(`${finding.kind}: ${finding.subject} (${finding.detail})`)
      for (const key of outcome.folderMarkers) yield* Console.error(`folder-marker: ${key} (an S3 folder marker, not a file: skipped)`)
      yield* Console.error(formatRequests(outcome.requests))
    }
    if (flags.json) return yield* Console.log(JSON.stringify(outcomeJson(outcome, flags.diff), null, 2))
    if (flags.diff) {
      return yield* printLines(diffLines(outcome.changes, { clients: settings.clientsFile, ledger: settings.ledgerFile }, makePainter(stdoutWantsColour())))
    }
    if (outcome.written.length === 0) return yield* Console.log("Nothing to change.")
    const newUuids = outcome.changes.ledger.filter((change) => change.before === null).length
    yield* Console.log(`Ran phase ${outcome.ran.join(", ")}: ${newUuids} new ledger row${newUuids === 1 ? "" : "s"}, ${outcome.changes.cells.length} tracking cell${outcome.changes.cells.length === 1 ? "" : "s"} changed.`)
    for (const file of outcome.written) {
      yield* Console.log(`Wrote ${file.file}${file.backup === undefined ? "" : ` (backup: ${file.backup})`}`)
    }
    if (!flags.quiet) {
      yield* Console.log("")
      yield* Console.log(renderMetricsTable([{ label: "Before", metrics: outcome.metricsBefore }, { label: "After", metrics: outcome.metricsAfter }]).join("\n"))
    }
  })).pipe(Command.withDescription("Compute the mapping and apply it (or, with --diff, only show it)"))
