/**
 * The `report` and `summary` program: verify the files (which loads the state and runs the
 * phases on it, writing nothing) and build the report from the same load, so the bucket is
 * listed once. A report needs valid input: bad input fails as it does for `run` (exit 2);
 * `verify` lists every such problem.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { defaultVerifyOptions } from "../pipeline/Verify.ts"
import { buildReportData, type ReportData } from "./ReportData.ts"
import type { Settings } from "./Settings.ts"
import { verifyFiles } from "./VerifyProgram.ts"

/**
 * Computes the report of the files and bucket the settings name.
 *
 * @category programs
 */
export const makeReport = Effect.fn("uuidmap.makeReport")(function*(settings: Settings) {
  const verification = yield* verifyFiles(settings, defaultVerifyOptions)
  if (!("run" in verification.loaded)) return yield* Effect.fail(verification.loaded)
  const now = new Date(yield* Clock.currentTimeMillis)
  const data: ReportData = buildReportData({
    generatedAt: now.toISOString(),
    settings,
    before: verification.loaded.run.state,
    phases: verification.loaded.phases,
    verification: verification.report
  })
  return data
})
