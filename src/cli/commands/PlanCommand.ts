/**
 * `uuidmap plan --out plan.json`: compute what `run` would do and save it as a plan file for
 * `uuidmap apply`, changing nothing else. With `--detailed-exitcode` it exits 5 when the plan
 * has changes, so CI can tell "changes pending" from "nothing to do".
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Command } from "effect/cli"
import { UsageError } from "../../domain/UsageError.ts"
import { writeFileAtomic } from "../../io/files/AtomicFile.ts"
import { hasChanges } from "../../pipeline/StateDiff.ts"
import { refuseInputAsOutput } from "../../program/OutputPaths.ts"
import { makePlan } from "../../program/PlanProgram.ts"
import { ExitCode, exitWith } from "../ExitCode.ts"
import { choiceWithDefault, optionalText, switchFlag } from "../FlagKit.ts"
import { makePainter, stdoutWantsColour } from "../render/Colour.ts"
import { diffLines } from "../render/DiffText.ts"
import { printLines } from "../render/PrintLines.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The flag that turns "changes pending" into exit code 5, shared by `plan` and `run --diff`.
 *
 * @category flags
 */
export const detailedExitcodeFlag = switchFlag(
  "detailed-exitcode",
  "Exit 5 when there are changes pending, 0 when there are none (like terraform plan -detailed-exitcode)"
)

/**
 * The `plan` command.
 *
 * @category commands
 */
export const planCommand = Command.make("plan", {
  ...sharedFlags,
  out: optionalText("out", "Where to save the plan (required), for example plan.json"),
  phase: choiceWithDefault("phase", "Phase to plan: 1 client folders, 2 pool files, 3 all clients", ["1", "2", "3", "all"] as const, "all"),
  detailedExitcode: detailedExitcodeFlag
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const out = Option.getOrUndefined(flags.out)
    if (out === undefined) return yield* new UsageError({ reason: "BadFlag", message: "--out FILE is required: where to save the plan" })
    yield* refuseInputAsOutput(settings, out, `--out "${out}"`)
    const planned = yield* makePlan(settings, flags.phase).pipe(withServices(settings, flags.quiet))
    yield* writeFileAtomic(out, new TextEncoder().encode(JSON.stringify(planned.plan, null, 2) + "\n"))
    if (!flags.quiet) {
      yield* printLines(diffLines(planned.changes, { clients: settings.clientsFile, ledger: settings.ledgerFile }, makePainter(stdoutWantsColour())))
      yield* Console.log("")
    }
    const { new_uuids, ledger_rows, tracking_cells } = planned.plan.summary
    const pending = hasChanges(planned.changes)
    yield* Console.log(
      pending
        ? `Saved plan to ${out}: ${new_uuids} new UUID${new_uuids === 1 ? "" : "s"}, ${ledger_rows} ledger row${ledger_rows === 1 ? "" : "s"} and ${tracking_cells} tracking cell${tracking_cells === 1 ? "" : "s"} to change. Apply it with: uuidmap apply ${out} (and the same flags)`
        : `Saved plan to ${out}: no changes.`
    )
    if (flags.detailedExitcode && pending) yield* exitWith(ExitCode.ChangesPending)
  })).pipe(Command.withDescription(
    "Compute what run would do and save it as a plan file for apply; change nothing else. With --detailed-exitcode: exit 0 no changes, 5 changes pending"
  ))
