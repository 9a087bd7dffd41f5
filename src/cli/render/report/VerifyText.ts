/**
 * `verify` for people: one line per check (PASS, FAIL or WARN), the first offending rows
 * under each failed one, and a closing verdict.
 *
 * @module
 */
import type { CheckResult, VerifyReport } from "../../../pipeline/Verify.ts"
import type { Painter } from "../Colour.ts"

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`

const checkLines = (check: CheckResult, width: number, paint: Painter): ReadonlyArray<string> => {
  const name = check.name.padEnd(width)
  if (check.passed) return [`${paint.green("PASS")}  ${name}  ${paint.dim(check.description)}`]
  const label = check.severity === "error" ? paint.red("FAIL") : paint.yellow("WARN")
  const more = check.count - check.offences.length
  return [
    `${label}  ${name}  ${plural(check.count, "offending row")}: ${check.description}`,
    ...check.offences.map((offence) => `      ${offence.location}: ${offence.message}`),
    ...(more > 0 ? [`      … and ${more} more`] : [])
  ]
}

/**
 * The verification as lines of text.
 *
 * @category rendering
 */
export const renderVerifyText = (report: VerifyReport, paint: Painter): ReadonlyArray<string> => {
  const width = Math.max(...report.checks.map((check) => check.name.length))
  const verdict = report.ok
    ? `Verification passed: ${plural(report.passed, "check")} passed${report.failedWarnings > 0 ? `, ${plural(report.failedWarnings, "warning")}` : ""}.`
    : `Verification failed: ${plural(report.failedErrors, "check")} failed${report.failedWarnings > 0 ? `, ${plural(report.failedWarnings, "warning")}` : ""}, ${report.passed} passed.`
  return [...report.checks.flatMap((check) => checkLines(check, width, paint)), "", report.ok ? paint.green(verdict) : paint.red(verdict)]
}

/**
 * The verification as a JSON-ready value (snake_case, like the other machine outputs).
 *
 * @category rendering
 */
export const verifyJson = (report: VerifyReport) => ({
  ok: report.ok,
  summary: {
    checks: report.checks.length,
    passed: report.passed,
    failed: report.failedErrors,
    warnings: report.failedWarnings
  },
  checks: report.checks.map((check) => ({
    name: check.name,
    description: check.description,
    severity: check.severity,
    status: check.passed ? "pass" : "fail",
    count: check.count,
    offences: check.offences
  }))
})
