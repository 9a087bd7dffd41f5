/**
 * `uuidmap apply plan.json`: make exactly the changes of a plan made by `uuidmap plan`, or
 * refuse with exit 3, naming what changed, when the clients CSV, the ledger, an evidence file,
 * a setting or a touched object no longer matches the plan.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Argument, Command } from "effect/cli"
import { applyPlan } from "../../program/ApplyPlan.ts"
import { readPlanFile } from "../../program/PlanFile.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `apply` command.
 *
 * @category commands
 */
export const applyCommand = Command.make("apply", {
  ...sharedFlags,
  plan: Argument.String("plan").pipe(Argument.withDescription("The plan file written by uuidmap plan --out"))
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const plan = yield* readPlanFile(flags.plan)
    const applied = yield* applyPlan(settings, flags.plan, plan).pipe(withServices(settings, flags.quiet))
    if (applied.written.length === 0) return yield* Console.log(`Applied ${flags.plan}: nothing to change.`)
    const newUuids = applied.changes.ledger.filter((change) => change.before === null).length
    const cells = applied.changes.cells.length
    yield* Console.log(
      `Applied ${flags.plan}: ${newUuids} new ledger row${newUuids === 1 ? "" : "s"}, ${cells} tracking cell${cells === 1 ? "" : "s"} changed.`
    )
    for (const file of applied.written) {
      yield* Console.log(`Wrote ${file.file}${file.backup === undefined ? "" : ` (backup: ${file.backup})`}`)
    }
  })).pipe(Command.withDescription(
    "Apply exactly the changes of a plan file; refuse with exit 3, writing nothing, if the CSV, ledger, evidence files or touched objects changed since"
  ))
