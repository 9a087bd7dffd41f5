/**
 * `uuidmap verify [--format text|json|junit]`: check every invariant against the CSV, the
 * ledger and the bucket together; exit 1 when an error-level check fails. `--warn CHECK`
 * lowers a check to a warning; `--out FILE` writes the output to a file (a JUnit report for
 * CI) instead of standard output.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Command } from "effect/cli"
import { UsageError } from "../../domain/UsageError.ts"
import { checkNames, isCheckName } from "../../pipeline/checks/Check.ts"
import type { CheckName } from "../../pipeline/checks/Check.ts"
import { refuseInputAsOutput } from "../../program/OutputPaths.ts"
import { verifyFiles } from "../../program/VerifyProgram.ts"
import { ExitCode, exitWith } from "../ExitCode.ts"
import { choiceWithDefault, intWithDefault, optionalText, repeatedText } from "../FlagKit.ts"
import { makePainter, stdoutWantsColour } from "../render/Colour.ts"
import { renderJunit } from "../render/Junit.ts"
import { writeOutput } from "../render/report/WriteOutput.ts"
import { renderVerifyText, verifyJson } from "../render/report/VerifyText.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * Parses `--warn` values into check names, refusing unknown ones with exit 2.
 *
 * @category flags
 */
const warnedChecks = (values: ReadonlyArray<string>): Effect.Effect<ReadonlySet<CheckName>, UsageError> =>
  Effect.gen(function*() {
    const names = values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "")
    const unknown = names.filter((name) => !isCheckName(name))
    if (unknown.length > 0) {
      return yield* new UsageError({
        reason: "BadFlag",
        message: `--warn ${unknown.map((name) => JSON.stringify(name)).join(", ")}: no such check; checks are ${checkNames.join(", ")}`
      })
    }
    return new Set(names.filter(isCheckName))
  })

/**
 * The `verify` command.
 *
 * @category commands
 */
export const verifyCommand = Command.make("verify", {
  ...sharedFlags,
  format: choiceWithDefault("format", "Output format", ["text", "json", "junit"] as const, "text"),
  warn: repeatedText("warn", `Lower a check to a warning (shown, never fails): ${checkNames.join(", ")}`),
  maxRows: intWithDefault("max-rows", "Offending rows shown per check", 10),
  out: optionalText("out", "Write the output to this file instead of standard output")
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const warn = yield* warnedChecks(flags.warn)
    const out = Option.getOrUndefined(flags.out)
    if (out !== undefined) yield* refuseInputAsOutput(settings, out, `--out "${out}"`)
    const { report } = yield* verifyFiles(settings, { warn, maxOffences: flags.maxRows }).pipe(withServices(settings, flags.quiet))
    const text = flags.format === "junit"
      ? renderJunit(report)
      : flags.format === "json"
      ? JSON.stringify(verifyJson(report), null, 2) + "\n"
      : renderVerifyText(report, makePainter(out === undefined && stdoutWantsColour())).join("\n") + "\n"
    yield* writeOutput(out, text)
    if (!report.ok) yield* exitWith(ExitCode.Violation)
  })).pipe(Command.withDescription(
    "Check every invariant against the CSV, the ledger and the bucket; exit 1 when an error-level check fails (--warn CHECK lowers one to a warning)"
  ))
