/**
 * `verify` as a pure function: every check run over the verify input, each with its severity
 * (error unless `--warn CHECK` lowers it, as dbt's `severity: warn` does), its count and its
 * first offending rows. The verification fails when an error-level check fails.
 *
 * @module
 */
import { fileCountsMatch, rowIdsNotEmpty, rowIdsUnique } from "./checks/ClientRowChecks.ts"
import { keysInBucket } from "./checks/BucketChecks.ts"
import type { Check, CheckName } from "./checks/Check.ts"
import { idempotent } from "./checks/IdempotenceCheck.ts"
import { ledgerCellsValid } from "./checks/LedgerCellChecks.ts"
import { ownersAgree, uuidsSingleOwner } from "./checks/OwnerChecks.ts"
import { ledgerKeysUnique, ledgerUuidsUnique, uuidsValid } from "./checks/UuidChecks.ts"
import type { Offence, VerifyInput } from "./checks/VerifyInput.ts"

/**
 * Every check, in the order of `checkNames`.
 *
 * @example
 * ```ts
 * import { allChecks } from "./Verify.ts"
 * allChecks.map((check) => check.name)
 * ```
 * @category checks
 */
export const allChecks: ReadonlyArray<Check> = [
  rowIdsNotEmpty,
  rowIdsUnique,
  uuidsValid,
  fileCountsMatch,
  ledgerCellsValid,
  ledgerUuidsUnique,
  ledgerKeysUnique,
  uuidsSingleOwner,
  ownersAgree,
  keysInBucket,
  idempotent
]

/**
 * How bad a failed check is: `error` fails the verification (exit 1), `warn` is only shown.
 *
 * @example
 * ```ts
 * import type { Severity } from "./Verify.ts"
 * const severity: Severity = "warn"
 * ```
 * @category models
 */
export type Severity = "error" | "warn"

/**
 * Options: the checks lowered to `warn`, and how many offending rows each result keeps.
 *
 * @example
 * ```ts
 * import type { VerifyOptions } from "./Verify.ts"
 * const options: VerifyOptions = { warn: new Set(["idempotent"]), maxOffences: 10 }
 * ```
 * @category models
 */
export interface VerifyOptions {
  readonly warn: ReadonlySet<CheckName>
  readonly maxOffences: number
}

/**
 * The default options: every check an error, ten offending rows each.
 *
 * @example
 * ```ts
 * import { defaultVerifyOptions } from "./Verify.ts"
 * defaultVerifyOptions.maxOffences // 10
 * ```
 * @category constructors
 */
export const defaultVerifyOptions: VerifyOptions = { warn: new Set(), maxOffences: 10 }

/**
 * One check's result: `count` offending rows in all, the first `maxOffences` of them kept.
 *
 * @example
 * ```ts
 * import type { CheckResult } from "./Verify.ts"
 * ```
 * @category models
 */
export interface CheckResult {
  readonly name: CheckName
  readonly description: string
  readonly severity: Severity
  readonly passed: boolean
  readonly count: number
  readonly offences: ReadonlyArray<Offence>
}

/**
 * The whole verification. `ok` is false when an error-level check failed.
 *
 * @example
 * ```ts
 * import type { VerifyReport } from "./Verify.ts"
 * ```
 * @category models
 */
export interface VerifyReport {
  readonly checks: ReadonlyArray<CheckResult>
  readonly ok: boolean
  readonly passed: number
  readonly failedErrors: number
  readonly failedWarnings: number
}

/**
 * Runs every check.
 *
 * @example
 * ```ts
 * import { defaultVerifyOptions, verify } from "./Verify.ts"
 * const report = verify(input, defaultVerifyOptions)
 * report.ok // true when no error-level check failed
 * ```
 * @category checks
 */
export const verify = (input: VerifyInput, options: VerifyOptions): VerifyReport => {
  const checks = allChecks.map((check): CheckResult => {
    const offences = check.run(input)
    return {
      name: check.name,
      description: check.description,
      severity: options.warn.has(check.name) ? "warn" : "error",
      passed: offences.length === 0,
      count: offences.length,
      offences: offences.slice(0, Math.max(0, options.maxOffences))
    }
  })
  const failedErrors = checks.filter((check) => !check.passed && check.severity === "error").length
  const failedWarnings = checks.filter((check) => !check.passed && check.severity === "warn").length
  return { checks, ok: failedErrors === 0, passed: checks.length - failedErrors - failedWarnings, failedErrors, failedWarnings }
}
