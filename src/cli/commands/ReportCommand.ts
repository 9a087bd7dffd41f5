/**
 * `uuidmap report [--format text|json|md|html] [--out FILE]`: the completion report, the
 * success metrics per phase (the files as they are, then after each phase a run would
 * apply), verification, and the files to look at. Writes nothing but `--out`.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Command } from "effect/cli"
import { refuseInputAsOutput } from "../../program/OutputPaths.ts"
import { makeReport } from "../../program/ReportProgram.ts"
import { choiceWithDefault, intWithDefault, optionalText } from "../FlagKit.ts"
import { renderReportHtml } from "../render/report/ReportHtml.ts"
import { reportJson } from "../render/report/ReportJson.ts"
import { renderReportMarkdown } from "../render/report/ReportMarkdown.ts"
import { renderReportText } from "../render/report/ReportText.ts"
import { writeOutput } from "../render/report/WriteOutput.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `report` command.
 *
 * @category commands
 */
export const reportCommand = Command.make("report", {
  ...sharedFlags,
  format: choiceWithDefault("format", "Output format (md suits a CI job summary; html is one self-contained page)", ["text", "json", "md", "html"] as const, "text"),
  maxRows: intWithDefault("max-rows", "Files listed per table (review, unmapped, reported); JSON lists all", 500),
  out: optionalText("out", "Write the report to this file instead of standard output")
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const out = Option.getOrUndefined(flags.out)
    if (out !== undefined) yield* refuseInputAsOutput(settings, out, `--out "${out}"`)
    const data = yield* makeReport(settings).pipe(withServices(settings, flags.quiet))
    const text = flags.format === "html"
      ? renderReportHtml(data, flags.maxRows)
      : flags.format === "md"
      ? renderReportMarkdown(data, flags.maxRows)
      : flags.format === "json"
      ? JSON.stringify(reportJson(data), null, 2) + "\n"
      : renderReportText(data, flags.maxRows).join("\n") + "\n"
    yield* writeOutput(out, text)
  })).pipe(Command.withDescription("The completion report: success metrics per phase, verification, and the files in review or unmapped"))
