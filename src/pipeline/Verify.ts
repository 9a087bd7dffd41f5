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
 * @example A check lowered to a warning
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, makeState, type Severity, unsafeRowId, verifyState } from "uuidmap"
 *
 * const state = makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] }) // phase 3 has not run
 * const report = verifyState(state, { clients: "clients.csv", ledger: "clients.ledger.csv" }, { ...defaultVerifyOptions, warn: new Set(["idempotent"]) })
 * const idempotent = report.checks.find((check) => check.name === "idempotent")
 * const severity: Severity | undefined = idempotent?.severity
 * assert.equal(severity, "warn")
 * assert.equal(idempotent?.passed, false)
 * assert.equal(report.ok, true) // a warning does not fail the verification
 * ```
 * @category models
 */
export type Severity = "error" | "warn"

/**
 * Options: the checks lowered to `warn`, and how many offending rows each result keeps.
 *
 * @example Fewer offending rows per check
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeState, unsafeRowId, verifyState, type VerifyOptions } from "uuidmap"
 *
 * const options: VerifyOptions = { warn: new Set(), maxOffences: 0 }
 * const report = verifyState(makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] }), { clients: "c.csv", ledger: "l.csv" }, options)
 * const failed = report.checks.filter((check) => !check.passed)
 * assert.ok(failed.length > 0 && failed.every((check) => check.count > 0 && check.offences.length === 0))
 * ```
 * @category models
 */
export interface VerifyOptions {
  /** Checks whose failure is only shown. */
  readonly warn: ReadonlySet<CheckName>
  /** How many offending rows each result keeps. */
  readonly maxOffences: number
}

/**
 * The default options: every check an error, ten offending rows each.
 *
 * @example Every check an error, ten rows each
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions } from "uuidmap"
 *
 * assert.equal(defaultVerifyOptions.warn.size, 0)
 * assert.equal(defaultVerifyOptions.maxOffences, 10)
 * ```
 * @category constructors
 */
export const defaultVerifyOptions: VerifyOptions = { warn: new Set(), maxOffences: 10 }

/**
 * One check's result: `count` offending rows in all, the first `maxOffences` of them kept.
 *
 * @example A failed check and its rows
 * ```ts
 * import assert from "node:assert/strict"
 * import { type CheckResult, defaultVerifyOptions, verify } from "uuidmap"
 *
 * const report = verify({
 *   clientsFile: "clients.csv",
 *   ledgerFile: "clients.ledger.csv",
 *   clients: [{ line: 2, rowId: "502", uuidsCell: "", countCell: "0" }, { line: 3, rowId: "502", uuidsCell: "", countCell: "0" }],
 *   ledger: [],
 *   inBucket: () => true,
 *   replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
 * }, defaultVerifyOptions)
 * const unique: CheckResult = report.checks.find((check) => check.name === "row-ids-unique")!
 * assert.equal(unique.passed, false)
 * assert.deepStrictEqual(unique.offences.map((offence) => offence.location), ["clients.csv:3"])
 * ```
 * @category models
 */
export interface CheckResult {
  /** The check. */
  readonly name: CheckName
  /** What it checks, in one line. */
  readonly description: string
  /** How bad a failure is. */
  readonly severity: Severity
  /** Whether nothing offends. */
  readonly passed: boolean
  /** How many rows offend. */
  readonly count: number
  /** The first of them. */
  readonly offences: ReadonlyArray<Offence>
}

/**
 * The whole verification. `ok` is false when an error-level check failed.
 *
 * @example A run's result passes
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, runPipelinePromise, verifyState, type VerifyReport } from "uuidmap"
 *
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const report: VerifyReport = verifyState(state, { clients: "clients.csv", ledger: "clients.ledger.csv" }, defaultVerifyOptions)
 * assert.equal(report.ok, true)
 * assert.equal(report.passed, report.checks.length)
 * ```
 * @category models
 */
export interface VerifyReport {
  /** Every check, in the order of `checkNames`. */
  readonly checks: ReadonlyArray<CheckResult>
  /** False when an error-level check failed. */
  readonly ok: boolean
  /** How many checks passed. */
  readonly passed: number
  /** How many error-level checks failed. */
  readonly failedErrors: number
  /** How many warning-level checks failed. */
  readonly failedWarnings: number
}

/**
 * Runs every check.
 *
 * @example A UUID listed for two clients
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, verify } from "uuidmap"
 *
 * const uuid = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"
 * const report = verify({
 *   clientsFile: "clients.csv",
 *   ledgerFile: "clients.ledger.csv",
 *   clients: [{ line: 2, rowId: "502", uuidsCell: uuid, countCell: "1" }, { line: 3, rowId: "503", uuidsCell: uuid, countCell: "1" }],
 *   ledger: [],
 *   inBucket: () => true,
 *   replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
 * }, defaultVerifyOptions)
 * assert.equal(report.ok, false)
 * assert.ok(report.checks.some((check) => check.name === "uuids-single-owner" && !check.passed))
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
