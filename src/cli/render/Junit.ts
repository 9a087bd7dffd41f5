/**
 * `verify --format junit`: the verification as JUnit XML, one testcase per check, so CI
 * systems list each check by name. An error-level check that fails is a `<failure>`; a
 * warn-level one passes, with its offending rows in `<system-out>` (JUnit has no warnings).
 *
 * @module
 */
import type { CheckResult, VerifyReport } from "../../pipeline/Verify.ts"
import { escapeMarkup } from "./report/MarkupEscape.ts"

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`

const offenceLines = (check: CheckResult): string => {
  const lines = check.offences.map((offence) => `${offence.location}: ${offence.message}`)
  const more = check.count - check.offences.length
  return [...lines, ...(more > 0 ? [`… and ${more} more`] : [])].join("\n")
}

const testcase = (check: CheckResult): string => {
  const open = `    <testcase classname="uuidmap.verify" name="${escapeMarkup(check.name)}" time="0"`
  if (check.passed) return `${open}/>`
  const summary = `${plural(check.count, "offending row")}: ${check.description}`
  const body = escapeMarkup(offenceLines(check))
  if (check.severity === "warn") {
    return `${open}>\n      <system-out>${escapeMarkup(`warning (severity warn): ${summary}`)}\n${body}</system-out>\n    </testcase>`
  }
  return `${open}>\n      <failure type="error" message="${escapeMarkup(summary)}">${body}</failure>\n    </testcase>`
}

/**
 * The JUnit XML document.
 *
 * @category rendering
 */
export const renderJunit = (report: VerifyReport): string => {
  const counts = `tests="${report.checks.length}" failures="${report.failedErrors}" errors="0" skipped="0" time="0"`
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="uuidmap verify" ${counts}>`,
    `  <testsuite name="uuidmap verify" ${counts}>`,
    ...report.checks.map(testcase),
    `  </testsuite>`,
    `</testsuites>`,
    ``
  ].join("\n")
}
