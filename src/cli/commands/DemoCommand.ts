/**
 * `uuidmap demo [--dir DIR]`: builds the bundled 138-file scenario (SPEC §6) in a local
 * folder, runs every built phase on it and prints the metrics table before and after.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Command } from "effect/cli"
import { buildDemo } from "../../program/demo/BuildDemo.ts"
import { reconcile } from "../../program/Reconcile.ts"
import { runServices } from "../../program/Services.ts"
import { makeSettings } from "../../program/Settings.ts"
import { defaultVerifyOptions } from "../../pipeline/Verify.ts"
import { verifyFiles } from "../../program/VerifyProgram.ts"
import { ExitCode, exitWith } from "../ExitCode.ts"
import { textWithDefault } from "../FlagKit.ts"
import { renderMetricsTable } from "../render/MetricsTable.ts"

/**
 * The `demo` command.
 *
 * @category commands
 */
export const demoCommand = Command.make("demo", {
  dir: textWithDefault("dir", "Folder to build the demo in (replaced if it holds an earlier demo)", "./uuidmap-demo")
}, (flags) =>
  Effect.gen(function*() {
    const paths = yield* buildDemo(flags.dir)
    const settings = makeSettings({
      clientsFile: paths.clientsFile,
      ledgerFile: paths.ledgerFile,
      bucket: `file://${paths.bucket}`,
      evidence: { migrationLogs: [paths.migrationLog], records: [paths.records] }
    })
    yield* Console.log(`Built the demo in ${paths.dir}: 483 clients, 138 objects (39 in client folders, 99 in files/).`)
    const outcome = yield* reconcile(settings, { phase: "all", dryRun: false }).pipe(Effect.provide(runServices(settings)))
    yield* Console.log(`Ran phase ${outcome.ran.join(", ")}.`)
    yield* Console.log("")
    yield* Console.log(renderMetricsTable([{ label: "Before", metrics: outcome.metricsBefore }, { label: "After", metrics: outcome.metricsAfter }]).join("\n"))
    const services = runServices(settings)
    const again = yield* reconcile(settings, { phase: "all", dryRun: true }).pipe(Effect.provide(services))
    const pending = again.changes.cells.length + again.changes.ledger.length
    const verification = yield* verifyFiles(settings, defaultVerifyOptions).pipe(Effect.provide(services))
    yield* Console.log("")
    yield* Console.log(pending === 0 ? "A second run changes nothing." : `A second run would still change ${pending} item(s).`)
    yield* Console.log(
      verification.report.ok
        ? `verify passes: ${verification.report.passed} of ${verification.report.checks.length} checks.`
        : `verify FAILS: ${verification.report.failedErrors} check(s) failed.`
    )
    const common = `--clients ${paths.clientsFile} --bucket file://${paths.bucket}`
    yield* Console.log("")
    yield* Console.log("Next, try:")
    yield* Console.log(`  npx uuidmap lookup 502 ${common}`)
    yield* Console.log(`  npx uuidmap review export review.csv ${common}`)
    yield* Console.log(`  npx uuidmap verify ${common}`)
    yield* Console.log(`  npx uuidmap report --format html --out report.html ${common}`)
    if (!verification.report.ok) yield* exitWith(ExitCode.Violation)
  })).pipe(Command.withDescription("Build the bundled demo bucket and CSV in a local folder and run all phases on it"))
